"""A small service organisation around Utrecht, for self-scheduling tests.

The clock stands on Thursday 26 March 2026, 10:00 in Amsterdam: the offer horizon (10 days from
Friday 27 March) crosses the switch to summer time (Sunday 29 March) and Good Friday (3 April).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from zoneinfo import ZoneInfo

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseOrigin
from klantreis.core.cases import open_case
from klantreis.core.customers import register_customer
from klantreis.core.records import CaseRecord, CustomerRecord, TechnicianRecord
from klantreis.core.technicians import register_technician
from klantreis.planning.day_plan import plan_day
from klantreis.planning.solvers.pyvrp_day import plan_with_pyvrp
from klantreis.scheduling.booking_service import book_window

NOW = datetime(2026, 3, 26, 9, 0, tzinfo=UTC)
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def add_technician(
    container: Container,
    tech_id: str,
    lat: float,
    lon: float,
    skills: list[str] | None = None,
    shift: str = "08:00-17:00",
) -> None:
    with container.uow_factory() as uow:
        register_technician(
            uow,
            TechnicianRecord(
                name=f"Monteur {tech_id}",
                latitude=lat,
                longitude=lon,
                skills=skills or ["boiler"],
                shifts=[f"{d} {shift}" for d in WEEKDAYS],
            ),
            tech_id,
        )
        uow.commit()


def add_case(
    container: Container,
    case_id: str,
    postcode: str = "3511 AB",
    minutes: int = 60,
    language: str = "nl",
    **customer: object,
) -> str:
    """A customer at ``postcode`` with one boiler case; returns the case id."""
    with container.uow_factory() as uow:
        record = CustomerRecord.model_validate(
            {
                "surname": "Berg",
                "tussenvoegsel": "van der",
                "salutation": "heer",
                "street": "Oudegracht",
                "house_number": case_id[-3:],
                "postcode": postcode,
                "language": language,
                "email": f"{case_id}@example.nl",
                **customer,
            }
        )
        register_customer(uow, container.gazetteer, record, f"k-{case_id}")
        open_case(
            uow,
            container.clock,
            CaseRecord(
                customer_id=f"k-{case_id}",
                origin=CaseOrigin.FAULT_REPORTED,
                required_skills=["boiler"],
                duration_minutes=minutes,
                summary="Storing E119",
            ),
            case_id,
        )
        uow.commit()
    return case_id


def utrecht(container: Container) -> None:
    """Two boiler technicians: one in Utrecht, one in Amsterdam; a heat-pump one in Zwolle."""
    add_technician(container, "t-utrecht", 52.0907, 5.1214)
    add_technician(container, "t-amsterdam", 52.3702, 4.8952)
    add_technician(container, "t-zwolle", 52.5168, 6.0830, skills=["heat_pump"])


def planned_tuesday(container: Container, **customer: object) -> list[str]:
    """Two customers near Utrecht booked on Tuesday 31 March (8:00 and 10:00 windows), the
    day planned with PyVRP; returns their case ids in visiting order."""
    amsterdam = ZoneInfo("Europe/Amsterdam")
    cases = []
    for n, (postcode, hour) in enumerate([("3511 AB", 8), ("3512 JE", 10)]):
        case_id = add_case(container, f"c-{n:03d}", postcode, **customer)
        with container.uow_factory() as uow:
            start = datetime(2026, 3, 31, hour, tzinfo=amsterdam).astimezone(UTC)
            book_window(uow, container.booking, case_id, start)
            uow.commit()
        cases.append(case_id)
    solver = partial(
        plan_with_pyvrp, travel_minutes=container.travel.minutes, travel_km=container.travel.km
    )
    with container.uow_factory() as uow:
        plan_day(
            uow,
            container.clock,
            container.travel,
            lambda v, c, s, now: solver(v, c, seconds=s, current=now),
            datetime(2026, 3, 31, tzinfo=amsterdam).date(),
            0.5,
        )
        uow.commit()
    return cases
