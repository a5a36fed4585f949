"""Offset-preserving text folding: every output character stands for the input character at the same index.

Rules match the folded text and report spans of the original, so folding must never change the length.
Folding lowercases, strips accents (é -> e, ü -> u) and unifies apostrophes and dashes. SMS spellings and
missing accents are handled in the patterns themselves, because rewriting "jvais" to "je vais" would shift
every offset after it.
"""

import unicodedata

_APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4"
_DASHES = "\u2010\u2011\u2012\u2013\u2014"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base != char:
            table[code] = base
    for char in _APOSTROPHES:
        table[ord(char)] = "'"
    for char in _DASHES:
        table[ord(char)] = "-"
    table[ord("\u00a0")] = " "
    table[ord("\u202f")] = " "
    # ß has no one-character fold, so patterns spell it as (?:ss|ß).
    table.pop(ord("ß"), None)
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Return `text` lowercased, without accents, with the same length and character positions."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters (İ, some ligatures) lowercase to two code points, so lower them one by one.
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return lowered.translate(_TABLE)
