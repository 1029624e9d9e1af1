"""What the analysts' page needs of a unit of work."""

from __future__ import annotations

from typing import Protocol

from klantreis.feedback.ports import FeedbackUnit
from klantreis.telemetry.ports import TelemetryUnit


class AnalyticsUnit(TelemetryUnit, FeedbackUnit, Protocol):
    """Survey results and the fleet model's findings."""
