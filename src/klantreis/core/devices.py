"""Registering and reading devices."""

from __future__ import annotations

from collections.abc import Sequence

from klantreis.core.device import Device, ServiceContract
from klantreis.core.errors import Conflict, Unprocessable, found
from klantreis.core.external_ids import refuse_taken_external_id
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
    refuse_taken_external_id(uow.devices, "device", record.external_id)
    if uow.devices.serial_owners([record.serial]):
        raise Conflict(f"a device with serial '{record.serial}' already exists")
    device = build_device(record, device_id, record.customer_id)
    uow.devices.add(device)
    return device


def get_device(uow: UnitOfWork, device_id: str) -> Device:
    return found(uow.devices.get(device_id), "device", device_id)


def list_devices(
    uow: UnitOfWork, offset: int, limit: int, customer_id: str | None = None
) -> Sequence[Device]:
    return uow.devices.list(offset, limit, customer_id)
