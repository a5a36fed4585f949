"""The `vigie` command line."""

import argparse
import json
import sys
from pathlib import Path

from vigie.settings import Settings, get_settings


def _stack(arguments: argparse.Namespace) -> int:
    from vigie.stack.manager import StackManager
    from vigie.stack.processes import StartupError

    manager = StackManager(get_settings())
    if arguments.action == "up":
        try:
            print(json.dumps(manager.up()))
        except StartupError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
    if arguments.action == "down":
        print(json.dumps({"stopped": manager.down()}))
        return 0
    report = manager.status()
    print(json.dumps(report))
    return 0 if all(part["ready"] for part in report.values()) else 1


def default_ingest_url(settings: Settings) -> str:
    """Return the running stack's ingest URL, whatever ports this shell's settings name."""
    from vigie.stack.manager import StackManager

    port = StackManager(settings).running_port("ingest") or settings.INGEST_PORT
    return f"http://127.0.0.1:{port}"


def _replay(arguments: argparse.Namespace) -> int:
    from vigie.cli.replay import ReplayInterruptedError, ReplayTarget, replay
    from vigie.stack.manager import StackManager

    missing = [str(path) for path in arguments.files if not path.exists()]
    if missing:
        print(f"error: file not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    settings = get_settings()
    manager = StackManager(settings)
    credentials_path = manager.paths.var_dir / "dev-credentials.json"
    credentials = json.loads(credentials_path.read_text()) if credentials_path.exists() else {}
    target = ReplayTarget(
        ingest_url=arguments.ingest_url or default_ingest_url(settings),
        partner_id=arguments.partner_id or credentials.get("partner_id", ""),
        webhook_secret=arguments.secret or credentials.get("webhook_secret", ""),
    )
    if not target.partner_id or not target.webhook_secret:
        print("error: no partner credentials; run `vigie stack up` first or pass --partner-id and --secret",
              file=sys.stderr)
        return 2
    try:
        summary = replay(arguments.files, target, arguments.batch_size)
    except ReplayInterruptedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(json.dumps(exc.summary.as_dict(), ensure_ascii=False))
        return 1
    print(json.dumps(summary.as_dict(), ensure_ascii=False))
    return 0 if summary.rejected == 0 else 1


def _score(arguments: argparse.Namespace) -> int:
    from vigie.cli.score import run_score

    return run_score(get_settings(), arguments.input, arguments.output)


def _check_reply(arguments: argparse.Namespace) -> int:
    from vigie.cli.score import run_check_reply

    text = arguments.text if arguments.text is not None else sys.stdin.read()
    return run_check_reply(text, arguments.language)


def _dead_letter(arguments: argparse.Namespace) -> int:
    from vigie.cli.dead_letter import run_dead_letter

    return run_dead_letter(_stack_settings(), arguments.action, arguments.max_records)


def _stack_settings():  # type: ignore[no-untyped-def]
    """Return the settings, pointed at the embedded stack's broker unless VIGIE_KAFKA_BOOTSTRAP_SERVERS is set."""
    import os

    settings = get_settings()
    if "VIGIE_KAFKA_BOOTSTRAP_SERVERS" not in os.environ:
        settings = settings.model_copy(update={"KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{settings.STACK_BROKER_PORT}"})
    return settings


def _import(arguments: argparse.Namespace) -> int:
    from vigie.cli.import_export import MappingError, parse_mapping, run_import
    from vigie.stack.manager import StackManager

    settings = get_settings()
    manager = StackManager(settings)
    credentials_path = manager.paths.var_dir / "dev-credentials.json"
    credentials = json.loads(credentials_path.read_text()) if credentials_path.exists() else {}
    api_key = arguments.api_key or credentials.get("api_key", "")
    if not api_key:
        print("error: no API key; run `vigie stack up` first or pass --api-key", file=sys.stderr)
        return 2
    if not arguments.file.exists():
        print(f"error: file not found: {arguments.file}", file=sys.stderr)
        return 2
    try:
        mapping = parse_mapping(arguments.mapping, arguments.set)
        summary = run_import(arguments.file, mapping, arguments.ingest_url or default_ingest_url(settings),
                             api_key, arguments.batch_size, arguments.format)
    except MappingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary.as_dict(), ensure_ascii=False))
    return 0 if summary.rejected == 0 else 1


