"""Devices in storage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from klantreis.core.db.repositories._common import (
    _CHUNK,
    bulk_insert,
    bulk_update,
    ids_by_external_id,
)
from klantreis.core.db.rows import from_row, to_row
from klantreis.core.db.tables import devices
from klantreis.core.device import Device, DeviceKind, ServiceContract


def device_to_row(d: Device) -> dict[str, Any]:
    contract = d.contract
    return {
        **to_row(d, skip=("contract",)),
        "contract_reference": contract.reference if contract else None,
        "contract_start": contract.start if contract else None,
        "contract_interval_months": contract.interval_months if contract else None,
    }


def row_to_device(r: Any) -> Device:
    contract = (
        ServiceContract(r.contract_reference, r.contract_start, r.contract_interval_months)
        if r.contract_reference
        else None
    )
    return from_row(Device, r, {"contract": contract})


class SqlDeviceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, device_id: str) -> Device | None:
        row = self._session.execute(select(devices).where(devices.c.id == device_id)).first()
        return row_to_device(row) if row else None

    def list(self, offset: int, limit: int, customer_id: str | None = None) -> Sequence[Device]:
        query = select(devices).order_by(devices.c.id).offset(offset).limit(limit)
        if customer_id is not None:
            query = query.where(devices.c.customer_id == customer_id)
        return [row_to_device(r) for r in self._session.execute(query)]

    def ids_by_external_id(self, external_ids: Iterable[str]) -> dict[str, str]:
        return ids_by_external_id(self._session, devices, external_ids)

    def serial_owners(self, serials: Iterable[str]) -> dict[str, str]:
        """Map each serial already stored to the id of the device that carries it."""
        wanted = list(dict.fromkeys(serials))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), _CHUNK):
            rows = self._session.execute(
                select(devices.c.serial, devices.c.id).where(
                    devices.c.serial.in_(wanted[start : start + _CHUNK])
                )
            )
            found.update({serial: row_id for serial, row_id in rows})
        return found

    def serial_kinds(self, serials: Iterable[str]) -> dict[str, tuple[str, DeviceKind]]:
        """Map each serial already stored to its device's id and kind (what ingestion checks
        a reading's sensors against)."""
        wanted = list(dict.fromkeys(serials))
        found: dict[str, tuple[str, DeviceKind]] = {}
        for start in range(0, len(wanted), _CHUNK):
            rows = self._session.execute(
                select(devices.c.serial, devices.c.id, devices.c.kind).where(
                    devices.c.serial.in_(wanted[start : start + _CHUNK])
                )
            )
            found.update({serial: (row_id, DeviceKind(kind)) for serial, row_id, kind in rows})
        return found

    def lock(self, device_ids: Iterable[str]) -> None:
        wanted = sorted(set(device_ids))  # one order for everyone, so two lockers cannot deadlock
        for start in range(0, len(wanted), _CHUNK):
            self._session.execute(
                select(devices.c.id)
                .where(devices.c.id.in_(wanted[start : start + _CHUNK]))
                .order_by(devices.c.id)
                .with_for_update()
            ).all()

    def with_contracts(self) -> Sequence[Device]:
        query = select(devices).where(devices.c.contract_reference.is_not(None))
        return [row_to_device(r) for r in self._session.execute(query.order_by(devices.c.id))]

    def add(self, device: Device) -> None:
        self._session.execute(insert(devices).values(device_to_row(device)))

    def upsert_many(self, new: Sequence[Device], existing: Sequence[Device]) -> None:
        bulk_insert(self._session, devices, [device_to_row(d) for d in new])
        bulk_update(self._session, devices, [device_to_row(d) for d in existing])
