"""Ports of day planning."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from klantreis.feedback.ports import FeedbackUnit
from klantreis.planning.model import Crew, DayPlan, Visit
from klantreis.planning.visit_note import VisitNote
from klantreis.scheduling.ports import PinnedVisits
from klantreis.staff.ports import StaffUnit
from klantreis.telemetry.ports import TelemetryUnit


class DaySolver(Protocol):
    def __call__(
        self,
        visits: Sequence[Visit],
        crew: Sequence[Crew],
        seconds: float,
        current: dict[str, list[str]],
    ) -> DayPlan:
        """Assign and order the visits, starting from ``current`` (technician id -> booking
        ids in order); visits left out come back as problems."""
        ...


class PlanRepository(PinnedVisits, Protocol):
    def replace_day(
        self, day: date, rows: Sequence[tuple[str, str, int, datetime]], at: datetime
    ) -> None:
        """Store (booking id, technician id, position, arrival) for the day, replacing any plan."""
        ...

    def for_day(self, day: date) -> Sequence[tuple[str, str, int, datetime]]: ...

    def cases_of_technician(self, technician_id: str, from_day: date) -> frozenset[str]:
        """The cases of the active bookings planned for a technician from a day on."""
        ...

    def arrival_of(self, booking_id: str) -> tuple[str, int, datetime] | None: ...

    def next_after(self, booking_id: str) -> str | None: ...

    def pin(self, booking_id: str, technician_id: str) -> None: ...

    def unpin(self, booking_id: str) -> bool: ...

    def pins(self, booking_ids: Sequence[str]) -> dict[str, str]:
        """Booking id -> the technician the planner pinned it to."""
        ...


class VisitNoteRepository(Protocol):
    def add(self, note: VisitNote) -> None: ...
    def for_cases(self, case_ids: Sequence[str]) -> dict[str, list[VisitNote]]:
        """Each case's notes, the oldest first."""
        ...

    def get(self, note_id: str) -> VisitNote | None: ...


class PhotoStore(Protocol):
    """Where the photos of visits are kept (files, out of the database)."""

    def save(self, content: bytes) -> str:
        """Keep the photo; the name to ask for it by (random: it tells nothing)."""
        ...

    def read(self, name: str) -> bytes: ...


class PlanningUnit(TelemetryUnit, FeedbackUnit, StaffUnit, Protocol):
    """Planning's needs; its console pages write who did what to the audit trail."""

    @property
    def plans(self) -> PlanRepository: ...
    @property
    def visit_notes(self) -> VisitNoteRepository: ...
