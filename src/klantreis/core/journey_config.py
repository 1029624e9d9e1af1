"""Reading the journey configuration (TOML), checked whole: a bad line stops start-up."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from klantreis.core.common import Channel, Language
from klantreis.core.journey import JourneyTouchpoint, Phase
from klantreis.core.journey_catalog import JourneyCatalog, TouchpointSpec


def load_journey(path: Path | None = None) -> JourneyCatalog:
    if path is None:
        return _packaged()
    return _parse(path.read_text("utf-8"), str(path))


@lru_cache(maxsize=1)
def _packaged() -> JourneyCatalog:
    folder = resources.files("klantreis.core") / "data"
    return _parse((folder / "journey.toml").read_text("utf-8"), "journey.toml")


def _parse(text: str, name: str) -> JourneyCatalog:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{name}: not valid TOML: {error}") from None
    specs = {}
    for touchpoint, entry in document.get("touchpoints", {}).items():
        try:
            titles = {lang: str(entry[lang.value]) for lang in Language if entry.get(lang.value)}
            specs[touchpoint] = TouchpointSpec(
                touchpoint,
                Phase(entry["phase"]),
                frozenset(Channel(c) for c in entry.get("channels", [])),
                titles,
            )
        except (KeyError, ValueError, TypeError) as error:
            raise ValueError(f"{name}: touchpoint '{touchpoint}': {error}") from None
    if not specs:
        raise ValueError(f"{name}: no touchpoints")
    missing = sorted(t.value for t in JourneyTouchpoint if t.value not in specs)
    if missing:
        raise ValueError(f"{name}: the product writes touchpoints it lacks: {', '.join(missing)}")
    moved = sorted(
        f"{t.value} (the product writes it in '{t.phase.value}')"
        for t in JourneyTouchpoint
        if specs[t.value].phase is not t.phase
    )
    if moved:
        raise ValueError(f"{name}: touchpoints in another phase: {', '.join(moved)}")
    return JourneyCatalog(specs)
