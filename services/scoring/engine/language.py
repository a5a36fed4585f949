"""Stop-word language identification for fr, en and de; anything else is "other"."""

import re

SUPPORTED = ("fr", "en", "de")

_STOP_WORDS = {
    "fr": "le la les un une des et est pas que qui pour dans sur avec ce cette mais tres je vous il elle "
    "nous "
    "ont sont du au aux ne plus mon ma mes son sa ses tout bien fait avait etait j'ai c'est n'est suis",
    "en": "the and is are was were not that this with for you your have has had but very they them my me "
    "our from would will been what when there their it's i'm don't of to in on at",
    "de": "der die das und ist sind nicht ein eine einen mit fur auf dass sehr ich sie wir mir mich "
    "war hat haben auch aber bei den dem des zu im man noch wie wird nur",
}
_LOOKUP: dict[str, set[str]] = {}
for _language, _words in _STOP_WORDS.items():
    for _word in _words.split():
        _LOOKUP.setdefault(_word, set()).add(_language)

_TOKEN = re.compile(r"[a-zß']+")
# Below this many stop words a text is too short to tell apart, so it is reported as "other".
MIN_STOP_WORDS = 2
_SHORT_DE = re.compile(r"[äöüß]|\b(?:ich|und|nicht|sehr|gut)\b")
_SHORT_FR = re.compile(r"[éêçœ]|\b(?:a|au|le|la|les|tout|rien|fuir)\b")
_SHORT_EN = re.compile(r"\b(?:the|i|you|my|good|bad|great|avoid)\b")


def detect_language(text: str, folded: str) -> str:
    """Return fr, en, de or other; `folded` is `text` passed through normalise.fold."""
    counts = dict.fromkeys(SUPPORTED, 0)
    for token in _TOKEN.findall(folded):
        for language in _LOOKUP.get(token, ()):
            counts[language] += 1

    best = max(SUPPORTED, key=counts.__getitem__)
    if counts[best] < MIN_STOP_WORDS:
        return _guess_short(text.lower())
    return best


def _guess_short(lowered: str) -> str:
    # Short texts ("A fuir!", "Entreprise catastrophique") carry few stop words, so fall back to letter cues.
    if _SHORT_DE.search(lowered):
        return "de"
    if _SHORT_FR.search(lowered):
        return "fr"
    if _SHORT_EN.search(lowered):
        return "en"
    return "other"
