from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from klantreis.domain.case import CaseAction, CaseState
from klantreis.entrypoints.api.deps import ContainerDep, PageDep, UowDep, require
from klantreis.entrypoints.api.schemas import CaseOut
from klantreis.services import cases
from klantreis.services.access import Role
from klantreis.services.ids import new_id
from klantreis.services.planning.tracking import OUTCOMES, close_visit
from klantreis.services.records import CaseRecord

router = APIRouter(prefix="/cases", tags=["cases"])
Readers = Annotated[Role, Depends(require(Role.PLANNER, Role.TECHNICIAN, Role.ANALYST))]
Writers = Annotated[Role, Depends(require(Role.PLANNER))]
Actors = Annotated[Role, Depends(require(Role.PLANNER, Role.TECHNICIAN))]

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
    uow.commit()
    return CaseOut.of(case)


@router.get("", response_model=list[CaseOut], summary="List cases")
def list_cases(
    uow: UowDep,
    page: PageDep,
    _: Readers,
    state: CaseState | None = None,
    customer_id: str | None = None,
) -> list[CaseOut]:
    return [CaseOut.of(c) for c in cases.list_cases(uow, *page, state, customer_id)]


@router.get("/{case_id}", response_model=CaseOut, summary="One case with its history")
def get_case(case_id: str, uow: UowDep, _: Readers) -> CaseOut:
    return CaseOut.of(cases.get_case(uow, case_id))


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
    role: Actors,
    body: ActionRequest | None = None,
) -> CaseOut:
    if role is Role.TECHNICIAN and action not in TECHNICIAN_ACTIONS:
        raise HTTPException(403, f"role 'technician' may not '{action.value}' a case")
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
    uow.commit()
    return CaseOut.of(case)
