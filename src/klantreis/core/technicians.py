"""Registering and reading technicians."""

from __future__ import annotations

from collections.abc import Sequence

from klantreis.core.common import GeoPoint
from klantreis.core.errors import found
from klantreis.core.external_ids import refuse_taken_external_id
from klantreis.core.ports import UnitOfWork
from klantreis.core.records import TechnicianRecord
from klantreis.core.technician import Shift, Technician


def build_technician(record: TechnicianRecord, technician_id: str) -> Technician:
    return Technician(
        id=technician_id,
        external_id=record.external_id,
        name=record.name,
        home_base=GeoPoint(record.latitude, record.longitude),
        skills=frozenset(record.skills),
        shifts=[Shift.parse(s) for s in record.shifts],
        active=record.active,
    )


def register_technician(
    uow: UnitOfWork, record: TechnicianRecord, technician_id: str
) -> Technician:
    refuse_taken_external_id(uow.technicians, "technician", record.external_id)
    technician = build_technician(record, technician_id)
    uow.technicians.add(technician)
    return technician


def get_technician(uow: UnitOfWork, technician_id: str) -> Technician:
    return found(uow.technicians.get(technician_id), "technician", technician_id)


def list_technicians(uow: UnitOfWork, offset: int, limit: int) -> Sequence[Technician]:
    return uow.technicians.list(offset, limit)
