"""Travel times from straight-line distance, a road factor and a speed model."""

from __future__ import annotations

from dataclasses import dataclass

from klantreis.domain.common import GeoPoint
from klantreis.domain.geo import haversine_km


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

    def km(self, a: GeoPoint, b: GeoPoint) -> float:
        return haversine_km(a, b) * self.road_factor

    def minutes(self, a: GeoPoint, b: GeoPoint) -> float:
        road = self.km(a, b)
        if road == 0.0:
            return 0.0
        urban = min(road, self.urban_km)
        return (
            self.fixed_minutes
            + urban / self.urban_kmh * 60.0
            + (road - urban) / self.road_kmh * 60.0
        )
