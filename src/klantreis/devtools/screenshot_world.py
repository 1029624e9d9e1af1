"""A small world to photograph: two technicians near Utrecht, four booked visits on one day
planned with PyVRP, and a message waiting for customer service."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseOrigin
from klantreis.core.cases import open_case
from klantreis.core.customers import register_customer
from klantreis.core.records import CaseRecord, CustomerRecord, TechnicianRecord
from klantreis.core.technicians import register_technician
from klantreis.inbound.service import receive
from klantreis.planning.replan import plan_the_day
from klantreis.scheduling.booking_service import book_window

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VISITS = [
    ("3511 AB", "Oudegracht", "de Vries", 8),
    ("3512 JE", "Nobelstraat", "Jansen", 10),
    ("3521 AL", "Croeselaan", "Bakker", 12),
    ("3581 KP", "Biltstraat", "Visser", 14),
]


def planned_day(container: Container, day: date) -> str:
    """The world, planned on ``day``; the id of the technician with visits."""
    with container.uow_factory() as uow:
        for tech_id, name, lat, lon in (
            ("t-1", "Anna de Boer", 52.0907, 5.1214),
            ("t-2", "Bram Smit", 52.1561, 5.3878),
        ):
            register_technician(
                uow,
                TechnicianRecord(
                    name=name,
                    latitude=lat,
                    longitude=lon,
                    skills=["boiler"],
                    shifts=[f"{d} 08:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")],
                ),
                tech_id,
            )
        for n, (postcode, street, surname, hour) in enumerate(VISITS):
            customer_id = f"k-{n}"
            register_customer(
                uow,
                container.gazetteer,
                CustomerRecord.model_validate(
                    {
                        "surname": surname,
                        "salutation": "mevrouw" if n % 2 else "heer",
                        "street": street,
                        "house_number": str(10 + n),
                        "postcode": postcode,
                        "email": f"{customer_id}@example.nl",
                        "consents": [{"purpose": "service", "channel": "email"}],
                    }
                ),
                customer_id,
            )
            case = open_case(
                uow,
                container.clock,
                CaseRecord(
                    customer_id=customer_id,
                    origin=CaseOrigin.FAULT_REPORTED,
                    required_skills=["boiler"],
                    summary="Storing E119: te lage waterdruk",
                ),
                f"c-{n}",
            )
            start = datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)
            book_window(uow, container.booking, case.id, start)
        receive(
            uow,
            container.clock,
            container.intent_reader,
            container.messenger,
            "email",
            "k-0@example.nl",
            "Vraag",
            "Hoe laat komt de monteur dinsdag?",
        )
        uow.commit()
    with container.uow_factory() as uow:
        outcome = plan_the_day(
            uow,
            container.clock,
            container.travel,
            container.plan_costs,
            container.messenger,
            day,
            2.0,
        )
        uow.commit()
    busy = [tech for tech, route in outcome.plan.routes.items() if route]
    return busy[0] if busy else "t-1"
