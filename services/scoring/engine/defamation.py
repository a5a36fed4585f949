"""Defamation: an accusation of crime, fraud or malpractice stated as fact about the practice or a person.

Opinions ("too expensive", "unfriendly") are not listed. An accusation inside a sentence that marks it as
opinion ("je pense", "I feel", "ich finde") loses weight. Patterns run on folded text.
"""

import re

from services.scoring.engine.rules import Hit, Rule, rule, run_rules
from services.scoring.engine.sentences import Boundaries

_KIN = (
    r"(?:mere|pere|fils|fille|femme|mari|enfant|bebe|soeur|frere|mother|father|son|daughter|wife|husband|child"
    r"|baby|sister|brother|mum|mom|dad|mutter|vater|sohn|tochter|frau|mann|kind|schwester|bruder)"
)

DEFAMATION_RULES: tuple[Rule, ...] = (
    rule(
        "defamation.crime_noun",
        0.6,
        r"escroc\w*",
        r"escroquerie\w*",
        r"arnaqueu(?:r|se)s?",
        r"voleu(?:r|se)s?",
        r"fraudeu(?:r|se)s?",
        r"faussaires?",
        r"criminels?",
        r"assassins?",
        r"meurtrie(?:r|re)s?",
        r"crooks?",
        r"thie(?:f|ves)",
        r"fraudsters?",
        r"con (?:artist|man|men)",
        r"criminals?",
        r"murderers?",
        r"scammers?",
        r"scamming",
        r"betruger\w*",
        r"abzocker\w*",
        r"diebe?",
        r"verbrecher\w*",
        r"kriminelle?",
        r"morder\w*",
    ),
    rule(
        "defamation.fraud_claim",
        0.65,
        r"factur\w* (?:\w+ ){0,5}(?:jamais|non|pas) (?:\w+ )?(?:realise|effectue|fait|pratique)e?s?",
        r"(?:soins|actes|consultations) fictifs",
        r"fausses? factures?",
        r"surfactur\w*",
        r"fraude (?:a la|a l')\w*",
        r"(?:bill|billed|bills|billing|charge|charged|charges) (?:\w+ ){0,5}(?:insurance|medicare|medicaid"
        r"|the state) (?:\w+ ){0,6}(?:never|not) (?:\w+ )?(?:done|performed|provided|received|given)",
        r"for (?:care|treatment|work|procedures|services) (?:that was |that were )?never (?:done|performed"
        r"|provided|received)",
        r"(?:insurance|billing|medicare) fraud",
        r"falsifi\w* (?:\w+ ){0,2}(?:records|documents|reports|dossiers?|ordonnances?|akten|unterlagen)",
        r"abrechnungsbetrug",
        r"(?:rechnet|abgerechnet|berechnet)\w* (?:[\w,]+ ){0,6}(?:nie|nicht) (?:\w+ )?(?:erbracht|gemacht"
        r"|durchgefuhrt)",
        r"versicherungsbetrug",
    ),
    rule(
        "defamation.harm_claim",
        0.7,
        rf"(?:a|ont|has|have|hat|haben) (?:\w+ ){{0,2}}(?:tue|killed|umgebracht|getotet) (?:\w+ )?(?:ma"
        rf"|mon|my|meine?n?)? ?{_KIN}",
        rf"(?:tue|killed|umgebracht|getotet) (?:\w+ )?(?:ma|mon|my|meine?n?) {_KIN}",
        r"(?:bouchers?|butchers?|metzger|schlachter) (?:qui|who|der|die) ",
        r"(?:un|une|ce|cet|cette|a|this|that|der|die|ein|eine|dieser) (?:vrai |veritable |real |total "
        r"|richtiger )?(?:boucher|butcher|metzger|schlachter|charcutier)\b",
        r"(?:sexually )?(?:assaulted|abused|molested|raped|harassed) (?:me|patients|her|him|my|several)",
        r"(?:agress\w*|harcel\w*|viol\w*) (?:sexuel\w*)",
        r"attouchements?",
        r"abus sexuels?",
        r"sexuell (?:belastigt|missbraucht|bedrangt|ubergriffig)",
        r"(?:is|was|est|etait|ist|war) (?:\w+ )?(?:drunk|ivre|betrunken)",
    ),
    rule(
        "defamation.malpractice",
        0.55,
        r"malpractice",
        r"erreur medicale",
        r"faute (?:professionnelle|medicale|grave)",
        r"behandlungsfehler\w*",
        r"kunstfehler\w*",
        r"negligence (?:medicale|grave)",
        r"medical negligence",
        r"grob fahrlassig\w*",
    ),
    rule(
        "defamation.scam_claim",
        0.45,
        r"arnaque\w*",
        r"scams?",
        r"fraud\w*",
        r"betrug\w*",
        r"abzocke\w*",
        r"charlatans?",
        r"quacks?",
        r"kurpfuscher\w*",
    ),
)

_OPINION = re.compile(
    r"(?<!\w)(?:je pense|je trouve|a mon avis|il me semble|j'ai l'impression|on dirait|i think|i feel"
    r"|i believe|in my opinion|"
    r"it seems|seems like|feels like|ich finde|ich glaube|meiner meinung|mir scheint|wirkt wie)(?!\w)"
)
# An accusation hedged as opinion keeps this share of its weight.
OPINION_FACTOR = 0.6


def defamation_hits(folded: str) -> list[Hit]:
    """Find accusations stated as fact; hedged ones keep OPINION_FACTOR of their weight."""
    hits = run_rules(DEFAMATION_RULES, folded)
    if not hits:
        return hits

    boundaries = Boundaries(folded)
    hedges = [match.start() for match in _OPINION.finditer(folded)]
    return [_hedged(hit, hedges, boundaries) for hit in hits]


def _hedged(hit: Hit, hedges: list[int], boundaries: Boundaries) -> Hit:
    if hit.start is None:
        return hit
    for hedge in hedges:
        if hedge < hit.start and boundaries.between(hedge, hit.start) == 0:
            return Hit(
                hit.rule, round(hit.weight * OPINION_FACTOR, 4), hit.start, hit.end, "stated as opinion"
            )
    return hit
