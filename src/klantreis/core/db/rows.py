"""Rows to dataclasses and back, field by field, for records whose columns bear their
fields' names: enum fields are stored as their values and read back as members."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _enums_of(cls: Any) -> dict[str, type[enum.Enum]]:
    """Each field whose type is an enum (or an optional one), and that enum."""
    found: dict[str, type[enum.Enum]] = {}
    for name, hint in typing.get_type_hints(cls).items():
        options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        for option in options:
            if isinstance(option, type) and issubclass(option, enum.Enum):
                found[name] = option
    return found


def to_row(record: Any, skip: tuple[str, ...] = (), **renamed: str) -> dict[str, Any]:
    """The record's fields as column values, but those in ``skip`` (kept in memory only);
    ``renamed`` maps a field to its column's name."""
    row: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        if field.name in skip:
            continue
        value = getattr(record, field.name)
        row[renamed.get(field.name, field.name)] = (
            value.value if isinstance(value, enum.Enum) else value
        )
    return row


def from_row(cls: type[T], row: Any, given: Mapping[str, Any] | None = None, **renamed: str) -> T:
    """The dataclass ``cls`` from a row. ``given`` holds the fields built from several
    columns (a window from its start and end); ``renamed`` maps a field to its column's name;
    a field with no column takes its default."""
    mapping = row._mapping
    enums = _enums_of(typing.cast(type, cls))
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if given and field.name in given:
            values[field.name] = given[field.name]
            continue
        column = renamed.get(field.name, field.name)
        if column not in mapping:
            continue  # not stored: the field's default
        value = mapping[column]
        if field.name in enums and value is not None:
            value = enums[field.name](value)
        values[field.name] = value
    return cls(**values)
