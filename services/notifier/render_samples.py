"""Write a sample alert and digest in every language to a folder, for people to look at.

Usage: `python -m services.notifier.render_samples out/samples`. Writes, per language, the alert as
`.html`, `.txt` and `.eml`, and the weekly digest as `.pdf` and `.eml` (open the `.eml` in a mail client
to see the inline charts).
"""

import argparse
from pathlib import Path

from services.notifier.alert_email import build_alert_email, render_alert
from services.notifier.digests.message import build_digest_email
from services.notifier.digests.pdf import render_digest_pdf
from services.notifier.samples import sample_alert, sample_digest, sample_preferences

LOCALES = {"fr": "fr-FR", "en": "en-GB", "de": "de-CH"}
SENDER = "Vigie <alerts@vigie.localhost>"


def write_samples(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for language, locale in LOCALES.items():
        preferences = sample_preferences(locale)
        alert = sample_alert()
        _, text, html = render_alert(alert, preferences)
        files = {
            f"alert-{language}.html": html.encode(),
            f"alert-{language}.txt": text.encode(),
            f"alert-{language}.eml": bytes(build_alert_email(alert, preferences, SENDER, preferences.emails)),
            f"digest-{language}.pdf": render_digest_pdf(sample_digest(), preferences),
            f"digest-{language}.eml": bytes(build_digest_email(sample_digest(), preferences, SENDER,
                                                               preferences.emails)),
        }
        for name, content in files.items():
            path = directory / name
            path.write_bytes(content)
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Render sample alert and digest emails and PDFs.")
    parser.add_argument("directory", type=Path, help="Folder to write the samples to (created if missing).")
    for path in write_samples(parser.parse_args().directory):
        print(path)


if __name__ == "__main__":
    main()