def _demo(_: argparse.Namespace) -> int:
    from vigie.cli.demo import run_demo

    return run_demo(get_settings())


def _verify_evidence(arguments: argparse.Namespace) -> int:
    from vigie.cli.evidence import run_verify_evidence

    return run_verify_evidence(arguments.file, arguments.public_key)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vigie", description="Vigie: review-blackmail defence for practices.")
    commands = parser.add_subparsers(dest="command", required=True)

    stack = commands.add_parser("stack", help="Run the embedded stack (broker, database, SMTP, services).")
    stack.add_argument("action", choices=["up", "down", "status"])
    stack.set_defaults(handler=_stack)

    replay = commands.add_parser("replay", help="Post JSONL reviews through the signed generic webhook.")
    replay.add_argument("files", nargs="+", type=Path, help="JSONL files in the generic review shape.")
    replay.add_argument("--ingest-url", help="Ingest base URL (default: the embedded stack's).")
    replay.add_argument("--partner-id", help="Partner id (default: the embedded stack's development partner).")
    replay.add_argument("--secret", help="Partner webhook secret, whsec_... (default: the development one).")
    replay.add_argument("--batch-size", type=int, default=100, help="Reviews per request, 1 to 500.")
    replay.set_defaults(handler=_replay)

    score = commands.add_parser("score", help="Score a JSONL file offline with the stream's scorer.")
    score.add_argument("--input", type=Path, required=True, help="JSONL file in the generic review shape.")
    score.add_argument("--output", type=Path, required=True, help="JSONL file to write, with `risk` added.")
    score.set_defaults(handler=_score)

    check = commands.add_parser("check-reply", help="Check a practitioner's reply for medical-secrecy breaches.")
    check.add_argument("text", nargs="?", help="The reply text (default: read standard input).")
    check.add_argument("--language", choices=["fr", "en", "de"], help="Language of the reply if known.")
    check.set_defaults(handler=_check_reply)

    dead = commands.add_parser("dead-letter", help="List or replay records of the dead-letter topic.")
    dead.add_argument("action", choices=["list", "replay"])
    dead.add_argument("--max-records", type=int, default=1000, help="Stop after this many records.")
    dead.set_defaults(handler=_dead_letter)

    verify = commands.add_parser("verify-evidence",
                                 help="Check an evidence ZIP's signature, its manifest and its hash chain.")
    verify.add_argument("file", type=Path, help="The ZIP from GET /v1/incidents/{id}/evidence.")
    verify.add_argument("--public-key", type=Path, metavar="PEM",
                        help="PEM file of the server's public key (the public_key_pem field of "
                             "GET /v1/evidence/public-key); the signature must verify with it. Default: the key "
                             "inside the ZIP, which does not prove who signed.")
    verify.set_defaults(handler=_verify_evidence)

    bulk = commands.add_parser("import", help="Import a CSV or JSONL export of another tool through ingest.")
    bulk.add_argument("file", type=Path, help="The export: .csv (comma, semicolon or tab) or .jsonl.")
    bulk.add_argument("--mapping", required=True,
                      help="field=column pairs, comma-separated (e.g. external_id=ID,text=Comment,rating=Stars), "
                           "or a .json file of them.")
    bulk.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                      help="A constant for a field the file lacks, e.g. --set platform=google; repeatable.")
    bulk.add_argument("--format", choices=["csv", "jsonl"], help="File format (default: from the extension).")
    bulk.add_argument("--ingest-url", help="Ingest base URL (default: the embedded stack's).")
    bulk.add_argument("--api-key", help="Tenant API key with the write scope (default: the development one).")
    bulk.add_argument("--batch-size", type=int, default=200, help="Rows per request, 1 to 500.")
    bulk.set_defaults(handler=_import)

    demo = commands.add_parser("demo", help="Start the stack, replay the demo reviews, wait for Ctrl-C.")
    demo.set_defaults(handler=_demo)
    return parser


def main(argv: list[str] | None = None) -> None:
    arguments = build_parser().parse_args(argv)
    if getattr(arguments, "batch_size", 1) not in range(1, 501):
        print(f"error: --batch-size {arguments.batch_size} is out of range; use 1 to 500", file=sys.stderr)
        sys.exit(2)
    sys.exit(arguments.handler(arguments))


if __name__ == "__main__":
    main()
