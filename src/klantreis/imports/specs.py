"""What each kind of import file looks like, and how its cells become records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from klantreis.core.records import (
    CustomerRecord,
    DeviceRecord,
    ImportableRecord,
    TechnicianRecord,
)
from klantreis.imports.parsing import split_list
from klantreis.imports.report import ImportKind


class CellError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass(frozen=True, slots=True)
class ImportSpec:
    kind: ImportKind
    model: type[ImportableRecord]
    required: frozenset[str]
    optional: frozenset[str]
    to_record_data: Callable[[dict[str, str]], dict[str, Any]]
    column_of: dict[str, str]  # record field -> CSV column, where they differ

    @property
    def columns(self) -> set[str]:
        return set(self.required | self.optional)


def _consents(cell: str | None) -> list[dict[str, str]]:
    consents = []
    for part in split_list(cell):
        purpose, sep, channel = part.partition(":")
        if not sep:
            raise CellError("consents", f"'{part}' is not like 'service:email'")
        consents.append({"purpose": purpose.strip(), "channel": channel.strip()})
    return consents


def _quiet_hours(cell: str | None) -> dict[str, str] | None:
    if not cell:
        return None
    start, sep, end = cell.partition("-")
    if not sep:
        raise CellError("quiet_hours", f"'{cell}' is not like '21:00-08:00'")
    return {"start": start.strip(), "end": end.strip()}


def _absences(cell: str | None) -> list[dict[str, str]]:
    absences = []
    for part in split_list(cell):
        start, sep, end = part.partition("/")
        if not sep:
            raise CellError(
                "absences", f"'{part}' is not like '2026-07-01T00:00+02:00/2026-07-20T00:00+02:00'"
            )
        absences.append({"start": start.strip(), "end": end.strip()})
    return absences


def _customer_data(cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: v
        for k, v in cells.items()
        if k not in {"consents", "channel_preferences", "quiet_hours", "absences"}
    }
    data["consents"] = _consents(cells.get("consents"))
    data["channel_preferences"] = split_list(cells.get("channel_preferences"))
    data["quiet_hours"] = _quiet_hours(cells.get("quiet_hours"))
    data["absences"] = _absences(cells.get("absences"))
    return data


def _device_data(cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: v
        for k, v in cells.items()
        if not k.startswith("contract_") and k != "customer_external_id"
    }
    data["customer_id"] = cells.get("customer_external_id", "")
    if any(k.startswith("contract_") for k in cells):
        data["contract"] = {
            "reference": cells.get("contract_reference", ""),
            "start": cells.get("contract_start", ""),
            "interval_months": cells.get("contract_interval_months", "12"),
        }
    return data


def _technician_data(cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = dict(cells)
    data["skills"] = split_list(cells.get("skills"))
    data["shifts"] = split_list(cells.get("shifts"))
    return data


CUSTOMERS = ImportSpec(
    kind=ImportKind.CUSTOMERS,
    model=CustomerRecord,
    required=frozenset({"external_id", "surname", "street", "house_number", "postcode"}),
    optional=frozenset(
        {
            "salutation",
            "initials",
            "first_name",
            "tussenvoegsel",
            "organisation",
            "contact_role",
            "language",
            "persona",
            "school_region",
            "email",
            "phone",
            "timezone",
            "city",
            "latitude",
            "longitude",
            "consents",
            "channel_preferences",
            "quiet_hours",
            "absences",
        }
    ),
    to_record_data=_customer_data,
    column_of={},
)

DEVICES = ImportSpec(
    kind=ImportKind.DEVICES,
    model=DeviceRecord,
    required=frozenset(
        {"external_id", "customer_external_id", "kind", "model", "serial", "installed_on"}
    ),
    optional=frozenset({"contract_reference", "contract_start", "contract_interval_months"}),
    to_record_data=_device_data,
    column_of={
        "customer_id": "customer_external_id",
        "contract": "contract_reference",
        "contract.reference": "contract_reference",
        "contract.start": "contract_start",
        "contract.interval_months": "contract_interval_months",
    },
)

TECHNICIANS = ImportSpec(
    kind=ImportKind.TECHNICIANS,
    model=TechnicianRecord,
    required=frozenset({"external_id", "name", "latitude", "longitude"}),
    optional=frozenset({"skills", "shifts", "active"}),
    to_record_data=_technician_data,
    column_of={},
)

SPECS = {spec.kind: spec for spec in (CUSTOMERS, DEVICES, TECHNICIANS)}
