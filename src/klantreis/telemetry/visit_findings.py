"""What the technician found on a predicted or maintenance visit: the label that teaches the
fleet model. A prevented failure leaves no fault code behind, so without this answer a visit
that saved a boiler looks, to the next training, like a boiler that was fine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from klantreis.core.case import CaseOrigin

ASKED_FOR = frozenset({CaseOrigin.PREDICTED, CaseOrigin.PERIODIC_MAINTENANCE})


class Found(StrEnum):
    WEAR_CONFIRMED = "wear_confirmed"  # the predicted (or any) wear was there, and mended
    NOTHING_FOUND = "nothing_found"
    OTHER_FAULT = "other_fault"  # something else was wrong


@dataclass(frozen=True, slots=True)
class VisitFinding:
    case_id: str
    device_id: str
    found: Found
    recorded_at: datetime
    failure_mode: str | None  # the mode the case predicted, if it was a predicted case
    model_version: int | None  # the model that predicted it
