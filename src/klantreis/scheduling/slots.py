"""Slot offers: the 2-hour windows a customer may choose, ranked by what they cost the plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from heapq import nsmallest
from zoneinfo import ZoneInfo

from klantreis.core.common import GeoPoint
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.geo import closeness_key
from klantreis.core.time_window import ASSIGNED_WINDOW_LENGTH, WINDOW_LENGTH, TimeWindow
from klantreis.scheduling.route_index import RouteIndex
from klantreis.scheduling.routes import Insertion, Stop, TechnicianRoute, Travel, best_insertion


@dataclass(frozen=True, slots=True)
class SlotGrid:
    """Windows start at ``first_start`` every ``step_minutes`` and end by ``last_end`` (local)."""

    first_start: time = time(8)
    last_end: time = time(18)
    step_minutes: int = 120

    def __post_init__(self) -> None:
        if not 15 <= self.step_minutes <= 240:
            raise InvalidValue("step_minutes", f"{self.step_minutes} is outside 15..240")
        if self.last_end <= self.first_start:
            raise InvalidValue("last_end", "must be after first_start")

    def windows(self, day: date, zone: ZoneInfo) -> list[TimeWindow]:
        """The day's windows in UTC; a window that a clock change would shorten is left out."""
        found = []
        start = datetime.combine(day, self.first_start)
        last_end = datetime.combine(day, self.last_end)
        while start + WINDOW_LENGTH <= last_end:
            local_start = start.replace(tzinfo=zone)
            local_end = (start + WINDOW_LENGTH).replace(tzinfo=zone)
            window_start = local_start.astimezone(ZoneInfo("UTC"))
            window_end = local_end.astimezone(ZoneInfo("UTC"))
            if window_end - window_start == WINDOW_LENGTH:
                found.append(TimeWindow(window_start, window_end))
            start += timedelta(minutes=self.step_minutes)
        return found

    def whole_day(self, day: date, zone: ZoneInfo) -> TimeWindow:
        """The span of all the day's windows: for a customer to whom the whole day suits."""
        windows = self.windows(day, zone)
        if windows:
            return TimeWindow(windows[0].start, windows[-1].end)
        start = datetime.combine(day, self.first_start, zone)
        return TimeWindow(start, datetime.combine(day, self.last_end, zone))


# The half days a company assigns when it picks the visit itself (local start times).
HALF_DAY_STARTS = (time(8), time(12, 30))


def half_days(day: date, zone: ZoneInfo) -> list[TimeWindow]:
    """The day's assigned half days in UTC (a clock change never falls inside working hours)."""
    return [
        TimeWindow(start, start + ASSIGNED_WINDOW_LENGTH)
        for start in (datetime.combine(day, t, zone) for t in HALF_DAY_STARTS)
    ]


@dataclass(frozen=True, slots=True)
class OfferPolicy:
    """How windows are judged. Minutes are extra travel for the technician's day."""

    eco_minutes: float = 15.0  # at most this much extra driving: marked efficient
    max_added_minutes: float = 75.0  # more than this: not offered ...
    slack_over_best_minutes: float = 30.0  # ... unless within this of the customer's best window
    routes_per_day: int = 6  # nearest technician-days tried per day (speed, not quality)
    # A window on a day that is not one of the customer's area days ranks as if it cost this
    # much more driving: it is still offered, after the area days' windows.
    off_area_premium_minutes: float = 45.0
    recommended: int = 6  # windows in the short list shown first ...
    recommended_min_days: int = 3  # ... spread over at least this many days

    def limit(self, best_added: float) -> float:
        """The most extra driving a window may cost; a remote customer (an island, a border
        village) still gets their least costly windows rather than none at all."""
        return max(self.max_added_minutes, best_added + self.slack_over_best_minutes)

    def __post_init__(self) -> None:
        if not 0 <= self.eco_minutes <= self.max_added_minutes:
            raise InvalidValue("eco_minutes", "must be between 0 and max_added_minutes")
        if not 0 <= self.off_area_premium_minutes <= 600:
            raise InvalidValue("off_area_premium_minutes", "must be 0..600")
        if not 1 <= self.recommended <= 50:
            raise InvalidValue("recommended", f"{self.recommended} must be 1..50")
        if not 1 <= self.recommended_min_days <= self.recommended:
            raise InvalidValue("recommended_min_days", "must be 1..recommended")


@dataclass(frozen=True, slots=True)
class DayRoutes:
    """What the slot engine knows of one day: its origin instant and every technician-day's
    route,
    as a list or, for a large crew, filed in an ``index`` (whose routes may still hold the
    visit of case ``without``, left out when they are read)."""

    day: date
    origin: datetime  # the UTC instant that minute 0 of the routes stands for
    routes: Sequence[TechnicianRoute] = ()
    index: RouteIndex | None = None
    without: str = ""

    def nearest(self, location: GeoPoint, count: int) -> list[TechnicianRoute]:
        if self.index is not None:
            return self.index.nearest(location, count, self.without)
        return nearest_routes(self.routes, location, count)


