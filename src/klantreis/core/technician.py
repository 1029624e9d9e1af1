"""Technicians: what they can do, where they start and when they work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from enum import IntEnum

from klantreis.core.common import GeoPoint
from klantreis.core.domain_errors import InvalidValue


class Weekday(IntEnum):
    """ISO weekday numbers minus one, as ``date.weekday()`` returns them."""

    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6


@dataclass(frozen=True, slots=True)
class Shift:
    """A weekly recurring working span in local (Europe/Amsterdam) time."""

    weekday: Weekday
    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValue("shift", f"{self.weekday.name} ends before it starts")

    def __str__(self) -> str:
        return f"{self.weekday.name.lower()} {self.start:%H:%M}-{self.end:%H:%M}"

    @classmethod
    def parse(cls, text: str) -> Shift:
        """Parse ``"mon 08:00-17:00"``."""
        try:
            day, span = text.split()
            start, end = span.split("-")
            return cls(Weekday[day.upper()], time.fromisoformat(start), time.fromisoformat(end))
        except (ValueError, KeyError) as exc:
            raise InvalidValue("shift", f"'{text}' is not like 'mon 08:00-17:00'") from exc


@dataclass(slots=True)
class Technician:
    id: str
    name: str
    home_base: GeoPoint
    skills: frozenset[str] = frozenset()
    shifts: list[Shift] = field(default_factory=list)
    external_id: str | None = None
    active: bool = True

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValue("name", "must not be empty")
        days = [s.weekday for s in self.shifts]
        if len(days) != len(set(days)):
            raise InvalidValue("shifts", "has two shifts on one weekday")

    def can_do(self, required_skills: frozenset[str]) -> bool:
        return required_skills <= self.skills

    def shift_on(self, weekday: int) -> Shift | None:
        return next((s for s in self.shifts if s.weekday == weekday), None)
