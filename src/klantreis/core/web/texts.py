"""The words on the customer's pages, in Dutch and English (one voice: warm, short, clear).

Each capability keeps its pages' words beside them, in its own ``texts.toml`` (a table per
key with ``nl`` and ``en``); this module reads them all into one catalogue and refuses, by
file and key, a text missing a language or a key two capabilities both define."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from klantreis.core.common import Language

PACKAGE = Path(__file__).parents[2]
LANGUAGES = {language.value for language in Language}


class TextsError(ValueError):
    """A page-text file that cannot be used; the message names the file and the key."""


def load_catalogue(files: list[Path]) -> dict[str, dict[Language, str]]:
    catalogue: dict[str, dict[Language, str]] = {}
    defined_in: dict[str, Path] = {}
    for path in files:
        try:
            entries = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise TextsError(f"{path}: not valid TOML ({error})") from error
        for key, entry in entries.items():
            if key in defined_in:
                raise TextsError(f"{path}: '{key}' is defined in {defined_in[key]} already")
            if not isinstance(entry, dict) or set(entry) != LANGUAGES:
                raise TextsError(f"{path}: '{key}' needs exactly nl and en")
            if not all(isinstance(text, str) and text.strip() for text in entry.values()):
                raise TextsError(f"{path}: '{key}' has an empty or non-text translation")
            defined_in[key] = path
            catalogue[key] = {Language(language): text for language, text in entry.items()}
    return catalogue


@cache
def _catalogue() -> dict[str, dict[Language, str]]:
    return load_catalogue(sorted(PACKAGE.glob("*/texts.toml")))


def texts_for(language: Language) -> dict[str, str]:
    return {key: value[language] for key, value in _catalogue().items()}


DEVICE_NAMES: dict[str, dict[Language, str]] = {
    "boiler": {Language.NL: "cv-ketel", Language.EN: "boiler"},
    "heat_pump": {Language.NL: "warmtepomp", Language.EN: "heat pump"},
    "dishwasher": {Language.NL: "vaatwasser", Language.EN: "dishwasher"},
    "washing_machine": {Language.NL: "wasmachine", Language.EN: "washing machine"},
    "dryer": {Language.NL: "droger", Language.EN: "dryer"},
}
