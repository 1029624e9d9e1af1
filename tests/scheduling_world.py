"""A small service organisation around Utrecht, for self-scheduling tests.

The clock stands on Thursday 26 March 2026, 10:00 in Amsterdam: the offer horizon (10 days from
Friday 27 March) crosses the switch to summer time (Sunday 29 March) and Good Friday (3 April).
"""

from __future__ import annotations

from datetime import UTC, datetime

from klantreis.bootstrap import Container
from klantreis.domain.case import CaseOrigin
from klantreis.services.cases import open_case
from klantreis.services.customers import register_customer
from klantreis.services.records import CaseRecord, CustomerRecord, TechnicianRecord
from klantreis.services.technicians import register_technician

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
