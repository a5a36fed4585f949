"""The inbound SMTP server: accepts mail for known practice addresses and publishes each message.

It runs in the ingest event loop (an asyncio server around aiosmtpd's SMTP protocol), so it shares the
ingest process's Kafka producer and MongoDB client. A recipient must be in `inbound_addresses`;
anything else is rejected at RCPT, before the message is sent.
"""

import asyncio
import uuid

from aiosmtpd.smtp import SMTP, Envelope, Session

from services.ingest.mail.intake import accept_email
from services.ingest.mail.parser import AttachmentTooLargeError, MailParseError
from services.ingest.state import IngestState
from vigie.http import ApiError
from vigie.logs import get_logger
from vigie.metrics import INGEST_EVENTS

log = get_logger(__name__)

SOURCE = "smtp"


class InboundMailHandler:
    def __init__(self, state: IngestState):
        self._state = state

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        target = await self._state.database.inbound_addresses.find_one(
            {"_id": address.lower(), "disabled": {"$ne": True}}
        )
        if target is None:
            log.warning("inbound mail for unknown address rejected")
            return f"550 5.1.1 No practice receives mail at <{address}>; use the address shown in Vigie"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        event_ids: list[str] = []
        for address in envelope.rcpt_tos:
            target = await self._state.database.inbound_addresses.find_one({"_id": address.lower()})
            if target is None:
                continue
            try:
                result = await accept_email(
                    self._state, tenant_id=str(target["tenant_id"]), partner_id=f"smtp:{address.lower()}",
                    practice_ref=str(target["practice_ref"]), raw=raw, source=SOURCE,
                    correlation_id=uuid.uuid4().hex,
                    received_by={"smtp_to": address, "smtp_mail_from": envelope.mail_from},
                )
            except AttachmentTooLargeError as exc:
                INGEST_EVENTS.labels(SOURCE, "rejected").inc()
                return f"552 5.3.4 {exc}"
            except MailParseError as exc:
                INGEST_EVENTS.labels(SOURCE, "rejected").inc()
                return f"554 5.6.0 The message is invalid: {exc}"
            except ApiError as exc:
                log.error("inbound mail not published", code=exc.code)
                return "451 4.3.0 Vigie cannot store the message now; the sending server will retry"
            event_ids.extend(event_id for _, event_id in result.accepted)
        return "250 OK " + (" ".join(event_ids) or "already received")


async def start_inbound_smtp(state: IngestState) -> asyncio.Server:
    settings = state.settings
    handler = InboundMailHandler(state)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, data_size_limit=settings.INGEST_MAX_UPLOAD_BYTES, enable_SMTPUTF8=True,
                     hostname=settings.INBOUND_SMTP_DOMAIN),
        host=settings.INBOUND_SMTP_HOST,
        port=settings.INBOUND_SMTP_PORT,
    )
    log.info("inbound smtp started", host=settings.INBOUND_SMTP_HOST, port=settings.INBOUND_SMTP_PORT)
    return server
