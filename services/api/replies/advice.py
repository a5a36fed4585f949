"""What to do about a review: reply or not, and the rules of the practice's profession and country."""

from dataclasses import dataclass

from contracts.risk import ReplyCheck
from services.api.replies.texts import DRAFTS
from services.scoring.engine import check_reply

ReplyCategory = str  # criticism, fees, extortion, defamation
LANGUAGES = ("fr", "en", "de")

ADVICE: dict[str, dict[str, str]] = {
    "do_not_reply_blackmail": {
        "fr": "Ne répondez pas : une réponse montre à l'auteur que la pression fonctionne et peut violer le secret "
              "médical. Conservez les preuves, signalez l'avis à la plateforme et déposez plainte.",
        "en": "Do not reply: a reply shows the author that the pressure works and may breach medical secrecy. "
              "Keep the evidence, report the review to the platform and file a complaint.",
        "de": "Antworten Sie nicht: Eine Antwort zeigt dem Verfasser, dass der Druck wirkt, und kann die "
              "Schweigepflicht verletzen. Sichern Sie die Beweise, melden Sie die Bewertung der Plattform und "
              "erstatten Sie Anzeige.",
    },
    "never_give_in": {
        "fr": "Ne cédez jamais à une demande de remise, de remboursement ou de paiement contre le retrait d'un avis.",
        "en": "Never give in to a demand for a discount, refund or payment in exchange for removing a review.",
        "de": "Geben Sie einer Forderung nach Rabatt, Rückerstattung oder Zahlung gegen das Löschen einer "
              "Bewertung nie nach.",
    },
    "ordre_des_medecins_no_reply": {
        "fr": "L'Ordre des médecins recommande (2025) de ne pas répondre aux avis en ligne et de porter plainte "
              "lorsque c'est justifié. Les brouillons ci-dessous ne sont fournis que si vous décidez malgré tout "
              "de répondre.",
        "en": "The French Ordre des médecins advised in 2025 not to reply to online reviews and to file complaints "
              "where warranted. The drafts below are only for the case where you still decide to reply.",
        "de": "Der französische Ordre des médecins rät seit 2025, auf Online-Bewertungen nicht zu antworten und "
              "gegebenenfalls Anzeige zu erstatten. Die Entwürfe unten sind nur für den Fall, dass Sie trotzdem "
              "antworten.",
    },
    "no_solicitation_fr_dentist": {
        "fr": "Un chirurgien-dentiste exerçant en France ne doit ni solliciter d'avis ni republier de témoignages "
              "de patients (article R.4127-215-1 du code de la santé publique).",
        "en": "A dentist practising in France must neither solicit reviews nor republish patient testimonials "
              "(French public health code, art. R.4127-215-1).",
        "de": "Zahnärzte in Frankreich dürfen weder um Bewertungen bitten noch Patientenzeugnisse "
              "weiterverbreiten (französisches Gesetzbuch über die öffentliche Gesundheit, Art. R.4127-215-1).",
    },
    "press_law_deadline": {
        "fr": "Diffamation et injure publiques se prescrivent par trois mois à compter de la publication : "
              "sécurisez les preuves et agissez vite.",
        "en": "Under French press law, public defamation and insult are time-barred three months after "
              "publication: secure the evidence and act fast.",
        "de": "Nach französischem Presserecht verjähren öffentliche Verleumdung und Beleidigung drei Monate nach "
              "der Veröffentlichung: Sichern Sie die Beweise und handeln Sie rasch.",
    },
    "stay_neutral": {
        "fr": "Si vous répondez, restez bref et neutre : ne confirmez jamais que l'auteur est un patient et ne "
              "mentionnez aucun soin, aucune date, aucun détail de santé.",
        "en": "If you reply, keep it short and neutral: never confirm that the author is a patient and mention no "
              "care, date or health detail.",
        "de": "Wenn Sie antworten, bleiben Sie kurz und neutral: Bestätigen Sie nie, dass der Verfasser Patient "
              "ist, und erwähnen Sie keine Behandlung, kein Datum und keine Gesundheitsangabe.",
    },
}


@dataclass
class Draft:
    text: str
    check: ReplyCheck


@dataclass
class DraftAdvice:
    category: ReplyCategory
    language: str
    recommendation: str  # "reply" or "do_not_reply"
    advice: list[tuple[str, str]]  # (code, message in `language`)
    drafts: list[Draft]
    review_solicitation_allowed: bool


def infer_category(flagged: list[str], topics: list[str]) -> ReplyCategory:
    if {"extortion", "threat"} & set(flagged):
        return "extortion"
    if {"defamation", "insult"} & set(flagged):
        return "defamation"
    if "fees_billing" in topics:
        return "fees"
    return "criticism"


def review_solicitation_allowed(country: str, profession: str) -> bool:
    """French dentists may not solicit reviews (public health code R.4127-215-1); others may, without gating."""
    return not (country == "FR" and profession == "dentist")


def advise(category: ReplyCategory, language: str, country: str, profession: str) -> DraftAdvice:
    """Pick the recommendation, advice and drafts; every draft returned has passed the reply check."""
    codes: list[str] = []
    recommendation = "reply"
    if category == "extortion":
        recommendation = "do_not_reply"
        codes += ["do_not_reply_blackmail", "never_give_in"]
    if country == "FR" and profession == "physician":
        recommendation = "do_not_reply"
        codes.append("ordre_des_medecins_no_reply")
    if category == "defamation" and country == "FR":
        codes.append("press_law_deadline")
    if not review_solicitation_allowed(country, profession):
        codes.append("no_solicitation_fr_dentist")
    if category != "extortion":
        codes.append("stay_neutral")

    drafts = []
    for text in DRAFTS[category][language]:
        check = check_reply(text, language)
        # A draft that fails the check is withheld rather than shown, whatever the texts module holds.
        if not check.reply_breach:
            drafts.append(Draft(text=text, check=check))
    return DraftAdvice(category=category, language=language, recommendation=recommendation,
                       advice=[(code, ADVICE[code][language]) for code in codes], drafts=drafts,
                       review_solicitation_allowed=review_solicitation_allowed(country, profession))
