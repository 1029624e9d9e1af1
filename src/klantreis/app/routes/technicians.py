from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from klantreis.app.ports import AppUnit
from klantreis.app.schemas import TechnicianOut
from klantreis.core import technicians
from klantreis.core.access import Caller, Role
from klantreis.core.api.deps import PageDep, UnitOfWorkDep, identify, require
from klantreis.core.ids import new_id
from klantreis.core.reach import check_technician_within_reach, reachable_technicians
from klantreis.core.records import TechnicianRecord

UowDep = UnitOfWorkDep[AppUnit]

router = APIRouter(prefix="/technicians", tags=["technicians"])
Readers = Annotated[Caller, Depends(identify(Role.PLANNER, Role.TECHNICIAN))]
Writers = Annotated[Role, Depends(require())]


@router.post("", status_code=201, response_model=TechnicianOut, summary="Register a technician")
def create_technician(record: TechnicianRecord, uow: UowDep, _: Writers) -> TechnicianOut:
    technician = technicians.register_technician(uow, record, new_id())
    return TechnicianOut.of(technician)


@router.get("", response_model=list[TechnicianOut], summary="List technicians")
def list_technicians(uow: UowDep, page: PageDep, caller: Readers) -> list[TechnicianOut]:
    return [TechnicianOut.of(t) for t in reachable_technicians(uow, caller, *page)]


@router.get("/{technician_id}", response_model=TechnicianOut, summary="One technician")
def get_technician(technician_id: str, uow: UowDep, caller: Readers) -> TechnicianOut:
    check_technician_within_reach(caller, technician_id)
    return TechnicianOut.of(technicians.get_technician(uow, technician_id))
