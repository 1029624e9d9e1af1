"""What a caller may reach beyond their role's routes.

A technician reaches the cases planned for them from today (Amsterdam) to the end of the
planned horizon, and the devices of those cases: not the cases of colleagues, not last
month's. Everything out of reach answers exactly as a case that does not exist, so a key
cannot be used to find out which ids do.
"""

from __future__ import annotations

from collections.abc import Sequence

from klantreis.core.access import Caller, Role
from klantreis.core.case import ServiceCase
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import NotFound
from klantreis.core.i18n import DEFAULT_ZONE
from klantreis.core.ports import Clock, UnitOfWork
from klantreis.core.pseudonyms import Pseudonyms
from klantreis.core.technician import Technician


def reachable_cases(uow: UnitOfWork, clock: Clock, caller: Caller) -> frozenset[str] | None:
    """The ids of the cases this caller may see; None when their role sees every case."""
    if caller.role is not Role.TECHNICIAN:
        return None
    if caller.technician_id is None:  # a key from before keys named their technician
        return frozenset()
    today = clock.now().astimezone(DEFAULT_ZONE).date()
    return uow.plans.cases_of_technician(caller.technician_id, today)


def reachable_case(uow: UnitOfWork, clock: Clock, caller: Caller, case_id: str) -> ServiceCase:
    """The case, if it exists and the caller may reach it; ``NotFound`` otherwise."""
    reach = reachable_cases(uow, clock, caller)
    case = uow.cases.get(case_id) if reach is None or case_id in reach else None
    if case is None:
        raise NotFound(f"case '{case_id}' does not exist")
    return case


def check_device_within_reach(
    uow: UnitOfWork, clock: Clock, caller: Caller, device_id: str
) -> None:
    """Raises ``NotFound`` for a device none of the caller's reachable cases is about."""
    reach = reachable_cases(uow, clock, caller)
    if reach is None:
        return
    for case_id in reach:
        case = uow.cases.get(case_id)
        if case is not None and case.device_id == device_id:
            return
    raise NotFound(f"device '{device_id}' does not exist")


def reachable_technicians(
    uow: UnitOfWork, caller: Caller, offset: int, limit: int
) -> Sequence[Technician]:
    """Every technician for a planner; for a technician's key, its own technician only."""
    if caller.role is not Role.TECHNICIAN:
        return uow.technicians.list(offset, limit)
    own = uow.technicians.get(caller.technician_id) if caller.technician_id else None
    return [own] if own is not None and offset == 0 else []


def check_technician_within_reach(caller: Caller, technician_id: str) -> None:
    """A technician sees their own record only: a colleague's home base is where they live."""
    if caller.role is Role.TECHNICIAN and caller.technician_id != technician_id:
        raise NotFound(f"technician '{technician_id}' does not exist")


def pseudonyms_for(
    caller: Caller, pseudonyms: Pseudonyms, customer_id: str | None = None
) -> Pseudonyms | None:
    """Analysts see customers and devices only as pseudonyms; other roles see the ids. An
    analyst may not filter by a customer's id either: the answer would pair it with its
    pseudonym."""
    if caller.role is not Role.ANALYST:
        return None
    if customer_id is not None:
        raise InvalidValue("customer_id", "analysts see pseudonyms: filter by case_id instead")
    return pseudonyms
