import pytest

from contracts.risk import Category, Risk
from services.scoring.engine import TextScorer


@pytest.fixture(scope="session")
def scorer() -> TextScorer:
    return TextScorer()


def assert_offsets_match(text: str, risk: Risk, category: Category) -> None:
    """Every span evidence of `category` must quote the text at its offsets."""
    for evidence in risk.categories[category].evidence:
        if evidence.start is None:
            continue
        assert evidence.end is not None
        assert text[evidence.start : evidence.end] == evidence.text
