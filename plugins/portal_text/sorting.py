"""Alphabetical order as a Vietnamese reader expects it, as dictionaries and ICU's Vietnamese order do.

The alphabet is a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z);
within a base letter the tones order as: none, huyền, hỏi, ngã, sắc, nặng. The letters of
the whole name decide first, syllable by syllable: a space (or a dash) sorts before any
letter, so a syllable that is the start of another comes first ("Hà Giang" before "Hải
Dương", "Cà Mau" before "Cao Bằng"); tones decide only between names with the same letters.
Code-point order puts "Đ" after "Z" and "Ư" far away from "U", which no reader expects.
"""

import unicodedata

_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {c: i for i, c in enumerate(_LETTERS)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str):
    """Yield (letter, tone) pairs for each base letter of the text."""
    for ch in unicodedata.normalize("NFC", text.lower()):
        if ch == "đ":
            yield ch, 0
            continue
        base, *marks = unicodedata.normalize("NFD", ch)
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark == "\u0302":
                base = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
            elif mark == "\u0306" and base == "a":
                base = "ă"
            elif mark == "\u031b":
                base = {"o": "ơ", "u": "ư"}.get(base, base)
        yield base, tone


def sort_key(text: str) -> tuple:
    """A key for sorted(): letters first, then tones, then the text itself."""
    letters, tones = [], []
    for base, tone in _letters(text):
        if base in _RANK:
            letters.append((2, _RANK[base]))
        elif base.isdigit():
            letters.append((1, ord(base)))
        elif base.isalpha():
            letters.append((3, ord(base)))
        else:  # spaces, dashes, punctuation: a word boundary, before every letter
            if letters and letters[-1] == (0, 0):
                continue
            letters.append((0, 0))
        tones.append(tone)
    return (letters, tones, text)
