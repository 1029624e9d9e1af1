"""The planner's view of a day, as data."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from klantreis.core.access import Role
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep, require
from klantreis.planning.overview import day_overview
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.wiring import PlanningWiring

UowDep = UnitOfWorkDep[PlanningUnit]
ContainerDep = ContainerOf[PlanningWiring]

router = APIRouter(prefix="/plans", tags=["day planning"])
Planners = Annotated[Role, Depends(require(Role.PLANNER))]


class PlannedStopOut(BaseModel):
    position: int
    case_id: str
    arrival: datetime
    postcode: str
    state: str


class TechnicianDayOut(BaseModel):
    technician_id: str
    name: str
    km: float
    service_minutes: int
    shift_minutes: int
    load_pct: float
    stops: list[PlannedStopOut]


@router.get(
    "/{day}",
    response_model=list[TechnicianDayOut],
    summary="Each working technician's planned day: visits, load and kilometres",
)
def get_plan(
    day: date, uow: UowDep, container: ContainerDep, _: Planners
) -> list[TechnicianDayOut]:
    return [
        TechnicianDayOut(
            technician_id=t.technician_id,
            name=t.name,
            km=t.km,
            service_minutes=t.service_minutes,
            shift_minutes=t.shift_minutes,
            load_pct=round(t.load_pct, 1),
            stops=[
                PlannedStopOut(
                    position=s.position,
                    case_id=s.case.id,
                    arrival=s.arrival,
                    postcode=s.customer.address.postcode,
                    state=s.case.state.value,
                )
                for s in t.stops
            ],
        )
        for t in day_overview(uow, container.travel, day)
    ]
