"""CSV imports from legacy systems.

Every bad row is named, a file is all-or-nothing, and re-importing is idempotent by external id.
"""

from klantreis.imports.report import ImportKind, ImportReport, RowError
from klantreis.imports.run import import_csv, store_records

__all__ = ["ImportKind", "ImportReport", "RowError", "import_csv", "store_records"]
