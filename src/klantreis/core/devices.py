"""Registering and reading devices."""

from __future__ import annotations

from collections.abc import Sequence

from klantreis.core.device import Device, ServiceContract
from klantreis.core.errors import Conflict, NotFound, Unprocessable
from klantreis.core.ports import UnitOfWork
from klantreis.core.records import DeviceRecord


def build_device(record: DeviceRecord, device_id: str, customer_id: str) -> Device:
    contract = (
        ServiceContract(
            record.contract.reference, record.contract.start, record.contract.interval_months
        )
        if record.contract
        else None
    )
    return Device(
        id=device_id,
        external_id=record.external_id,
        customer_id=customer_id,
        kind=record.kind,
        model=record.model,
        serial=record.serial,
        installed_on=record.installed_on,
        contract=contract,
    )


def register_device(uow: UnitOfWork, record: DeviceRecord, device_id: str) -> Device:
    if uow.customers.get(record.customer_id) is None:
        raise Unprocessable(f"customer '{record.customer_id}' does not exist", field="customer_id")
    if record.external_id and uow.devices.ids_by_external_id([record.external_id]):
        raise Conflict(f"a device with external_id '{record.external_id}' already exists")
    if uow.devices.serial_owners([record.serial]):
        raise Conflict(f"a device with serial '{record.serial}' already exists")
    device = build_device(record, device_id, record.customer_id)
    uow.devices.add(device)
    return device


def get_device(uow: UnitOfWork, device_id: str) -> Device:
    device = uow.devices.get(device_id)
    if device is None:
        raise NotFound(f"device '{device_id}' does not exist")
    return device


def list_devices(
    uow: UnitOfWork, offset: int, limit: int, customer_id: str | None = None
) -> Sequence[Device]:
    return uow.devices.list(offset, limit, customer_id)
