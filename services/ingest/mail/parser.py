"""Parse a forwarded email into the original message: its sender, date, body and attachments.

Staff forward the blackmail email either as an attachment (a message/rfc822 part, which keeps the
original headers) or inline, where the mail client writes a header block ("---------- Forwarded
message ---------", "-------- Message transféré --------", "Begin forwarded message:", ...) above the
original body. A message with neither is taken as the original itself.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr
from html.parser import HTMLParser

from services.ingest.mail.dates import parse_mail_date


class MailParseError(Exception):
    """Raised when the bytes are not a message that has a readable text body."""


class AttachmentTooLargeError(Exception):
    """Raised when an attachment exceeds the limit; the whole message is rejected, nothing is stored."""

    def __init__(self, filename: str, size: int, limit: int):
        super().__init__(f"Attachment {filename!r} is {size} bytes; the limit is {limit} bytes. "
                         "Send it separately, compressed or split.")
        self.filename = filename
        self.size = size
        self.limit = limit


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def summary(self) -> dict[str, object]:
        return {"sha256": self.sha256, "filename": self.filename, "size": len(self.data),
                "content_type": self.content_type}


@dataclass
class ParsedMail:
    sender_name: str | None
    sender_address: str | None
    sent_at: datetime | None
    subject: str | None
    body: str
    message_id: str | None
    forwarded: bool
    forwarded_by: str | None
    attachments: list[Attachment] = field(default_factory=list)

    def external_id(self) -> str:
        """Return the original's Message-ID, else a digest of sender, date and body, which a re-forward keeps."""
        if self.message_id:
            return self.message_id.strip("<>")[:256]
        basis = f"{self.sender_address}\x1f{self.sent_at}\x1f{self.body.strip()}"
        return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()


FORWARD_MARKERS = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message|message transf[ée]r[ée]|message d'origine|"
    r"weitergeleitete nachricht|urspr[üu]ngliche nachricht)\s*-{2,}|"
    r"(?:begin forwarded message|d[ée]but du message r[ée]exp[ée]di[ée]|anfang der weitergeleiteten nachricht)"
    r"\s*:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
HEADER_LINE = re.compile(r"^\s*[>*]*\s*(?P<name>[^\W\d_][\w ]{0,20}?)\s*\*?\s*:\s*\*?\s*(?P<value>.*)$")
FROM_NAMES = {"from", "de", "von", "expéditeur"}
DATE_NAMES = {"date", "sent", "envoyé", "gesendet", "datum", "le"}
SUBJECT_NAMES = {"subject", "objet", "sujet", "betreff"}
KNOWN_NAMES = FROM_NAMES | DATE_NAMES | SUBJECT_NAMES | {"to", "à", "a", "an", "cc", "reply-to", "répondre à"}


def parse_forwarded_mail(raw: bytes, max_attachment_bytes: int) -> ParsedMail:
    try:
        outer = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as exc:
        raise MailParseError(f"the message could not be parsed as MIME: {exc}") from None
    if not isinstance(outer, EmailMessage) or not outer.keys():
        raise MailParseError("the message has no headers; upload the whole .eml file, headers included")

    forwarded_by = _address(outer.get("From"))[1]
    outer_date = _header_date(outer)
    attachments = _attachments(outer, max_attachment_bytes)
    inner = _attached_message(outer)
    if inner is not None:
        attachments.extend(_attachments(inner, max_attachment_bytes))
        name, address = _address(inner.get("From"))
        return ParsedMail(name, address, _header_date(inner), _str(inner.get("Subject")), _text_body(inner),
                          _str(inner.get("Message-ID")), True, forwarded_by, attachments)

    body = _text_body(outer)
    marker = FORWARD_MARKERS.search(body)
    if marker is None:
        name, address = _address(outer.get("From"))
        return ParsedMail(name, address, outer_date, _str(outer.get("Subject")), body.strip(),
                          _str(outer.get("Message-ID")), False, None, attachments)

    default_tz: tzinfo = outer_date.tzinfo if outer_date and outer_date.tzinfo else UTC
    headers, original_body = _split_inline_headers(body[marker.end():])
    name, address = _address(headers.get("from"))
    sent_at = parse_mail_date(headers["date"], default_tz) if "date" in headers else None
    return ParsedMail(name, address, sent_at, headers.get("subject"), original_body.strip(), None, True,
                      forwarded_by, attachments)


def _split_inline_headers(text: str) -> tuple[dict[str, str], str]:
    """Read the header block under a forward marker; return it and the body below it."""
    lines = text.lstrip("\r\n").splitlines()
    headers: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        match = HEADER_LINE.match(line)
        if not line.strip():
            if headers:
                index += 1
                break
        elif match and match["name"].strip().lower() in KNOWN_NAMES:
            key = match["name"].strip().lower()
            canonical = ("from" if key in FROM_NAMES else "date" if key in DATE_NAMES
                         else "subject" if key in SUBJECT_NAMES else key)
            headers.setdefault(canonical, match["value"].strip())
        elif headers:
            break
        index += 1
    return headers, "\n".join(lines[index:])


def _attached_message(message: EmailMessage) -> EmailMessage | None:
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], EmailMessage):
                return payload[0]
    return None


def _attachments(message: EmailMessage, limit: int) -> list[Attachment]:
    found = []
    for part in message.iter_attachments():
        if part.get_content_type() == "message/rfc822":
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename() or "unnamed"
        if len(data) > limit:
            raise AttachmentTooLargeError(filename, len(data), limit)
        found.append(Attachment(filename=filename, content_type=part.get_content_type(), data=data))
    return found


def _text_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise MailParseError("the message has no text/plain or text/html body to read")
    content = part.get_content()
    if not isinstance(content, str):
        raise MailParseError(f"the body part {part.get_content_type()} is not text")
    if part.get_content_type() == "text/html":
        return html_to_text(content)
    return content


def _header_date(message: EmailMessage) -> datetime | None:
    value = message.get("Date")
    if value is None:
        return None
    try:
        parsed = value.datetime
    except AttributeError:
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _address(value: object) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    name, address = parseaddr(str(value))
    return (name or None), (address or None)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "blockquote"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    text = "".join(extractor.parts)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
