"""Lexicon sentiment from -1 (negative) to 1 (positive) for French, English and German.

Each polar word counts once; a negation within the three words before it flips it. The score is
(positive - negative) / (positive + negative + 1), so one word alone stays near ±0.5. Works on folded text.
"""

import re

_POSITIVE = (
    # fr
    "bien bon bonne bons bonnes super excellent excellente parfait parfaite parfaitement merci genial top "
    "ravi ravie satisfait satisfaite recommande recommander recommandons professionnel professionnelle "
    "aimable gentil gentille agreable competent competente rapide efficace chaleureux chaleureuse attentif "
    "attentive doux douce rassurant rassurante impeccable formidable serieux serieuse bravo qualite "
    "sympathique sympa ecoute soulage "
    # en
    "good great excellent perfect amazing awesome wonderful fantastic friendly kind helpful recommend "
    "recommended professional caring gentle thorough best love loved happy pleased satisfied nice "
    "efficient knowledgeable thank thanks attentive compassionate outstanding clean quick painless "
    "reassuring "
    # de
    "gut gute guter gutes super toll freundlich freundliche kompetent kompetente empfehlen empfehlenswert "
    "zufrieden hervorragend ausgezeichnet perfekt danke nett nette hilfsbereit professionell einfuhlsam "
    "schnell angenehm sauber grundlich beste bester klasse prima sympathisch"
)
_NEGATIVE = (
    # fr
    "mauvais mauvaise nul nulle horrible honteux honteuse inadmissible inacceptable desagreable decevant "
    "decevante decu decue deception incompetent incompetente catastrophique catastrophe fuir eviter "
    "arnaque pire lamentable scandaleux scandaleuse mepris meprisant hautain hautaine douleur douloureux "
    "mal malpoli impoli sale froid froide negligent pourri rude colere grossier grossiere execrable "
    # en
    "bad terrible horrible awful worst rude poor disappointed disappointing unprofessional incompetent "
    "avoid pain painful dirty waste wasted careless arrogant dismissive unhelpful scam rushed wrong angry "
    "ignored disgusting nightmare useless late overcharged "
    # de
    "schlecht schlechte schlechter unfreundlich unfreundliche katastrophe katastrophal inkompetent "
    "arrogant enttauscht enttauschend schrecklich furchtbar unverschamt abzocke schmerzen schmerzhaft "
    "unhoflich respektlos grauenhaft mangelhaft chaos dreckig"
)
_NEGATIONS = frozenset(
    [
        "pas",
        "jamais",
        "plus",
        "rien",
        "aucun",
        "aucune",
        "ni",
        "not",
        "no",
        "never",
        "nothing",
        "don't",
        "didn't",
        "isn't",
        "wasn't",
        "nicht",
        "kein",
        "keine",
        "keinen",
        "nie",
    ]
)
_LEXICON = {word: 1 for word in _POSITIVE.split()} | {word: -1 for word in _NEGATIVE.split()}
_TOKEN = re.compile(r"[a-zß']+")
NEGATION_REACH = 3


def sentiment(folded: str) -> float:
    """Return the sentiment of folded text, from -1.0 to 1.0."""
    positive = negative = 0
    tokens = _TOKEN.findall(folded)
    for index, token in enumerate(tokens):
        polarity = _LEXICON.get(token)
        if polarity is None:
            continue
        if any(previous in _NEGATIONS for previous in tokens[max(0, index - NEGATION_REACH) : index]):
            polarity = -polarity
        if polarity > 0:
            positive += 1
        else:
            negative += 1
    return round((positive - negative) / (positive + negative + 1), 4)
