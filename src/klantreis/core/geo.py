"""Distances on the earth's surface."""

from __future__ import annotations

from collections.abc import Callable
from math import asin, cos, radians, sin, sqrt

from klantreis.core.common import GeoPoint

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance in kilometres."""
    lat1, lat2 = radians(a.latitude), radians(b.latitude)
    dlat, dlon = lat2 - lat1, radians(b.longitude - a.longitude)
    h = sin(dlat / 2) ** 2 + cos(lat1) * cos(lat2) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


def closeness_key(origin: GeoPoint) -> Callable[[GeoPoint], float]:
    """A fast stand-in for distance from ``origin``, for ranking only (squared, flat-earth).

    Over the few hundred kilometres of the Netherlands the error is far below a kilometre,
    and it is several times cheaper than the great-circle formula.
    """
    scale = cos(radians(origin.latitude))
    lat0, lon0 = origin.latitude, origin.longitude

    def key(point: GeoPoint) -> float:
        dy = point.latitude - lat0
        dx = (point.longitude - lon0) * scale
        return dx * dx + dy * dy

    return key
