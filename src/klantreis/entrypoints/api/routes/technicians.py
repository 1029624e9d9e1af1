from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from klantreis.entrypoints.api.deps import PageDep, UowDep, require
from klantreis.entrypoints.api.schemas import TechnicianOut
from klantreis.services import technicians
from klantreis.services.access import Role
from klantreis.services.ids import new_id
from klantreis.services.records import TechnicianRecord

router = APIRouter(prefix="/technicians", tags=["technicians"])
Readers = Annotated[Role, Depends(require(Role.PLANNER, Role.TECHNICIAN))]
Writers = Annotated[Role, Depends(require())]


@router.post("", status_code=201, response_model=TechnicianOut, summary="Register a technician")
def create_technician(record: TechnicianRecord, uow: UowDep, _: Writers) -> TechnicianOut:
    technician = technicians.register_technician(uow, record, new_id())
    uow.commit()
    return TechnicianOut.of(technician)


@router.get("", response_model=list[TechnicianOut], summary="List technicians")
def list_technicians(uow: UowDep, page: PageDep, _: Readers) -> list[TechnicianOut]:
    return [TechnicianOut.of(t) for t in technicians.list_technicians(uow, *page)]


@router.get("/{technician_id}", response_model=TechnicianOut, summary="One technician")
def get_technician(technician_id: str, uow: UowDep, _: Readers) -> TechnicianOut:
    return TechnicianOut.of(technicians.get_technician(uow, technician_id))
