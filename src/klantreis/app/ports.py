"""The unit of work the app composes: every capability's repositories in one transaction."""

from __future__ import annotations

from typing import Protocol

from klantreis.analytics.ports import AnalyticsUnit
from klantreis.planning.ports import PlanningUnit
from klantreis.preferences.ports import PreferencesUnit
from klantreis.staff.ports import StaffUnit


class AppUnit(PlanningUnit, AnalyticsUnit, PreferencesUnit, StaffUnit, Protocol):
    """What the container's unit of work holds: the CLI, the worker and the twin use it."""
