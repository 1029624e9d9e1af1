from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from klantreis.app.ports import AppUnit
from klantreis.app.schemas import DeviceOut
from klantreis.core import devices
from klantreis.core.access import Role
from klantreis.core.api.deps import PageDep, UnitOfWorkDep, require
from klantreis.core.ids import new_id
from klantreis.core.records import DeviceRecord

UowDep = UnitOfWorkDep[AppUnit]

router = APIRouter(prefix="/devices", tags=["devices"])
Readers = Annotated[Role, Depends(require(Role.PLANNER))]  # devices name their owners
Writers = Annotated[Role, Depends(require(Role.PLANNER))]


@router.post("", status_code=201, response_model=DeviceOut, summary="Register a device")
def create_device(record: DeviceRecord, uow: UowDep, _: Writers) -> DeviceOut:
    device = devices.register_device(uow, record, new_id())
    return DeviceOut.of(device)


@router.get("", response_model=list[DeviceOut], summary="List devices")
def list_devices(uow: UowDep, page: PageDep, _: Readers) -> list[DeviceOut]:
    return [DeviceOut.of(d) for d in devices.list_devices(uow, *page)]


@router.get("/{device_id}", response_model=DeviceOut, summary="One device")
def get_device(device_id: str, uow: UowDep, _: Readers) -> DeviceOut:
    return DeviceOut.of(devices.get_device(uow, device_id))
