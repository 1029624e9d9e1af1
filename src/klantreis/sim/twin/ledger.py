"""What the twin remembers beyond what the services store: per case and per planned day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True)
class CaseLog:
    contacts: int = 0  # phone calls either way
    company_moves: int = 0  # visits the company assigned or moved without asking
    chosen: set[datetime] = field(default_factory=set)  # window starts the customer agreed to
    visits: int = 0  # doorbells rung
    tries: int = 0  # times the customer found no window that suits them
    invited_at: datetime | None = None  # the last invitation (or card) they received
    letters_read: set[datetime] = field(default_factory=set)


@dataclass(slots=True)
class DayFigures:
    day: date
    km: float = 0.0
    visits: int = 0
    technicians_used: int = 0
