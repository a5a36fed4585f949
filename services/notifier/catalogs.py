"""Start-up check of the translations, and the commands that keep the catalogs in step with the code.

`python -m services.notifier.catalogs check` runs the check; `update` extracts the messages from the
templates and the Python code into `locales/messages.pot` and merges them into every `.po` file.
The notifier runs the check before it consumes anything, so a missing translation stops the start-up
instead of failing, or sending English, at send time.
"""

import argparse
import subprocess
import sys
from collections.abc import Iterator

from babel.messages.extract import extract_from_dir

from services.notifier.i18n import LOCALES_DIR, PACKAGE_DIR, CatalogError, catalog_path, read_catalog
from services.notifier.preferences import SUPPORTED_LANGUAGES

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
METHOD_MAP = [("templates/**", "jinja2.ext:babel_extract"), ("**.py", "python")]
OPTIONS = {"templates/**": {"extensions": "jinja2.ext.i18n"}}


def extracted_messages() -> set[str]:
    """Return every msgid the templates and the Python code use."""
    found: set[str] = set()
    for _, _, message, _, _ in extract_from_dir(str(PACKAGE_DIR), METHOD_MAP, OPTIONS, KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def untranslated(language: str) -> Iterator[str]:
    for message in read_catalog(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            yield message.id[0] if isinstance(message.id, tuple) else message.id


def check_catalogs() -> None:
    """Raise CatalogError unless every language translates every message, then render every template."""
    used = extracted_messages()
    problems: list[str] = []
    for language in SUPPORTED_LANGUAGES:
        catalog = read_catalog(language)
        known = {message.id[0] if isinstance(message.id, tuple) else message.id for message in catalog}
        problems += [f"{language}: missing {msgid!r}" for msgid in sorted(used - known)]
        problems += [f"{language}: untranslated or fuzzy {msgid!r}" for msgid in untranslated(language)]
    if problems:
        raise CatalogError(f"{len(problems)} translation problem(s); run `python -m services.notifier.catalogs "
                           f"update` and translate:\n" + "\n".join(problems))

    from services.notifier.samples import render_every_template

    for language in SUPPORTED_LANGUAGES:
        render_every_template(language)


def update_catalogs() -> None:
    template = LOCALES_DIR / "messages.pot"
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    # Fixed arguments, run by our own interpreter: nothing comes from outside.
    subprocess.run([  # noqa: S603
        *pybabel, "extract", "-F", str(PACKAGE_DIR / "babel.cfg"), "--no-location", "--sort-output",
        "-k", "_", "-k", "ngettext:1,2", "-o", str(template), str(PACKAGE_DIR),
    ], check=True)
    for language in SUPPORTED_LANGUAGES:
        command = "update" if catalog_path(language).exists() else "init"
        subprocess.run([  # noqa: S603
            *pybabel, command, "-i", str(template), "-d", str(LOCALES_DIR), "-l", language, "--no-wrap",
        ], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Check or update the notifier's translation catalogs.")
    parser.add_argument("command", choices=["check", "update"],
                        help="check: fail on a missing translation; update: extract and merge messages.")
    arguments = parser.parse_args()
    if arguments.command == "update":
        update_catalogs()
        return
    try:
        check_catalogs()
    except CatalogError as exc:
        sys.exit(str(exc))
    print("every template renders and every message is translated in", ", ".join(SUPPORTED_LANGUAGES))


if __name__ == "__main__":
    main()
