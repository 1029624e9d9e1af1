"""CSV that a spreadsheet opens as data, never as formulas.

A cell that starts with = + - @ (or a tab or carriage return) is a formula to Excel and
LibreOffice: a customer's name such as ``=HYPERLINK("https://evil.example", "click")`` in an
export would run on the analyst's machine. Such text cells get a leading apostrophe, as
OWASP advises; numbers stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SpreadsheetSafeWriter:
    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])
