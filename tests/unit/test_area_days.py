"""Area days: every area gets its weekdays from the demand and the technicians' bases; the
slot engine ranks the customer's area days first and offers a short list over several days."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from klantreis.core.common import GeoPoint
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import Unprocessable
from klantreis.core.geo import haversine_km
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.technician import Technician
from klantreis.core.time_window import WINDOW_LENGTH, TimeWindow
from klantreis.scheduling.area_days import AreaCalendar, AreaDemand, bearing, propose_area_days
from klantreis.scheduling.area_days_service import CREW_CHECK, AreaDays, set_area_days
from klantreis.scheduling.routes import TechnicianRoute
from klantreis.scheduling.slots import (
    DayRoutes,
    Offer,
    OfferPolicy,
    SlotGrid,
    rank_offers,
    recommend,
)
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

BASE = GeoPoint(52.09, 5.12)  # Utrecht
MONDAY = date(2026, 11, 30)


def ring(count: int, km: float = 8.0) -> list[AreaDemand]:
    """``count`` areas evenly around the base, one customer each."""
    areas = []
    for n in range(count):
        angle = 2 * math.pi * n / count
        lat = BASE.latitude + km / 111 * math.cos(angle)
        lon = BASE.longitude + km / 68 * math.sin(angle)
        areas.append(AreaDemand(f"{3500 + n}", GeoPoint(lat, lon), 1.0))
    return areas


def test_bearing_is_a_compass_bearing() -> None:
    assert bearing(BASE, GeoPoint(52.2, 5.12)) == pytest.approx(0.0, abs=0.1)
    assert bearing(BASE, GeoPoint(52.09, 5.3)) == pytest.approx(90.0, abs=0.2)
    assert bearing(BASE, GeoPoint(51.9, 5.12)) == pytest.approx(180.0, abs=0.1)


def test_every_area_gets_two_adjacent_weekdays_and_every_weekday_has_its_share() -> None:
    calendar = propose_area_days(ring(40), [BASE])
    days = calendar.weekdays_by_pc4
    assert len(days) == 40 and all(len(d) == 2 for d in days.values())
    for weekdays in days.values():
        first, second = sorted(weekdays)
        assert second - first in (1, 4)  # neighbours around the base (Friday meets Monday)
    per_weekday = [sum(1 for d in days.values() if w in d) for w in range(5)]
    assert per_weekday == [16] * 5  # 40 areas x 2 days over 5 weekdays, evenly


def test_an_areas_weekdays_are_those_of_its_nearest_base() -> None:
    east, west = GeoPoint(52.09, 5.6), GeoPoint(52.09, 4.6)
    areas = [
        AreaDemand("3900", GeoPoint(52.10, 5.58), 1.0),
        AreaDemand("2400", GeoPoint(52.1, 4.62), 1.0),
    ]
    alone = propose_area_days(areas[:1], [east])
    together = propose_area_days(areas, [east, west])
    assert together.weekdays_by_pc4["3900"] == alone.weekdays_by_pc4["3900"]


def test_an_area_outside_the_calendar_has_every_day() -> None:
    calendar = AreaCalendar({"3511": frozenset({0, 1})})
    week = [MONDAY + timedelta(days=n) for n in range(5)]
    assert calendar.area_days("3511", week) == {week[0], week[1]}
    assert calendar.area_days("9999", week) == set(week)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"bases": []}, "bases"),
        ({"weekdays": (0, 0, 1)}, "weekdays"),
        ({"weekdays": (0, 7)}, "weekdays"),
        ({"days_per_area": 3}, "days_per_area"),
    ],
)
def test_a_calendar_that_cannot_be_proposed_is_refused_by_name(kwargs: dict, field: str) -> None:  # type: ignore[type-arg]
    arguments = {"demand": ring(5), "bases": [BASE], **kwargs}
    with pytest.raises(InvalidValue) as refused:
        propose_area_days(**arguments)
    assert refused.value.field == field


def offer(day_offset: int, hour: int, added: float) -> Offer:
    day = MONDAY + timedelta(days=day_offset)
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return Offer(day, TimeWindow(start, start + WINDOW_LENGTH), "t1", added, added <= 15)


def test_the_short_list_takes_the_cheapest_windows_over_at_least_three_days() -> None:
    # Monday is cheapest in every window; a plain cheapest-six would be Monday only.
    offers = [offer(0, h, 5 + h / 10) for h in (7, 9, 11, 13, 15)]
    offers += [offer(1, h, 20 + h / 10) for h in (7, 9, 11)]
    offers += [offer(2, h, 30 + h / 10) for h in (7, 9)]
    offers += [offer(3, 7, 40)]
    shown = recommend(offers, OfferPolicy())
    assert len(shown) == 6
    assert len({o.day for o in shown}) >= 3
    assert [o.added_minutes for o in shown] == sorted(o.added_minutes for o in shown)
    assert shown[0] is offers[0]


def test_the_short_list_fills_up_when_fewer_days_have_windows() -> None:
    offers = [offer(0, h, h) for h in (7, 9, 11, 13, 15)] + [offer(1, 7, 50)]
    shown = recommend(offers, OfferPolicy())
    assert len(shown) == 6  # two days only: all six windows


def test_a_short_list_longer_than_the_days_allow_is_refused() -> None:
    with pytest.raises(InvalidValue):
        OfferPolicy(recommended=2, recommended_min_days=3)


def two_days_of_offers(area_days: frozenset[date] | None) -> list[Offer]:
    zone = ZoneInfo("Europe/Amsterdam")
    days = [MONDAY, MONDAY + timedelta(days=1)]
    plan = []
    for day in days:
        origin = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
        plan.append(DayRoutes(day, origin, [TechnicianRoute("t1", BASE, 480, 1020, ())]))
    windows = {day: SlotGrid().windows(day, zone) for day in days}
    customer = GeoPoint(52.12, 5.15)

    def minutes(a: GeoPoint, b: GeoPoint) -> float:
        return haversine_km(a, b) * 1.5

    return rank_offers(plan, windows, customer, 60, minutes, OfferPolicy(), area_days)


def test_the_customers_area_days_rank_first_and_the_other_days_follow() -> None:
    tuesday = MONDAY + timedelta(days=1)
    offers = two_days_of_offers(frozenset({tuesday}))
    area = [o for o in offers if o.area_day]
    assert {o.day for o in area} == {tuesday}
    assert offers[: len(area)] == area  # every Tuesday window before any Monday window
    assert {o.day for o in offers} == {MONDAY, tuesday}  # Monday still offered, after them


def test_without_a_window_on_an_area_day_the_other_days_rank_as_usual() -> None:
    offers = two_days_of_offers(frozenset({MONDAY + timedelta(days=7)}))
    plain = two_days_of_offers(None)
    assert offers == plain and all(o.area_day for o in offers)


def test_the_calendar_in_force_follows_a_crew_change_within_a_minute_and_can_be_off() -> None:
    uow = FakeUnitOfWork()
    uow.customers.demand_by_pc4 = lambda: ring(20)  # type: ignore[method-assign]
    uow.technicians.add(Technician("t1", "Anna", BASE))
    clock = FixedClock(datetime(2026, 11, 30, 9, tzinfo=UTC))
    areas = AreaDays(clock)
    first = areas.calendar(uow)  # type: ignore[arg-type]
    assert first is not None and len(first.weekdays_by_pc4) == 20
    uow.technicians.add(Technician("t2", "Bram", GeoPoint(52.3, 5.3)))
    assert areas.calendar(uow) is first  # type: ignore[arg-type]  # not looked for yet
    clock.current += CREW_CHECK
    second = areas.calendar(uow)  # type: ignore[arg-type]
    assert second is not None and second is not first
    assert AreaDays(clock, enabled=False).calendar(uow) is None  # type: ignore[arg-type]


def test_a_planners_area_days_come_before_the_proposal_longest_prefix_first() -> None:
    uow = FakeUnitOfWork()
    uow.customers.demand_by_pc4 = lambda: ring(20)  # type: ignore[method-assign]
    uow.technicians.add(Technician("t1", "Anna", BASE))
    clock = FixedClock(datetime(2026, 11, 30, 9, tzinfo=UTC))
    areas = AreaDays(clock)
    proposed = areas.calendar(uow)  # type: ignore[arg-type]
    assert proposed is not None
    pc4 = sorted(proposed.weekdays_by_pc4)[0]
    uow.day_rules.set_area_weekdays(pc4[:2], frozenset({0}), clock.current)
    uow.day_rules.set_area_weekdays(pc4[:3], frozenset({3, 4}), clock.current)
    assert areas.calendar(uow) is proposed  # type: ignore[arg-type]  # not read again yet
    areas.forget()  # what a planner's change does
    calendar = areas.calendar(uow)  # type: ignore[arg-type]
    assert calendar is not None
    assert calendar.weekdays_of(pc4) == frozenset({3, 4})  # the longest prefix decides
    assert calendar.planner_prefix(pc4) == pc4[:3]
    assert calendar.is_area_day(pc4, MONDAY + timedelta(days=3))
    assert not calendar.is_area_day(pc4, MONDAY)
    # With proposals off, the planner's days still hold and other areas have none.
    off = AreaDays(clock, enabled=False).calendar(uow)  # type: ignore[arg-type]
    assert off is not None and off.weekdays_by_pc4 == {} and off.weekdays_of(pc4) == {3, 4}


@pytest.mark.parametrize(
    ("prefix", "weekdays", "field"),
    [
        ("0351", [1], "prefix"),
        ("35a", [1], "prefix"),
        ("35111", [1], "prefix"),
        ("35", [1, 1], "weekdays"),
        ("35", [7], "weekdays"),
        ("35", [], "weekdays"),
        ("35", [0, 1, 2, 3, 4, 5], "weekdays"),
    ],
)
def test_a_planners_area_days_are_checked_and_nothing_is_stored_when_refused(
    prefix: str, weekdays: list[int], field: str
) -> None:
    uow = FakeUnitOfWork()
    clock = FixedClock(datetime(2026, 11, 30, 9, tzinfo=UTC))
    with pytest.raises(Unprocessable) as refused:
        set_area_days(uow, clock, Pc4Gazetteer.packaged(), prefix, weekdays)  # type: ignore[arg-type]
    assert refused.value.extra["field"] == field
    assert uow.day_rules.area_weekdays() == {}
