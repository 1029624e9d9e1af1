"""Devices' contracts and technicians' shifts."""

from __future__ import annotations

from datetime import date, time

import pytest

from klantreis.core.common import GeoPoint
from klantreis.core.device import ServiceContract, add_months
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.technician import Shift, Technician, Weekday


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
    ],
)
def test_adding_months_clamps_to_the_end_of_the_month(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_maintenance_falls_due_one_interval_after_the_last_service() -> None:
    contract = ServiceContract("SC-1", date(2024, 3, 1), 12)
    assert contract.next_due(None) == date(2025, 3, 1)
    assert contract.next_due(date(2026, 4, 20)) == date(2027, 4, 20)


def test_a_contract_interval_outside_1_to_120_months_is_refused() -> None:
    with pytest.raises(InvalidValue, match="interval_months"):
        ServiceContract("SC-1", date(2024, 3, 1), 0)


def test_a_shift_is_parsed_from_its_text_form_and_back() -> None:
    shift = Shift.parse("tue 07:30-16:00")
    assert shift == Shift(Weekday.TUE, time(7, 30), time(16))
    assert str(shift) == "tue 07:30-16:00"


@pytest.mark.parametrize("text", ["tue 16:00-07:30", "xyz 08:00-17:00", "mon 8-17", "mon"])
def test_a_malformed_or_backwards_shift_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue):
        Shift.parse(text)


def test_a_technician_cannot_have_two_shifts_on_one_day() -> None:
    with pytest.raises(InvalidValue, match="shifts"):
        Technician(
            id="t",
            name="Piet",
            home_base=GeoPoint(52.0, 5.0),
            shifts=[Shift.parse("mon 08:00-12:00"), Shift.parse("mon 13:00-17:00")],
        )


def test_a_technician_can_do_a_job_only_with_every_skill_it_needs() -> None:
    tech = Technician(
        id="t",
        name="Piet",
        home_base=GeoPoint(52.0, 5.0),
        skills=frozenset({"boiler", "white_goods"}),
    )
    assert tech.can_do(frozenset({"boiler"}))
    assert not tech.can_do(frozenset({"boiler", "heat_pump"}))
