"""The voice check: what no message of ours may say (see docs/VOICE.md for the why)."""

from __future__ import annotations

import re

from klantreis.core.common import Channel, Language
from klantreis.messaging.channels import over_limit

FORBIDDEN: dict[Language, tuple[str, ...]] = {
    Language.NL: (
        "heer/mevrouw",
        "mevrouw/heer",
        "geachte klant",
        "beste klant",
        "geachte relatie",
        "per omgaande",
        "u dient",
        "wij verzoeken u vriendelijk",
        "helaas is het niet mogelijk",
        "in behandeling genomen",
        "bijgaand",
        "no-reply",
        "klik hier",
    ),
    Language.EN: (
        "sir/madam",
        "sir or madam",
        "dear customer",
        "valued customer",
        "asap",
        "kindly",
        "please be advised",
        "do not reply",
        "click here",
        "we regret to inform",
    ),
}
_EMPTY_SLOT = re.compile(r"\S {2,}\S|\w [,.!?;:](?!\w)|\(\s*\)")
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\bNone\b|\bnan\b")


def problems(channel: Channel, language: Language, subject: str, text: str) -> list[str]:
    """Every way this rendered message breaks the voice guide or its channel's limits."""
    found = []
    lowered = f"{subject}\n{text}".lower()
    for phrase in FORBIDDEN[language]:
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", lowered):
            found.append(f"forbidden phrase '{phrase}'")
    if leftover := _LEFTOVER.search(f"{subject}\n{text}"):
        found.append(f"unfilled placeholder near '{leftover.group(0)}'")
    if gap := _EMPTY_SLOT.search(text):
        found.append(f"an empty placeholder near '{gap.group(0)}'")
    if limit := over_limit(channel, subject, text):
        found.append(limit)
    return found
