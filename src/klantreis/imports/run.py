"""Running an import: validate every row, then write all of it (or the good rows) in bulk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from klantreis.core.customers import build_customer
from klantreis.core.devices import build_device
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.ids import new_id
from klantreis.core.ports import Gazetteer, UnitOfWork
from klantreis.core.records import (
    CustomerRecord,
    DeviceRecord,
    ImportableRecord,
    TechnicianRecord,
)
from klantreis.core.technicians import build_technician
from klantreis.imports.parsing import HeaderError, read_rows, validation_errors
from klantreis.imports.report import ImportKind, ImportReport, RowError
from klantreis.imports.specs import SPECS, CellError, ImportSpec

Progress = Callable[[int], None]


def import_csv(
    uow: UnitOfWork,
    gazetteer: Gazetteer,
    kind: ImportKind,
    text: str,
    *,
    all_or_nothing: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one CSV file of ``kind``; the caller commits when ``report.written``.

    With ``all_or_nothing`` (the default) a single bad row means nothing is written; otherwise
    the good rows are written and the bad ones reported and skipped.
    """
    spec = SPECS[kind]
    report = ImportReport(kind)
    try:
        records = _parse(spec, text, report, progress)
    except HeaderError as exc:
        report.errors.extend(exc.errors)
        return report
    return store_records(uow, gazetteer, kind, records, report, all_or_nothing=all_or_nothing)


def store_records(
    uow: UnitOfWork,
    gazetteer: Gazetteer,
    kind: ImportKind,
    records: list[tuple[int, ImportableRecord]],
    report: ImportReport,
    *,
    all_or_nothing: bool = True,
) -> ImportReport:
    """Create or update (by external id) the objects that ``records`` describe, in bulk."""
    existing_ids = _existing_ids(uow, kind, [str(r.external_id) for _, r in records])
    built = _build(uow, gazetteer, kind, records, existing_ids, report)
    report.errors.sort(key=lambda e: e.row)
    if report.errors and all_or_nothing:
        return report
    bad_rows = {e.row for e in report.errors}
    good = [(row, obj) for row, obj in built if row not in bad_rows]
    stored = set(existing_ids.values())
    new = [obj for _, obj in good if obj.id not in stored]
    old = [obj for _, obj in good if obj.id in stored]
    _repository(uow, kind).upsert_many(new, old)
    report.created, report.updated = len(new), len(old)
    report.skipped = report.rows - len(good)
    report.written = True
    return report


def _parse(
    spec: ImportSpec, text: str, report: ImportReport, progress: Progress | None
) -> list[tuple[int, ImportableRecord]]:
    records: list[tuple[int, ImportableRecord]] = []
    first_row_of: dict[str, int] = {}
    for row, cells in read_rows(text, set(spec.required), spec.columns):
        report.rows += 1
        if progress and report.rows % 500 == 0:
            progress(500)
        try:
            record = spec.model.model_validate(spec.to_record_data(cells))
        except CellError as exc:
            report.errors.append(RowError(row, exc.column, exc.message))
            continue
        except ValidationError as exc:
            report.errors.extend(validation_errors(row, exc, spec.column_of))
            continue
        external_id = str(record.external_id)
        if external_id in first_row_of:
            report.errors.append(
                RowError(
                    row,
                    "external_id",
                    f"'{external_id}' appears again (first on row {first_row_of[external_id]})",
                )
            )
            continue
        first_row_of[external_id] = row
        records.append((row, record))
    if progress:
        progress(report.rows % 500)
    return records


def _existing_ids(uow: UnitOfWork, kind: ImportKind, external_ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = _repository(uow, kind).ids_by_external_id(external_ids)
    return found


def _repository(uow: UnitOfWork, kind: ImportKind) -> Any:
    return {
        ImportKind.CUSTOMERS: uow.customers,
        ImportKind.DEVICES: uow.devices,
        ImportKind.TECHNICIANS: uow.technicians,
    }[kind]


def _build(
    uow: UnitOfWork,
    gazetteer: Gazetteer,
    kind: ImportKind,
    records: list[tuple[int, ImportableRecord]],
    existing_ids: dict[str, str],
    report: ImportReport,
) -> list[tuple[int, Any]]:
    customer_ids: dict[str, str] = {}
    serial_owner: dict[str, str] = {}
    if kind is ImportKind.DEVICES:
        devices = [r for _, r in records if isinstance(r, DeviceRecord)]
        customer_ids = uow.customers.ids_by_external_id(d.customer_id for d in devices)
        serial_owner = uow.devices.serial_owners(d.serial for d in devices)
    built: list[tuple[int, Any]] = []
    serial_row: dict[str, int] = {}
    for row, record in records:
        object_id = existing_ids.get(str(record.external_id)) or new_id()
        try:
            if isinstance(record, CustomerRecord):
                built.append((row, build_customer(record, object_id, gazetteer)))
            elif isinstance(record, TechnicianRecord):
                built.append((row, build_technician(record, object_id)))
            elif isinstance(record, DeviceRecord):
                error = _device_problem(
                    record, row, object_id, customer_ids, serial_owner, serial_row
                )
                if error:
                    report.errors.append(error)
                    continue
                built.append(
                    (row, build_device(record, object_id, customer_ids[record.customer_id]))
                )
        except InvalidValue as exc:
            report.errors.append(RowError(row, exc.field, exc.message))
    return built


def _device_problem(
    record: DeviceRecord,
    row: int,
    device_id: str,
    customer_ids: dict[str, str],
    serial_owner: dict[str, str],
    serial_row: dict[str, int],
) -> RowError | None:
    if record.customer_id not in customer_ids:
        return RowError(
            row, "customer_external_id", f"no customer with external id '{record.customer_id}'"
        )
    owner = serial_owner.get(record.serial)
    if owner is not None and owner != device_id:
        return RowError(row, "serial", f"'{record.serial}' belongs to another device")
    if record.serial in serial_row:
        return RowError(
            row,
            "serial",
            f"'{record.serial}' appears again (first on row {serial_row[record.serial]})",
        )
    serial_row[record.serial] = row
    return None
