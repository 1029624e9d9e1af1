"""Which language a customer wrote in: Dutch or English, by their most common small words."""

from __future__ import annotations

import re

from klantreis.core.common import Language

_WORDS = re.compile(r"[a-zà-ÿ']+")
_MARKERS = {
    Language.NL: frozenset(
        [
            "de",
            "het",
            "een",
            "ik",
            "je",
            "u",
            "jij",
            "wij",
            "we",
            "niet",
            "is",
            "en",
            "van",
            "op",
            "mijn",
            "graag",
            "kan",
            "dat",
            "er",
            "voor",
            "met",
            "maar",
            "ook",
            "nog",
            "naar",
            "bij",
            "zijn",
            "wil",
            "hebben",
            "heb",
            "dank",
            "bedankt",
            "jullie",
            "onze",
            "hoe",
            "wat",
            "welke",
            "afspraak",
            "monteur",
            "ketel",
            "alstublieft",
            "groet",
        ]
    ),
    Language.EN: frozenset(
        [
            "the",
            "a",
            "an",
            "i",
            "you",
            "we",
            "not",
            "is",
            "and",
            "of",
            "on",
            "my",
            "please",
            "can",
            "that",
            "there",
            "for",
            "with",
            "but",
            "also",
            "still",
            "to",
            "at",
            "be",
            "want",
            "have",
            "has",
            "thanks",
            "thank",
            "your",
            "our",
            "how",
            "what",
            "which",
            "appointment",
            "engineer",
            "boiler",
            "regards",
        ]
    ),
}


def detect_language(text: str) -> Language:
    words = _WORDS.findall(text.lower())
    dutch = sum(w in _MARKERS[Language.NL] for w in words)
    english = sum(w in _MARKERS[Language.EN] for w in words)
    return Language.EN if english > dutch else Language.NL