@dataclass(frozen=True, slots=True)
class Offer:
    day: date
    window: TimeWindow
    technician_id: str
    added_minutes: float
    eco: bool  # a technician is already working nearby: little extra driving
    area_day: bool = True  # one of the customer's area days (or the area has none)

    def rank_minutes(self, policy: OfferPolicy) -> float:
        return self.added_minutes + (0.0 if self.area_day else policy.off_area_premium_minutes)


def as_stop(
    window: TimeWindow, origin: datetime, location: GeoPoint, service: float, ref: str = ""
) -> Stop:
    """A visit whose service starts within ``window`` (the arrival promised to the customer)."""
    return Stop(
        location, _minutes(window.start, origin), _minutes(window.end, origin), service, ref
    )


def _minutes(moment: datetime, origin: datetime) -> float:
    return (moment - origin).total_seconds() / 60.0


def nearest_routes(
    routes: Sequence[TechnicianRoute], location: GeoPoint, count: int
) -> list[TechnicianRoute]:
    """The routes that pass closest to ``location`` (home base or any stop)."""
    distance = closeness_key(location)

    def closeness(route: TechnicianRoute) -> float:
        nearest = distance(route.home)
        for stop in route.stops:
            nearest = min(nearest, distance(stop.location))
        return nearest

    return nsmallest(count, routes, key=closeness)


def cheapest_fit(
    routes: Sequence[TechnicianRoute], visit: Stop, travel: Travel
) -> Insertion | None:
    best: Insertion | None = None
    for route in routes:
        found = best_insertion(route, visit, travel)
        if found and (best is None or found.added_minutes < best.added_minutes):
            best = found
    return best


def offer_rank(
    added_minutes: float, start: datetime, policy: OfferPolicy
) -> tuple[float, datetime]:
    """Efficient windows cost the firm next to nothing, so among them the soonest ranks first
    (sooner is what the customer wants); the others follow by cost, ties to the earlier."""
    return (0.0 if added_minutes <= policy.eco_minutes else round(added_minutes), start)


def rank_offers(
    days: Sequence[DayRoutes],
    windows: dict[date, list[TimeWindow]],
    location: GeoPoint,
    service_minutes: float,
    travel: Travel,
    policy: OfferPolicy,
    area_days: frozenset[date] | None = None,
    urgent: bool = False,
) -> list[Offer]:
    """Every window some technician can reach at acceptable cost, the best first
    (``offer_rank``: efficient ones, at most ``policy.eco_minutes`` of extra driving, soonest
    first; the others by cost). With ``area_days`` (the customer's, within the offer), a
    window on another day ranks as if it cost ``policy.off_area_premium_minutes`` more; when
    no area day has a window at all, the other days rank by their own cost. An ``urgent``
    case (a broken appliance) is offered its soonest day first, the cheapest windows of each
    day first.
    """
    fits = []
    for plan_day in days:
        candidates = plan_day.nearest(location, policy.routes_per_day)
        for window in windows.get(plan_day.day, []):
            visit = as_stop(window, plan_day.origin, location, service_minutes)
            fit = cheapest_fit(candidates, visit, travel)
            if fit is not None:
                fits.append((plan_day.day, window, fit))
    if not fits:
        return []
    limit = policy.limit(min(fit.added_minutes for _, _, fit in fits))
    offers = [
        Offer(
            day,
            window,
            fit.technician_id,
            round(fit.added_minutes, 1),
            fit.added_minutes <= policy.eco_minutes,
            area_days is None or day in area_days,
        )
        for day, window, fit in fits
        if fit.added_minutes <= limit
    ]
    if not any(o.area_day for o in offers):  # no area day fits: the other days are the offer
        offers = [replace(o, area_day=True) for o in offers]
    if urgent:
        return sorted(offers, key=lambda o: (o.day, o.added_minutes, o.window.start))

    return sorted(offers, key=lambda o: offer_rank(o.rank_minutes(policy), o.window.start, policy))


def recommend(offers: Sequence[Offer], policy: OfferPolicy) -> list[Offer]:
    """The short list shown first: the first ``policy.recommended`` windows of ``offers``
    (ranked best first), at most an even share per day so that at least
    ``recommended_min_days`` days are in it when that many have windows (a customer busy on
    one day still finds a choice); when fewer days have windows, the best of the rest."""
    per_day = max(1, policy.recommended // policy.recommended_min_days)
    chosen: set[int] = set()  # positions in ``offers``
    taken: dict[date, int] = {}
    for position, offer in enumerate(offers):
        if len(chosen) == policy.recommended:
            break
        if taken.get(offer.day, 0) < per_day:
            chosen.add(position)
            taken[offer.day] = taken.get(offer.day, 0) + 1
    for position in range(len(offers)):  # fewer days than asked for: the best of the rest
        if len(chosen) == policy.recommended:
            break
        chosen.add(position)
    return [offers[p] for p in sorted(chosen)]
