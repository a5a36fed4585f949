"""Gettext catalogs and Jinja2 environments for the notifier's emails and PDFs, one per language.

The `.po` files under `locales/` are the only source of translations. They are compiled in memory with
Babel when first used, so a fresh clone needs no build step and no `.mo` file can go stale. After
changing a message, run `python -m services.notifier.catalogs update`, translate, then `... check`.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date, format_datetime, format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from services.notifier.preferences import SUPPORTED_LANGUAGES

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALES_DIR = PACKAGE_DIR / "locales"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
DOMAIN = "messages"
# A leading "1" that is the whole day number, followed by a space or a no-break space.
FIRST_OF_MONTH = re.compile(r"^1(?=[\s\u00a0\u202f])")


class CatalogError(Exception):
    """Raised at start-up when a catalog is missing, invalid or lacks a translation."""


def catalog_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def read_catalog(language: str) -> Catalog:
    path = catalog_path(language)
    if not path.is_file():
        raise CatalogError(f"missing catalog {path}; create it with `pybabel init` from messages.pot")
    with path.open("rb") as source:
        return read_po(source, locale=language)


@cache
def translations_for(language: str) -> Translations:
    compiled = BytesIO()
    write_mo(compiled, read_catalog(language))
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@dataclass(frozen=True)
class Formatter:
    """Dates and numbers written the way the recipient's locale writes them (Babel CLDR data)."""

    locale: str
    timezone: tzinfo

    def day_month(self, value: datetime | date) -> str:
        day = self._local_date(value)
        return self._first_of_month(day, format_skeleton("MMMMd", day, locale=self.locale))

    def long_date(self, value: datetime | date) -> str:
        day = self._local_date(value)
        return self._first_of_month(day, format_date(day, "long", locale=self.locale))

    def date_time(self, value: datetime) -> str:
        text = format_datetime(value, "medium", tzinfo=self.timezone, locale=self.locale)
        return self._first_of_month(self._local_date(value), text)

    def number(self, value: float, digits: int = 1) -> str:
        return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale=self.locale)

    def _first_of_month(self, day: date, text: str) -> str:
        # French writes the first day of a month as an ordinal ("1er décembre"); CLDR patterns have no
        # ordinal day field, so Babel prints "1 décembre".
        if day.day != 1 or not self.locale.startswith("fr") or not text.startswith("1"):
            return text
        return FIRST_OF_MONTH.sub("1er", text, count=1)

    def _local_date(self, value: datetime | date) -> date:
        if isinstance(value, datetime):
            return value.astimezone(self.timezone).date()
        return value


@cache
def environment(language: str) -> Environment:
    if language not in SUPPORTED_LANGUAGES:
        raise CatalogError(f"unsupported language {language!r}; use one of {list(SUPPORTED_LANGUAGES)}")
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        extensions=["jinja2.ext.i18n"],
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations_for(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def render(language: str, template_name: str, /, **context: object) -> str:
    return environment(language).get_template(template_name).render(**context)
