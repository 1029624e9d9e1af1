"""What surveys need from storage."""

from __future__ import annotations

from typing import Protocol

from klantreis.feedback.model import SurveyAnswer
from klantreis.scheduling.ports import SchedulingUnit


class SurveyRepository(Protocol):
    def add(self, answer: SurveyAnswer) -> bool:
        """Store the case's answer; False when the case was answered already."""
        ...

    def for_case(self, case_id: str) -> SurveyAnswer | None: ...
    def all(self) -> list[SurveyAnswer]: ...


class FeedbackUnit(SchedulingUnit, Protocol):
    @property
    def surveys(self) -> SurveyRepository: ...
