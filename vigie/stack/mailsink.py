"""A local SMTP server that stores every message it receives as an `.eml` file.

Run as `python -m vigie.stack.mailsink --port 8025 --dir var/mail`. It is the embedded stack's stand-in
for a real mail relay: the notifier talks plain SMTP to it exactly as it would to a relay.
"""

import argparse
import asyncio
import signal
import uuid
from datetime import UTC, datetime
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


class MaildirHandler:
    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        temporary = path.with_suffix(".tmp")
        content = envelope.original_content or b""
        temporary.write_bytes(content)
        # Rename so that a reader never sees a half-written message.
        temporary.rename(path)
        return "250 Message accepted for delivery"


def start_mailsink(directory: Path, port: int, host: str = "127.0.0.1") -> Controller:
    controller = Controller(MaildirHandler(directory), hostname=host, port=port)
    controller.start()
    return controller


def main() -> None:
    parser = argparse.ArgumentParser(description="Store received SMTP messages as .eml files.")
    parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default: loopback).")
    parser.add_argument("--port", type=int, default=8025, help="TCP port to listen on.")
    parser.add_argument("--dir", type=Path, required=True, help="Folder where .eml files are written.")
    arguments = parser.parse_args()

    controller = start_mailsink(arguments.dir, arguments.port, arguments.host)
    loop = asyncio.new_event_loop()
    stopped = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    try:
        loop.run_until_complete(stopped.wait())
    finally:
        controller.stop()
        loop.close()


if __name__ == "__main__":
    main()
