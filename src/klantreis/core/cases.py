"""Opening service cases and moving them through their states."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from klantreis.core.case import CaseAction, CaseOrigin, CaseState, Findings, ServiceCase
from klantreis.core.common import Channel, Language
from klantreis.core.customer import Customer
from klantreis.core.device import Device
from klantreis.core.errors import NotFound, Unprocessable, found
from klantreis.core.ids import new_id
from klantreis.core.journey import JourneyTouchpoint
from klantreis.core.journey_log import record_case_event
from klantreis.core.ports import Clock, UnitOfWork
from klantreis.core.records import CaseRecord

_ORIGIN_CHANNEL = {
    CaseOrigin.PREDICTED: Channel.DEVICE,
    CaseOrigin.FAULT_REPORTED: Channel.DEVICE,
    CaseOrigin.PERIODIC_MAINTENANCE: Channel.WEB,
    CaseOrigin.CUSTOMER_REQUEST: Channel.WEB,
}


def open_case(
    uow: UnitOfWork,
    clock: Clock,
    record: CaseRecord,
    case_id: str,
    findings: Findings | None = None,
) -> ServiceCase:
    if uow.customers.get(record.customer_id) is None:
        raise Unprocessable(f"customer '{record.customer_id}' does not exist", field="customer_id")
    if record.device_id is not None:
        device = uow.devices.get(record.device_id)
        if device is None or device.customer_id != record.customer_id:
            raise Unprocessable(
                f"device '{record.device_id}' does not belong to customer '{record.customer_id}'",
                field="device_id",
            )
    now = clock.now()
    case = ServiceCase(
        id=case_id,
        customer_id=record.customer_id,
        device_id=record.device_id,
        origin=record.origin,
        opened_at=now,
        summary=record.summary,
        required_skills=frozenset(record.required_skills),
        duration_minutes=record.duration_minutes,
        urgent=record.urgent,
        findings=findings,
    )
    uow.cases.add(case)
    record_case_event(
        uow,
        case,
        JourneyTouchpoint.CASE_OPENED,
        _ORIGIN_CHANNEL[case.origin],
        now,
        {"origin": case.origin.value},
    )
    return case


def act_on_case(
    uow: UnitOfWork,
    clock: Clock,
    case_id: str,
    action: CaseAction,
    reason: str = "",
    channel: Channel = Channel.WEB,
    properties: dict[str, str | int | float | bool | None] | None = None,
) -> ServiceCase:
    """Apply ``action`` to the case under a row lock; the move is checked against the version.

    Raises ``NotFound``, ``IllegalTransition`` (the state forbids it) or ``ConcurrentUpdate``.
    """
    case = get_case(uow, case_id, for_update=True)
    expected_version = case.version
    transition = case.apply(action, clock.now(), reason)
    uow.cases.save(case, expected_version)
    record_case_event(
        uow,
        case,
        JourneyTouchpoint.of_case_action(action.value),
        channel,
        transition.at,
        {
            "from": transition.from_state.value,
            "to": transition.to_state.value,
            **(properties or {}),
        },
    )
    return case


def get_case(uow: UnitOfWork, case_id: str, *, for_update: bool = False) -> ServiceCase:
    """The case (row-locked with ``for_update``), or ``NotFound``."""
    return found(uow.cases.get(case_id, for_update=for_update), "case", case_id)


def open_device_case(
    uow: UnitOfWork,
    clock: Clock,
    device: Device,
    origin: CaseOrigin,
    summary: str,
    skill: str,
    minutes: int,
    *,
    urgent: bool = False,
    findings: Findings | None = None,
) -> ServiceCase:
    """A case about one of the customer's appliances, opened by the company's own systems
    (a fault code, a due service, the fleet model)."""
    record = CaseRecord(
        customer_id=device.customer_id,
        device_id=device.id,
        origin=origin,
        summary=summary,
        required_skills=[skill],
        duration_minutes=minutes,
        urgent=urgent,
    )
    return open_case(uow, clock, record, new_id(), findings)


def customer_of_case(uow: UnitOfWork, case_id: str) -> Customer:
    customer = uow.customers.get(get_case(uow, case_id).customer_id)
    if customer is None:
        raise NotFound(f"case '{case_id}' has no customer")
    return customer


def language_of_case(uow: UnitOfWork, case_id: str) -> Language:
    """The language the case's customer asked to be addressed in (Dutch if unknown)."""
    case = uow.cases.get(case_id)
    customer = uow.customers.get(case.customer_id) if case else None
    return customer.language if customer else Language.NL


def list_cases(
    uow: UnitOfWork,
    offset: int,
    limit: int,
    state: CaseState | None = None,
    customer_id: str | None = None,
    among: Collection[str] | None = None,
) -> Sequence[ServiceCase]:
    return uow.cases.list(offset, limit, state, customer_id, among)
