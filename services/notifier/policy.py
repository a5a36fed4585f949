"""When an alert may be sent: quiet hours and the legal deadline shown for press-law offences."""

import calendar
from datetime import UTC, date, datetime, timedelta

from contracts.risk import Category
from services.notifier.preferences import QuietHours

# A practitioner must hear about these at once, whatever the hour.
URGENT_CATEGORIES = frozenset({Category.EXTORTION, Category.THREAT})
# Legal notes in alert emails depend on the practice's jurisdiction (see resolve_locale): French Criminal
# Code for FR; for CH the Swiss Criminal Code articles only (art. 156 extortion, art. 181 coercion),
# because no Swiss penalty figure has been checked against the law text. When the country is neither FR
# nor CH, or missing with a locale that has no region (`fr`, `de`), emails state that the applicable law
# is unknown and advise a lawyer: a French or Swiss article shown to a practice elsewhere would mislead more
# than no article.
# French law of 29 July 1881: defamation and insult are time-barred 3 months after publication.
PRESS_LAW_CATEGORIES = frozenset({Category.DEFAMATION, Category.INSULT})
PRESS_LAW_MONTHS = 3


def quiet_hours_end(quiet: QuietHours | None, now: datetime) -> datetime | None:
    """Return when the current quiet period ends (UTC), or None when `now` is outside quiet hours."""
    if quiet is None:
        return None
    local = now.astimezone(quiet.timezone)
    clock = local.time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        inside = quiet.start <= clock < quiet.end
        end_day = local.date()
    else:
        # The period spans midnight, e.g. 20:00 to 07:00.
        inside = clock >= quiet.start or clock < quiet.end
        end_day = local.date() + timedelta(days=1) if clock >= quiet.start else local.date()
    if not inside:
        return None
    end = datetime.combine(end_day, quiet.end, tzinfo=quiet.timezone)
    return end.astimezone(UTC)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def press_law_deadline(category: Category, published_at: datetime | None, country: str) -> date | None:
    """Return the last day to act for a defamation or insult published in France, else None."""
    # NOTE: the 3-month rule comes from the French press law; Swiss practices get no deadline until the
    # Swiss rule for defamation complaints is checked and added.
    if category not in PRESS_LAW_CATEGORIES or published_at is None or country != "FR":
        return None
    return add_months(published_at.date(), PRESS_LAW_MONTHS)
