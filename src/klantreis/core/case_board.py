"""What the planner's cases board asks for and shows: filters, and a line per case with
whom and what it is about (pure values; the query is the case repository's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from klantreis.core.case import CaseOrigin, CaseState


@dataclass(frozen=True, slots=True)
class CaseFilter:
    state: CaseState | None = None
    origin: CaseOrigin | None = None
    urgent: bool | None = None
    postcode_prefix: str = ""  # "35" for the Utrecht area
    opened_before: datetime | None = None  # "older than": the age filter
    text: str = ""  # part of the customer's surname, their postcode, or the serial


@dataclass(frozen=True, slots=True)
class BoardRow:
    case_id: str
    opened_at: datetime
    state: CaseState
    origin: CaseOrigin
    urgent: bool
    summary: str
    customer_id: str
    surname: str
    postcode: str
    city: str
    serial: str  # "" for a case without a device
