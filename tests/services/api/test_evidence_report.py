"""Text of the evidence PDF: dates, labels and legal wording, read from the paragraphs handed to ReportLab."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from reportlab.platypus import Paragraph

from services.api.evidence import pdf
from services.api.evidence.legal import qualifications

SENT_AT = datetime(2025, 6, 2, 9, 15, tzinfo=UTC)
CAPTURED_AT = datetime(2025, 6, 3, 14, 0, tzinfo=UTC)
GENERATED_AT = datetime(2025, 6, 4, 8, 0, tzinfo=UTC)


@pytest.fixture
def paragraphs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []

    class RecordingParagraph(Paragraph):
        def __init__(self, text: str, *args: Any, **kwargs: Any) -> None:
            texts.append(text)
            super().__init__(text, *args, **kwargs)

    monkeypatch.setattr(pdf, "Paragraph", RecordingParagraph)
    return texts


def render(language: str = "fr", practice: dict[str, Any] | None = None, status: str = "open",
           by: str = "vigie-scoring", deadline: date | None = date(2025, 8, 31)) -> bytes:
    practice = practice or {"name": "Cabinet Test", "country": "FR", "time_zone": "Europe/Paris"}
    incident = {"_id": "inc_1", "kind": "extortion", "status": status, "opened_at": CAPTURED_AT,
                "status_history": [{"status": status, "at": CAPTURED_AT, "by": by, "note": None}]}
    chronology = [{"published_at": SENT_AT, "captured_at": CAPTURED_AT, "channel": "private_message",
                   "author": "Paul Martin", "platform": "email", "url": None, "text": "Une remise ou une étoile.",
                   "sha256": "ab" * 32}]
    return pdf.render_report(language, practice, incident, deadline,
                             qualifications("FR", ["extortion"], language), chronology, "cd" * 32, GENERATED_AT)


def test_pdf_dates_in_practice_zone(paragraphs: list[str]) -> None:
    document = render()

    text = "\n".join(paragraphs)
    assert document.startswith(b"%PDF")
    assert "4 juin 2025 à 10:00 (Europe/Paris)" in text
    assert "+00:00" not in text
    assert "UTC" not in text


def test_pdf_chronology_separates_sent_and_captured(monkeypatch: pytest.MonkeyPatch) -> None:
    cells: list[list[Any]] = []
    original_table = pdf.Table

    def recording_table(rows: list[list[Any]], *args: Any, **kwargs: Any) -> Any:
        cells.extend(rows)
        return original_table(rows, *args, **kwargs)

    monkeypatch.setattr(pdf, "Table", recording_table)

    render()

    rows = {row[0]: row[1] for row in cells}
    assert rows["Publié ou envoyé le"] == "2 juin 2025 à 11:15 (Europe/Paris)"
    assert rows["Capturé le"] == "3 juin 2025 à 16:00 (Europe/Paris)"
    assert rows["Canal"] == "message privé"


def test_pdf_swiss_practice_uses_zurich(paragraphs: list[str]) -> None:
    render(language="de", practice={"name": "Praxis", "country": "CH"})

    text = "\n".join(paragraphs)
    assert "4. Juni 2025 um 10:00 (Europe/Zurich)" in text


def test_pdf_past_deadline_says_expired(paragraphs: list[str]) -> None:
    render(deadline=date(2025, 5, 1))

    text = "\n".join(paragraphs)
    assert "délai de trois mois expiré le" in text
    assert "agir avant le" not in text


def test_pdf_suggests_chantage_not_extorsion(paragraphs: list[str]) -> None:
    render()

    text = "\n".join(paragraphs)
    assert "312-10" in text
    assert "312-1)" not in text
    assert "Extorsion" not in text


def test_pdf_labels_in_practice_language(paragraphs: list[str]) -> None:
    render(status="reported_to_platform", by="4af3c3311e54")

    text = "\n".join(paragraphs)
    assert "<b>Nature</b> : Chantage" in text
    assert "<b>Statut</b> : signalé à la plateforme" in text
    assert "par clé API 4af3c3311e54" in text
    assert "reported_to_platform" not in text


def test_pdf_automatic_author_named(paragraphs: list[str]) -> None:
    render(language="de")

    assert "von Vigie (automatisch)" in "\n".join(paragraphs)
