"""Travel times from straight-line distance, a road factor and a speed model."""

from __future__ import annotations

from dataclasses import dataclass, field

from klantreis.core.common import GeoPoint
from klantreis.core.geo import haversine_km

Pair = tuple[float, float, float, float]  # from (latitude, longitude), to (latitude, longitude)


@dataclass(frozen=True, slots=True)
class HaversineTravel:
    """Driving estimated from the great-circle distance.

    ``road_factor`` turns crow-flight into road kilometres (about 1.3 in the Netherlands);
    trips under ``urban_km`` road kilometres run at ``urban_kmh``, the rest of the distance at
    ``road_kmh``; every trip between two places adds ``fixed_minutes`` to park and walk.
    """

    road_factor: float = 1.3
    urban_km: float = 8.0
    urban_kmh: float = 30.0
    road_kmh: float = 75.0
    fixed_minutes: float = 4.0
    # The slot engine asks for the same pairs of places millions of times (every insertion
    # tried in every route): remembered, a pair costs a dictionary lookup instead of the
    # great-circle formula. Bounded, so a long-running server does not grow without end.
    # Keyed by the four coordinates: hashing a tuple of floats is several times cheaper than
    # hashing two points.
    _minutes: dict[Pair, float] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    _km: dict[Pair, float] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def km(self, a: GeoPoint, b: GeoPoint) -> float:
        pair = (a.latitude, a.longitude, b.latitude, b.longitude)
        found = self._km.get(pair)
        if found is None:
            found = haversine_km(a, b) * self.road_factor
            _remember(self._km, pair, found)
        return found

    def minutes(self, a: GeoPoint, b: GeoPoint) -> float:
        pair = (a.latitude, a.longitude, b.latitude, b.longitude)
        found = self._minutes.get(pair)
        if found is None:
            found = self._drive(self.km(a, b))
            _remember(self._minutes, pair, found)
        return found

    def _drive(self, road: float) -> float:
        if road == 0.0:
            return 0.0
        urban = min(road, self.urban_km)
        return (
            self.fixed_minutes
            + urban / self.urban_kmh * 60.0
            + (road - urban) / self.road_kmh * 60.0
        )


REMEMBERED_PAIRS = 250_000  # per table: tens of MB, enough for a day's offers


def _remember(memory: dict[Pair, float], pair: Pair, value: float) -> None:
    if len(memory) >= REMEMBERED_PAIRS:
        memory.clear()  # cheaper than tracking use; the pairs that matter come back at once
    memory[pair] = value
