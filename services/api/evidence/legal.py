"""Suggested legal qualifications of an incident, by country, in the report's language.

Figures are printed only where a source was read:
- Code pénal art. 312-10 (chantage): five years and EUR 75,000. Source: Légifrance, Code pénal, section
  "Du chantage" (legifrance.gouv.fr, LEGISCTA000006165328), which also punishes the attempt the same.
- Swiss Criminal Code art. 156 (extortion): custodial sentence up to five years or a monetary penalty.
  Source: lawbrary.ch, StGB art. 156, version of July 2024.
The law of 29 July 1881 (defamation, insult), Code pénal art. R.621-1 and R.621-2 (non-public defamation and
insult, contraventions) and Swiss art. 181, 173 and 177 are cited without figures because no text of them was
checked. Extorsion (art. 312-1) is not suggested in France: it requires violence, a threat of violence or
constraint, which a threat of bad reviews is not.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Qualification:
    offence: str
    article: str
    penalty: str | None


_FR: dict[str, dict[str, Qualification]] = {
    "fr": {
        "chantage": Qualification("Chantage", "Code pénal, art. 312-10 (la tentative est punie des mêmes peines)",
                                  "5 ans d'emprisonnement et 75 000 € d'amende"),
        "diffamation": Qualification("Diffamation publique envers un particulier",
                                     "Loi du 29 juillet 1881, art. 29 et 32", "Amende (délit de presse)"),
        "injure": Qualification("Injure publique envers un particulier",
                                "Loi du 29 juillet 1881, art. 29 et 33", "Amende (délit de presse)"),
        "diffamation_privee": Qualification("Diffamation non publique (contravention)", "Code pénal, art. R.621-1",
                                            None),
        "injure_privee": Qualification("Injure non publique (contravention)", "Code pénal, art. R.621-2", None),
    },
    "en": {
        "chantage": Qualification("Blackmail (chantage)", "French Criminal Code, art. 312-10 (attempt punished "
                                  "the same)", "5 years' imprisonment and a EUR 75,000 fine"),
        "diffamation": Qualification("Public defamation of a private person",
                                     "French law of 29 July 1881, art. 29 and 32", "Fine (press offence)"),
        "injure": Qualification("Public insult of a private person", "French law of 29 July 1881, art. 29 and 33",
                                "Fine (press offence)"),
        "diffamation_privee": Qualification("Non-public defamation (contravention)",
                                            "French Criminal Code, art. R.621-1", None),
        "injure_privee": Qualification("Non-public insult (contravention)", "French Criminal Code, art. R.621-2",
                                       None),
    },
    "de": {
        "chantage": Qualification("Erpressung durch Drohung mit Rufschädigung (chantage)",
                                  "Französisches Strafgesetzbuch, Art. 312-10 (Versuch gleich strafbar)",
                                  "5 Jahre Freiheitsstrafe und 75 000 EUR Geldstrafe"),
        "diffamation": Qualification("Öffentliche Verleumdung einer Privatperson",
                                     "Französisches Pressegesetz vom 29. Juli 1881, Art. 29 und 32",
                                     "Geldstrafe (Pressedelikt)"),
        "injure": Qualification("Öffentliche Beleidigung einer Privatperson",
                                "Französisches Pressegesetz vom 29. Juli 1881, Art. 29 und 33",
                                "Geldstrafe (Pressedelikt)"),
        "diffamation_privee": Qualification("Nicht öffentliche Verleumdung (Übertretung, contravention)",
                                            "Französisches Strafgesetzbuch, Art. R.621-1", None),
        "injure_privee": Qualification("Nicht öffentliche Beleidigung (Übertretung, contravention)",
                                       "Französisches Strafgesetzbuch, Art. R.621-2", None),
    },
}

_CH: dict[str, dict[str, Qualification]] = {
    "fr": {
        "contrainte": Qualification("Contrainte", "Code pénal suisse, art. 181", None),
        "extorsion": Qualification("Extorsion et chantage", "Code pénal suisse, art. 156",
                                   "Peine privative de liberté de 5 ans au plus ou peine pécuniaire"),
        "diffamation": Qualification("Diffamation", "Code pénal suisse, art. 173", None),
        "injure": Qualification("Injure", "Code pénal suisse, art. 177", None),
    },
    "en": {
        "contrainte": Qualification("Coercion", "Swiss Criminal Code, art. 181", None),
        "extorsion": Qualification("Extortion and blackmail", "Swiss Criminal Code, art. 156",
                                   "Custodial sentence of up to 5 years or a monetary penalty"),
        "diffamation": Qualification("Defamation", "Swiss Criminal Code, art. 173", None),
        "injure": Qualification("Insult", "Swiss Criminal Code, art. 177", None),
    },
    "de": {
        "contrainte": Qualification("Nötigung", "Schweizerisches Strafgesetzbuch, Art. 181", None),
        "extorsion": Qualification("Erpressung", "Schweizerisches Strafgesetzbuch, Art. 156",
                                   "Freiheitsstrafe bis zu 5 Jahren oder Geldstrafe"),
        "diffamation": Qualification("Üble Nachrede", "Schweizerisches Strafgesetzbuch, Art. 173", None),
        "injure": Qualification("Beschimpfung", "Schweizerisches Strafgesetzbuch, Art. 177", None),
    },
}

# Offences suggested for each incident category. A threat of a bad review for a discount is chantage in
# France (never extorsion, see above). In Switzerland it may be coercion (art. 181) or extortion (art. 156)
# depending on the loss.
_OFFENCES = {
    "FR": {"extortion": ["chantage"], "threat": ["chantage"], "campaign": ["chantage"],
           "defamation": ["diffamation"], "insult": ["injure"]},
    "CH": {"extortion": ["contrainte", "extorsion"], "threat": ["contrainte"],
           "campaign": ["contrainte", "extorsion"], "defamation": ["diffamation"], "insult": ["injure"]},
}


# French defamation and insult are press offences only when public; in a private message they are contraventions.
_NON_PUBLIC = {"FR": {"diffamation": "diffamation_privee", "injure": "injure_privee"}}


def qualifications(country: str, kinds: list[str], language: str, public: bool = True) -> list[Qualification]:
    """Return the suggested offences for the incident's kind and categories; empty outside FR and CH.

    `public` is False when every item of the incident is a private message or note, never a published review.
    """
    table = {"FR": _FR, "CH": _CH}.get(country)
    if table is None:
        return []
    texts = table.get(language, table["fr"])
    names: list[str] = []
    for kind in kinds:
        for offence in _OFFENCES[country].get(kind, []):
            name = offence if public else _NON_PUBLIC.get(country, {}).get(offence, offence)
            if name not in names:
                names.append(name)
    return [texts[name] for name in names]
