"""Records to rows and back, field by field: enums go in as values and come back as members."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from klantreis.core.db.rows import from_row, to_row


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Thing:
    id: str
    colour: Colour
    second: Colour | None = None
    text: str = ""


class Row:
    def __init__(self, **columns: object) -> None:
        self._mapping = columns


def test_a_record_goes_in_as_plain_values_and_comes_back_equal() -> None:
    thing = Thing("t1", Colour.RED, None, "x")
    row = to_row(thing, text="body")
    assert row == {"id": "t1", "colour": "red", "second": None, "body": "x"}
    back = from_row(Thing, Row(**row, extra="ignored"), text="body")
    assert back == thing and back.colour is Colour.RED


def test_an_optional_enum_stored_comes_back_a_member() -> None:
    back = from_row(Thing, Row(id="t2", colour="blue", second="red", text=""))
    assert back.second is Colour.RED


@dataclass
class Kept:
    id: str
    history: list[str] | None = None


def test_a_field_kept_in_memory_only_is_not_written_and_comes_back_as_its_default() -> None:
    assert to_row(Kept("k1", ["sent"]), skip=("history",)) == {"id": "k1"}
    assert from_row(Kept, Row(id="k1")).history is None
