"""The roadmap file (TOML), checked when read: a bad entry is named, not skipped."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from klantreis.analytics.roadmap import Initiative
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.toml_files import read_toml


def load_roadmap(path: Path | None = None) -> list[Initiative]:
    packaged = resources.files("klantreis.analytics") / "data" / "roadmap.toml"
    document, name = read_toml(path, packaged)
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
