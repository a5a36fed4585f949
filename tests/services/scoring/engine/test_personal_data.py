import pytest

from contracts.risk import Category
from services.scoring.engine import TextScorer
from tests.services.scoring.engine.conftest import assert_offsets_match

CASES = [
    ("Appelez la secrétaire au 06 12 34 56 78 pour vous plaindre.", "personal_data.phone", "06 12 34 56 78"),
    ("Sa ligne directe : +41 21 123 45 67.", "personal_data.phone", "+41 21 123 45 67"),
    ("Write to jane.roe@example.org if you want the details.", "personal_data.email", "jane.roe@example.org"),
    ("Elle habite 12 rue des Lilas, au deuxième.", "personal_data.address", "12 rue des Lilas"),
    ("Er wohnt in der Lindenstraße 14 neben der Praxis.", "personal_data.address", "Lindenstraße 14"),
    ("Madame Claire Martin, l'assistante, a été odieuse.", "personal_data.full_name", "Madame Claire Martin"),
    (
        "Ma voisine a un cancer et attend toujours son rendez-vous.",
        "personal_data.others_health",
        "Ma voisine a un cancer",
    ),
    (
        "My husband was diagnosed with diabetes there last year.",
        "personal_data.others_health",
        "My husband was diagnosed with diabetes",
    ),
    ("Meine Mutter hat Krebs und wurde abgewiesen.", "personal_data.others_health", "Meine Mutter hat Krebs"),
]
CLEAN = [
    "Le Dr Bernard est très à l'écoute.",
    "Rendez-vous pris pour le 12 mars à 10 h 30.",
    "Dr. Weber hat mir sehr geholfen, danke.",
    "Waited 45 minutes, then 10 more in the chair.",
]


@pytest.mark.parametrize(("text", "rule", "matched"), CASES)
def test_personal_data_flags_each_kind(scorer: TextScorer, text: str, rule: str, matched: str) -> None:
    risk = scorer.score(text)
    result = risk.categories[Category.PERSONAL_DATA]
    assert result.flagged, text
    assert (rule, matched) in [(item.rule, item.text) for item in result.evidence]
    assert_offsets_match(text, risk, Category.PERSONAL_DATA)


@pytest.mark.parametrize("text", CLEAN)
def test_personal_data_ignores_public_and_plain_text(scorer: TextScorer, text: str) -> None:
    result = scorer.score(text).categories[Category.PERSONAL_DATA]
    assert not result.flagged, (text, result.evidence)
