"""CSV imports from legacy systems: every bad row named, all-or-nothing, idempotent by external id."""

from klantreis.services.imports.report import ImportKind, ImportReport, RowError
from klantreis.services.imports.run import import_csv, store_records

__all__ = ["ImportKind", "ImportReport", "RowError", "import_csv", "store_records"]
