"""What the twin remembers beyond what the services store: per case and per planned day, and
the technicians' work each case took (the fair ledger: per resolved case, not per visit)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from klantreis.core.common import GeoPoint
from klantreis.core.domain_errors import InvalidValue


@dataclass(slots=True)
class Work:
    """A technician's work spent on one case, over all its visits (minutes and km)."""

    km: float = 0.0
    driving: float = 0.0
    waiting_for_window: float = 0.0  # arrived before the window the customer was promised
    on_site: float = 0.0  # the service itself
    at_closed_door: float = 0.0  # nobody opened: the technician waited and left

    @property
    def minutes(self) -> float:
        return self.driving + self.waiting_for_window + self.on_site + self.at_closed_door

    def activities(self) -> list[tuple[str, float]]:
        """The minutes by what the technician was doing."""
        return [
            ("driving", self.driving),
            ("waiting_for_window", self.waiting_for_window),
            ("on_site", self.on_site),
            ("at_closed_door", self.at_closed_door),
        ]

    def add(self, other: Work) -> None:
        self.km += other.km
        self.driving += other.driving
        self.waiting_for_window += other.waiting_for_window
        self.on_site += other.on_site
        self.at_closed_door += other.at_closed_door


@dataclass(slots=True)
class CaseLog:
    contacts: int = 0  # phone calls either way
    company_moves: int = 0  # visits the company assigned or moved without asking
    chosen: set[datetime] = field(default_factory=set)  # window starts the customer agreed to
    visits: int = 0  # doorbells rung
    tries: int = 0  # times the customer found no window that suits them
    invited_at: datetime | None = None  # the last invitation (or card) they received
    letters_read: set[datetime] = field(default_factory=set)
    work: Work = field(default_factory=Work)


@dataclass(slots=True)
class DayFigures:
    day: date
    km: float = 0.0
    visits: int = 0
    technicians_used: int = 0
    # The day's routes for the report's map: technician id, then home and stops (lat, lon).
    routes: list[tuple[str, list[tuple[float, float]]]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RouteStop:
    """One planned stop as the ledger needs it: where, when service starts, for how long."""

    ref: str
    location: GeoPoint
    service_start: float  # minutes since the day's origin
    service_minutes: float


def route_shares(
    home: GeoPoint,
    stops: Sequence[RouteStop],
    km: Callable[[GeoPoint, GeoPoint], float],
    minutes: Callable[[GeoPoint, GeoPoint], float],
) -> dict[str, Work]:
    """Each stop's share of a planned route: the route's kilometres and driving time split
    evenly over its stops (the drive from and back home belongs to the day, not to the first
    or last customer), and the time the technician waits for a stop's window to open.

    The first stop has no wait: a technician leaves home in time for it.
    """
    if not stops:
        return {}
    points = [home, *(s.location for s in stops), home]
    legs = list(zip(points, points[1:], strict=False))
    km_share = sum(km(a, b) for a, b in legs) / len(stops)
    drive_share = sum(minutes(a, b) for a, b in legs) / len(stops)
    shares = {}
    free_at: float | None = None
    previous = home
    for stop in stops:
        arrives = None if free_at is None else free_at + minutes(previous, stop.location)
        wait = 0.0 if arrives is None else max(0.0, stop.service_start - arrives)
        shares[stop.ref] = Work(km=km_share, driving=drive_share, waiting_for_window=wait)
        free_at = stop.service_start + stop.service_minutes
        previous = stop.location
    return shares


@dataclass(frozen=True, slots=True)
class CostRates:
    """What an hour of a technician and a kilometre of their van cost (euro); docs/TWIN.md
    gives the source of each default."""

    euro_per_hour: float = 45.0
    euro_per_km: float = 0.35

    def __post_init__(self) -> None:
        for name in ("euro_per_hour", "euro_per_km"):
            if not 0.0 <= getattr(self, name) <= 1000.0:
                raise InvalidValue(name, f"{getattr(self, name)} must be 0..1,000")

    def cost(self, work: Work) -> float:
        return work.minutes / 60 * self.euro_per_hour + work.km * self.euro_per_km
