"""From CSV text to flat rows, and from flat cells to the shapes records expect."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from klantreis.imports.report import RowError


class HeaderError(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def read_rows(
    text: str, required: set[str], known: set[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(row number, cells)`` for each data row; blank cells are left out.

    Raises ``HeaderError`` when a required column is missing or an unknown one is present,
    so that a misspelt column is never silently ignored.
    """
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise HeaderError([RowError(line, "(row)", "contains a NUL character")])
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise HeaderError([RowError(1, "(header)", f"not valid CSV: {exc}")]) from exc
    problems = [
        RowError(1, name, "required column is missing")
        for name in sorted(required)
        if name not in header
    ]
    problems += [RowError(1, name, "unknown column") for name in header if name not in known]
    if problems:
        raise HeaderError(problems)
    reader.fieldnames = header
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise HeaderError(
                [RowError(reader.line_num, "(row)", f"not valid CSV: {exc}")]
            ) from exc
        row = reader.line_num
        if None in cells:
            raise HeaderError([RowError(row, "(row)", "has more cells than the header")])
        yield row, {k: v.strip() for k, v in cells.items() if v is not None and v.strip()}


def split_list(cell: str | None) -> list[str]:
    """``"a; b;c"`` -> ``["a", "b", "c"]``."""
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def validation_errors(
    row: int, error: ValidationError, column_of: dict[str, str]
) -> list[RowError]:
    """Name each pydantic error by the CSV column it came from."""
    found = []
    for detail in error.errors():
        names = [part for part in detail["loc"] if isinstance(part, str)]
        top = names[0] if names else "(row)"
        column = column_of.get(".".join(names), column_of.get(top, top))
        found.append(RowError(row, column, _message(detail)))
    return found


def _message(detail: Any) -> str:
    message = str(detail["msg"]).removeprefix("Value error, ")
    if "input" in detail and isinstance(detail["input"], str | int | float):
        return f"{message} (got '{detail['input']}')"
    return message
