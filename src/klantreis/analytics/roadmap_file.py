"""The roadmap file (TOML), checked when read: a bad entry is named, not skipped."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from klantreis.analytics.roadmap import Initiative
from klantreis.core.domain_errors import InvalidValue


def load_roadmap(path: Path | None = None) -> list[Initiative]:
    if path is None:
        text = (resources.files("klantreis.analytics") / "data" / "roadmap.toml").read_text("utf-8")
        name = "roadmap.toml"
    else:
        text, name = path.read_text("utf-8"), str(path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{name}: not valid TOML: {error}") from None
    initiatives = []
    for number, entry in enumerate(document.get("initiative", []), start=1):
        try:
            initiatives.append(
                Initiative(
                    name=str(entry["name"]),
                    value=int(entry["value"]),
                    effort=int(entry["effort"]),
                    pain_points=tuple(str(p) for p in entry.get("pain_points", [])),
                    owner=str(entry.get("owner", "")),
                )
            )
        except KeyError as missing:
            raise ValueError(f"{name}: initiative {number} lacks {missing}") from None
        except (InvalidValue, TypeError, ValueError) as error:
            raise ValueError(f"{name}: initiative {number}: {error}") from None
    return initiatives
