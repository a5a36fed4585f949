"""Parse WhatsApp and SMS chat exports: one message per "date, time - name: text" line.

These export lines are recognised, with a 24-hour or 12-hour clock.
    03/12/2026, 21:15 - Name: text          (Android, French or English day-first)
    [03.12.26, 21:15:03] Name: text         (iOS, German)
    12/3/26, 9:15 PM - Name: text           (Android, US English month-first)
A line that does not start a message continues the previous one. Lines without "Name:" are system
notices (encryption notice, group changes) and are skipped.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

DateOrder = Literal["dmy", "mdy"]

LINE = re.compile(
    r"^[\u200e\u200f]?\[?(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<year>\d{2,4}),?\s+"
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    r"(?:[\s\u202f\u00a0]*(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?\]?\s*(?:-\s+|:\s+)?(?P<rest>.*)$"
)
AUTHOR = re.compile(r"^(?P<author>[^:]{1,100}?):\s(?P<text>.*)$", re.DOTALL)


# Placeholder text that exports write in place of a photo, voice note or file left out of the export.
MEDIA_PLACEHOLDER = re.compile(
    r"^[\u200e\u200f]?(?:<\s*(?:m[ée]dias? omis|media omitted|medien (?:ausgeschlossen|weggelassen))\s*>"
    r"|(?:image|video|audio|sticker|document|GIF) omitted|(?:Bild|Video|Audio|Sticker|Dokument) weggelassen"
    r"|(?:image|vidéo|audio|autocollant|document) absente?)$",
    re.IGNORECASE,
)


def is_media_placeholder(text: str) -> bool:
    return MEDIA_PLACEHOLDER.match(text.strip()) is not None


class ChatParseError(Exception):
    """Raised when an export has no message line, or a date that no order can read."""


@dataclass(frozen=True)
class ChatMessage:
    line_number: int
    sent_at: datetime
    author: str
    text: str

    def external_id(self, platform: str, practice_ref: str, occurrence: int) -> str:
        """Return an id that a re-upload of the same export reproduces."""
        parts = (platform, practice_ref, self.sent_at.isoformat(), self.author, self.text, str(occurrence))
        basis = "\x1f".join(parts)
        return f"chat-{hashlib.sha256(basis.encode('utf-8')).hexdigest()[:32]}"


@dataclass(frozen=True)
class _Line:
    number: int
    match: re.Match[str]


def detect_date_order(lines: list[re.Match[str]]) -> DateOrder:
    """Pick day-first unless a 12-hour clock or a second field above 12 shows month-first."""
    if any(int(m["a"]) > 12 for m in lines):
        return "dmy"
    if any(int(m["b"]) > 12 for m in lines):
        return "mdy"
    if any(m["ampm"] for m in lines) and not any("." in m.group(0)[:10] for m in lines):
        return "mdy"
    return "dmy"


def parse_chat(text: str, time_zone: ZoneInfo, date_order: DateOrder | None = None) -> list[ChatMessage]:
    starts: list[_Line] = []
    bodies: list[list[str]] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        match = LINE.match(line)
        if match:
            starts.append(_Line(number, match))
            bodies.append([match["rest"]])
        elif bodies:
            bodies[-1].append(line)
    if not starts:
        raise ChatParseError("no line starts with a date and time such as '03/12/2026, 21:15 - Name: text'; "
                             "upload the .txt file the chat export produced")

    order = date_order or detect_date_order([start.match for start in starts])
    messages = []
    for start, body in zip(starts, bodies, strict=True):
        authored = AUTHOR.match("\n".join(body))
        if authored is None:
            continue
        messages.append(ChatMessage(start.number, _timestamp(start, order, time_zone),
                                    authored["author"].strip(), authored["text"].strip()))
    return messages


def _timestamp(line: _Line, order: DateOrder, time_zone: ZoneInfo) -> datetime:
    match = line.match
    first, second = int(match["a"]), int(match["b"])
    day, month = (first, second) if order == "dmy" else (second, first)
    year = int(match["year"])
    year += 2000 if year < 100 else 0
    hour = int(match["hour"])
    ampm = (match["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, int(match["minute"]), int(match["second"] or 0), tzinfo=time_zone)
    except ValueError:
        raise ChatParseError(f"line {line.number}: {match.group(0)[:40]!r} is not a valid date in {order} order; "
                             "set date_order to the other order") from None
