"""The planner pins a visit to a technician (or frees it again)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import Field

from klantreis.core.access import Role
from klantreis.core.api.deps import UnitOfWorkDep, require
from klantreis.core.records import Record
from klantreis.planning.pins import pin_visit, unpin_visit
from klantreis.planning.ports import PlanningUnit

UowDep = UnitOfWorkDep[PlanningUnit]

router = APIRouter(prefix="/bookings", tags=["day planning"])
Planners = Annotated[Role, Depends(require(Role.PLANNER))]


class PinRequest(Record):
    technician_id: Annotated[str, Field(min_length=1, max_length=64)]


@router.put(
    "/{booking_id}/pin",
    status_code=204,
    summary="Keep this visit with this technician in every plan of the day",
)
def pin(booking_id: str, request: PinRequest, uow: UowDep, _: Planners) -> Response:
    pin_visit(uow, booking_id, request.technician_id)
    return Response(status_code=204)


@router.delete("/{booking_id}/pin", status_code=204, summary="Let the optimiser choose again")
def unpin(booking_id: str, uow: UowDep, _: Planners) -> Response:
    unpin_visit(uow, booking_id)
    return Response(status_code=204)
