from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from klantreis.app.bootstrap import Container
from klantreis.app.ports import AppUnit
from klantreis.app.schemas import CaseOut, FindingOut
from klantreis.core import cases
from klantreis.core.access import Caller, Role
from klantreis.core.api.deps import ContainerOf, PageDep, UnitOfWorkDep, identify, require
from klantreis.core.case import CaseAction, CaseState
from klantreis.core.ids import new_id
from klantreis.core.reach import pseudonyms_for, reachable_case, reachable_cases
from klantreis.core.records import CaseRecord
from klantreis.planning.tracking import OUTCOMES, close_visit
from klantreis.telemetry.findings_service import record_finding
from klantreis.telemetry.visit_findings import Found

UowDep = UnitOfWorkDep[AppUnit]
ContainerDep = ContainerOf[Container]

router = APIRouter(prefix="/cases", tags=["cases"])
# A technician reaches only the cases planned for them; an analyst sees pseudonyms.
Readers = Annotated[Caller, Depends(identify(Role.PLANNER, Role.TECHNICIAN, Role.ANALYST))]
Writers = Annotated[Role, Depends(require(Role.PLANNER))]
Actors = Annotated[Caller, Depends(identify(Role.PLANNER, Role.TECHNICIAN))]

# What a technician does at the door; everything else about a case is the planner's.
TECHNICIAN_ACTIONS = frozenset(
    {
        CaseAction.DEPART,
        CaseAction.ARRIVE,
        CaseAction.RESOLVE,
        CaseAction.REPORT_NO_SHOW,
        CaseAction.REQUIRE_FOLLOW_UP,
    }
)


class ActionRequest(BaseModel):
    reason: str = Field(default="", max_length=500)


@router.post("", status_code=201, response_model=CaseOut, summary="Open a service case")
def open_case(record: CaseRecord, uow: UowDep, container: ContainerDep, _: Writers) -> CaseOut:
    case = cases.open_case(uow, container.clock, record, new_id())
    return CaseOut.of(case)


@router.get("", response_model=list[CaseOut], summary="List cases")
def list_cases(
    uow: UowDep,
    container: ContainerDep,
    page: PageDep,
    caller: Readers,
    state: CaseState | None = None,
    customer_id: str | None = None,
) -> list[CaseOut]:
    pseudonyms = pseudonyms_for(caller, container.pseudonyms, customer_id)
    reach = reachable_cases(uow, container.clock, caller)
    found = cases.list_cases(uow, *page, state, customer_id, reach)
    return [CaseOut.of(c, pseudonyms) for c in found]


@router.get("/{case_id}", response_model=CaseOut, summary="One case with its history")
def get_case(case_id: str, uow: UowDep, container: ContainerDep, caller: Readers) -> CaseOut:
    case = reachable_case(uow, container.clock, caller, case_id)
    return CaseOut.of(case, pseudonyms_for(caller, container.pseudonyms))


@router.post(
    "/{case_id}/actions/{action}",
    response_model=CaseOut,
    summary="Move a case (illegal moves answer 409)",
    responses={409: {"description": "The case's state does not allow this action"}},
)
def act_on_case(
    case_id: str,
    action: CaseAction,
    uow: UowDep,
    container: ContainerDep,
    caller: Actors,
    body: ActionRequest | None = None,
) -> CaseOut:
    if caller.role is Role.TECHNICIAN and action not in TECHNICIAN_ACTIONS:
        raise HTTPException(403, f"role 'technician' may not '{action.value}' a case")
    reachable_case(uow, container.clock, caller, case_id)
    if action in OUTCOMES:  # closing a visit sets the technician on the way to the next
        close_visit(
            uow,
            container.clock,
            case_id,
            action,
            body.reason if body else "",
            messenger=container.messenger,
        )
        case = cases.get_case(uow, case_id)
    else:
        case = cases.act_on_case(uow, container.clock, case_id, action, body.reason if body else "")
    return CaseOut.of(case)


class FindingRequest(BaseModel):
    found: Found


@router.post(
    "/{case_id}/finding",
    response_model=FindingOut,
    summary="What the technician found on a predicted or maintenance visit (teaches the model)",
    responses={409: {"description": "The visit has not taken place"}},
)
def record_visit_finding(
    case_id: str,
    body: FindingRequest,
    uow: UowDep,
    container: ContainerDep,
    caller: Actors,
) -> FindingOut:
    reachable_case(uow, container.clock, caller, case_id)
    return FindingOut.of(record_finding(uow, container.clock, case_id, body.found))
