"""Storage on SQLite and on a real PostgreSQL: the same tests, both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from klantreis.app.bootstrap import Container
from klantreis.app.migrate import current_revision, upgrade
from klantreis.app.schema import metadata
from klantreis.core import cases
from klantreis.core import journey_log as journey
from klantreis.core.case import CaseAction, CaseOrigin, CaseState
from klantreis.core.common import Channel
from klantreis.core.customer import Persona, Purpose, Salutation
from klantreis.core.customers import register_customer
from klantreis.core.devices import register_device
from klantreis.core.errors import ConcurrentUpdate
from klantreis.core.journey import Phase
from klantreis.core.records import (
    AbsenceRecord,
    CaseRecord,
    ConsentRecord,
    ContractRecord,
    CustomerRecord,
    DeviceRecord,
    EventRecord,
    QuietHoursRecord,
)

AMS = ZoneInfo("Europe/Amsterdam")


def customer_record(**changes: object) -> CustomerRecord:
    base = CustomerRecord(
        external_id="K1",
        salutation=Salutation.MEVROUW,
        initials="A.M.",
        first_name="Anna",
        tussenvoegsel="van der",
        surname="Berg",
        persona=Persona.SINGLE_SENIOR,
        email="anna@example.nl",
        street="Oudegracht",
        house_number="12a",
        postcode="3511 AB",
        consents=[ConsentRecord(purpose=Purpose.SERVICE, channel=Channel.EMAIL)],
        channel_preferences=[Channel.EMAIL, Channel.SMS],
        quiet_hours=QuietHoursRecord(start=time(21), end=time(8)),
        absences=[
            AbsenceRecord(
                start=datetime(2026, 7, 4, tzinfo=AMS),
                end=datetime(2026, 7, 18, tzinfo=AMS),
                reason="vakantie",
            )
        ],
    )
    return base.model_copy(update=changes)


def test_migrations_create_exactly_the_schema_the_code_expects(container: Container) -> None:
    upgrade(container.engine)  # a second run changes nothing
    assert current_revision(container.engine) is not None
    with container.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_a_customer_survives_the_round_trip_through_storage(container: Container) -> None:
    with container.uow_factory() as uow:
        stored = register_customer(uow, container.gazetteer, customer_record(), "k1")
        uow.commit()
    with container.uow_factory() as uow:
        loaded = uow.customers.get("k1")
    assert loaded == stored
    assert loaded is not None and loaded.absences[0].start == datetime(2026, 7, 3, 22, tzinfo=UTC)


def test_nothing_is_stored_without_a_commit(container: Container) -> None:
    with container.uow_factory() as uow:
        register_customer(uow, container.gazetteer, customer_record(), "k1")
    with container.uow_factory() as uow:
        assert uow.customers.get("k1") is None


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 3, 29, 1, 59, tzinfo=UTC),  # 02:59 CET, just before clocks go forward
        datetime(2026, 3, 29, 2, 0, tzinfo=UTC),  # 04:00 CEST
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 02:30 CEST, first pass
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 02:30 CET, the same wall time an hour later
    ],
)
def test_times_on_daylight_saving_days_are_stored_as_the_same_instant(
    container: Container, moment: datetime
) -> None:
    with container.uow_factory() as uow:
        register_customer(uow, container.gazetteer, customer_record(), "k1")
        uow.commit()
    event = EventRecord(
        customer_id="k1",
        phase=Phase.SERVICE,
        touchpoint="dst_probe",
        channel=Channel.WEB,
        occurred_at=moment.astimezone(AMS),
    )
    with container.uow_factory() as uow:
        journey.append_events(uow, [event])
        uow.commit()
    with container.uow_factory() as uow:
        (loaded,) = uow.events.list(0, 10, customer_id="k1")
    assert loaded.occurred_at == moment and loaded.occurred_at.tzinfo is UTC


def test_a_case_keeps_its_history_and_version(container: Container) -> None:
    with container.uow_factory() as uow:
        register_customer(uow, container.gazetteer, customer_record(), "k1")
        register_device(
            uow,
            DeviceRecord(
                customer_id="k1",
                kind="boiler",
                model="Remeha Tzerra",
                serial="SN1",
                installed_on=date(2019, 4, 1),
                contract=ContractRecord(reference="SC-1", start=date(2019, 4, 1)),
            ),
            "d1",
        )
        cases.open_case(
            uow,
            container.clock,
            CaseRecord(
                customer_id="k1",
                device_id="d1",
                origin=CaseOrigin.PERIODIC_MAINTENANCE,
                required_skills=["boiler"],
            ),
            "c1",
        )
        uow.commit()
    for action in (CaseAction.INVITE, CaseAction.BOOK, CaseAction.RESCHEDULE):
        with container.uow_factory() as uow:
            cases.act_on_case(uow, container.clock, "c1", action)
            uow.commit()
    with container.uow_factory() as uow:
        case = cases.get_case(uow, "c1")
        events = uow.events.list(0, 50, case_id="c1")
        device = uow.devices.get("d1")
    assert case.state is CaseState.BOOKED and case.version == 3 and case.reschedule_count == 1
    assert [t.action for t in case.history] == [
        CaseAction.INVITE,
        CaseAction.BOOK,
        CaseAction.RESCHEDULE,
    ]
    assert [e.touchpoint for e in events] == [
        "case_opened",
        "case_invite",
        "case_book",
        "case_reschedule",
    ]
    assert device is not None and device.contract is not None
    assert device.contract.next_due(None) == date(2020, 4, 1)


def test_a_move_saved_on_a_stale_copy_is_refused(container: Container) -> None:
    with container.uow_factory() as uow:
        register_customer(uow, container.gazetteer, customer_record(), "k1")
        cases.open_case(
            uow, container.clock, CaseRecord(customer_id="k1", origin=CaseOrigin.PREDICTED), "c1"
        )
        uow.commit()
    with container.uow_factory() as uow:
        stale = uow.cases.get("c1")
    with container.uow_factory() as uow:
        cases.act_on_case(uow, container.clock, "c1", CaseAction.CANCEL)
        uow.commit()
    assert stale is not None
    stale.apply(CaseAction.INVITE, container.clock.now() + timedelta(minutes=1))
    with container.uow_factory() as uow, pytest.raises(ConcurrentUpdate):
        uow.cases.save(stale, expected_version=0)
