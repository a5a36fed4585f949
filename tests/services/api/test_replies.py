"""Reply assistant: drafts never breach medical secrecy, and the advice follows profession and country."""

import httpx
import pytest

from services.api.replies.advice import advise
from services.api.replies.texts import DRAFTS
from services.scoring.engine import check_reply

CASES = [(category, language) for category in DRAFTS for language in ("fr", "en", "de")]


@pytest.mark.parametrize(("category", "language"), CASES)
def test_every_draft_passes_reply_check(category: str, language: str) -> None:
    for text in DRAFTS[category][language]:
        check = check_reply(text, language)
        assert not check.reply_breach, (text, check.findings)
        assert check.findings == []


def test_extortion_gets_no_draft() -> None:
    result = advise("extortion", "fr", "CH", "dentist")

    assert result.recommendation == "do_not_reply"
    assert result.drafts == []
    assert [code for code, _ in result.advice] == ["do_not_reply_blackmail", "never_give_in"]


def test_french_physician_is_advised_not_to_reply() -> None:
    result = advise("criticism", "fr", "FR", "physician")

    assert result.recommendation == "do_not_reply"
    assert "ordre_des_medecins_no_reply" in [code for code, _ in result.advice]


def test_french_dentist_may_not_solicit() -> None:
    assert advise("criticism", "fr", "FR", "dentist").review_solicitation_allowed is False
    assert advise("criticism", "de", "CH", "dentist").review_solicitation_allowed is True


@pytest.mark.integration
async def test_draft_route_uses_practice_locale(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/v1/reviews/{tenant_a.ids['review_id']}/reply-drafts", headers=tenant_a.reader)

    body = response.json()
    assert response.status_code == 200
    assert body["language"] == "fr"
    assert body["category"] == "defamation"
    assert body["drafts"]
    assert all(not draft["check"]["reply_breach"] for draft in body["drafts"])


@pytest.mark.integration
async def test_reply_check_returns_trigger_words(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    text = "Vous êtes venu pour une couronne le 3 mars."

    response = await client.post("/v1/reply-checks", headers=tenant_a.reader, json={"text": text, "language": "fr"})

    body = response.json()
    assert body["reply_breach"] is True
    assert "couronne" in [finding["text"] for finding in body["findings"]]
