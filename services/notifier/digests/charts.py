"""PNG charts of a digest, drawn with matplotlib's Agg backend (no display needed)."""

from io import BytesIO

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from babel.dates import format_date

from services.notifier.digests.data import DigestData
from services.notifier.i18n import translations_for

COLOR = "#1d4ed8"
FIGURE_SIZE = (6.0, 2.6)
DPI = 110


def _png(figure: plt.Figure) -> bytes:
    buffer = BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=DPI)
    plt.close(figure)
    return buffer.getvalue()


def platform_chart(data: DigestData, language: str) -> bytes:
    _ = translations_for(language).gettext
    figure, axes = plt.subplots(figsize=FIGURE_SIZE)
    names = [str(row["name"]) for row in data.platforms] or ["–"]
    counts = [int(row["count"]) for row in data.platforms] or [0]  # type: ignore[call-overload]
    axes.barh(names, counts, color=COLOR)
    axes.invert_yaxis()
    axes.set_title(_("New reviews per platform"), fontsize=10)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def rating_chart(data: DigestData, language: str, locale: str) -> bytes:
    translations = translations_for(language)
    figure, axes = plt.subplots(figsize=FIGURE_SIZE)
    labels = [format_date(start, "d MMM", locale=locale) for start, _, _ in data.series]
    values = [average if average is not None else float("nan") for _, average, _ in data.series]
    axes.plot(labels, values, marker="o", color=COLOR)
    axes.set_ylim(0.8, 5.2)
    axes.set_ylabel(translations.gettext("Average rating"), fontsize=9)
    if data.period.kind == "daily":
        title = translations.ngettext("Average rating, last %(num)d day", "Average rating, last %(num)d days",
                                      len(values))
    else:
        title = translations.ngettext("Average rating, last %(num)d week", "Average rating, last %(num)d weeks",
                                      len(values))
    axes.set_title(title % {"num": len(values)}, fontsize=10)
    axes.tick_params(axis="x", labelsize=7, rotation=45)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)
