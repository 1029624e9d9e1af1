"""What the import API answers: the report of one file, every bad row named."""

from __future__ import annotations

from pydantic import BaseModel

from klantreis.imports import ImportReport


class RowErrorOut(BaseModel):
    row: int
    field: str
    message: str


class ImportReportOut(BaseModel):
    kind: str
    rows: int
    created: int
    updated: int
    skipped: int
    written: bool
    errors: list[RowErrorOut]

    @classmethod
    def of(cls, r: ImportReport) -> ImportReportOut:
        return cls(
            kind=r.kind.value,
            rows=r.rows,
            created=r.created,
            updated=r.updated,
            skipped=r.skipped,
            written=r.written,
            errors=[RowErrorOut(row=e.row, field=e.field, message=e.message) for e in r.errors],
        )
