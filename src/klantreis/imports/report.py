"""What an import did, or why it did nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ImportKind(StrEnum):
    CUSTOMERS = "customers"
    DEVICES = "devices"
    TECHNICIANS = "technicians"


@dataclass(frozen=True, slots=True)
class RowError:
    """``row`` is the line number in the file as a spreadsheet shows it (the header is row 1)."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, field '{self.field}': {self.message}"


@dataclass(slots=True)
class ImportReport:
    kind: ImportKind
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    written: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
