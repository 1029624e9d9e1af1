"""A technician's notes and photos of the visits on their route."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from klantreis.core.errors import NotFound, found
from klantreis.core.ids import new_id
from klantreis.core.ports import Clock
from klantreis.core.records import strip_nul
from klantreis.planning.ports import PhotoStore, PlanningUnit
from klantreis.planning.technician_day import require_on_day
from klantreis.planning.visit_note import VisitNote, photo_type


def write_note(
    uow: PlanningUnit,
    clock: Clock,
    photos: PhotoStore,
    written_by: str,
    technician_id: str,
    day: date,
    case_id: str,
    text: str,
    photo: bytes = b"",
) -> VisitNote:
    """Keep what the technician wrote (and the photo, checked first) for a visit on their
    route that day; ``InvalidValue`` names what is wrong and nothing is kept."""
    require_on_day(uow, technician_id, day, case_id)
    kind = photo_type(photo) if photo else ""
    text = strip_nul(text).strip()
    VisitNote.check(text, kind)  # before a file is written: nothing kept when refused
    name = photos.save(photo) if photo else ""
    note = VisitNote(new_id(), case_id, written_by, clock.now(), text, kind, name)
    uow.visit_notes.add(note)
    return note


def notes_of(uow: PlanningUnit, case_ids: Sequence[str]) -> dict[str, list[VisitNote]]:
    return uow.visit_notes.for_cases(case_ids)


def photo_of(uow: PlanningUnit, photos: PhotoStore, note_id: str) -> tuple[bytes, str]:
    note = found(uow.visit_notes.get(note_id), "note", note_id)
    if not note.photo_name:
        raise NotFound(f"note '{note_id}' has no photo")
    return photos.read(note.photo_name), note.photo_type
