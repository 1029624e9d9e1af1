"""The PC4 gazetteer: centroid, place and school-holiday region of a Dutch postcode."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from klantreis.core.common import GeoPoint
from klantreis.core.places import Place


class Pc4Gazetteer:
    """Looks up 4-digit postcodes in the packaged ``pc4.csv``."""

    def __init__(self, places: dict[str, Place]) -> None:
        self._places = places
        self._prefixes = {pc4[:n] for pc4 in places for n in range(1, 5)}

    @classmethod
    def packaged(cls) -> Pc4Gazetteer:
        return _packaged()

    def place(self, pc4: str) -> Place | None:
        return self._places.get(pc4)

    def has_prefix(self, prefix: str) -> bool:
        return prefix in self._prefixes

    def deliverable_places(self) -> list[Place]:
        return [p for p in self._places.values() if p.deliverable]


@lru_cache(maxsize=1)
def _packaged() -> Pc4Gazetteer:
    places: dict[str, Place] = {}
    source = resources.files("klantreis.core").joinpath("data/pc4.csv")
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            places[row["postcode"]] = Place(
                pc4=row["postcode"],
                town=row["woonplaats"],
                municipality=row["gemeente"],
                province=row["provincie"],
                centroid=GeoPoint(float(row["latitude"]), float(row["longitude"])),
                deliverable=row["soort"] != "Postbus",
            )
    return Pc4Gazetteer(places)
