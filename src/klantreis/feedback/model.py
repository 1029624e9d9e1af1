"""Feedback after a visit: NPS, effort (CES), free text, and who served the customer better."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from klantreis.core.common import to_utc
from klantreis.core.domain_errors import InvalidValue


@dataclass(frozen=True, slots=True)
class SurveyAnswer:
    case_id: str
    customer_id: str
    answered_at: datetime
    nps: int  # 0..10: how likely to recommend us
    ces: int  # 1..7: how easy it was (7 = very easy)
    comment: str = ""
    better_company: str = ""  # "which other company served you better ..."
    better_how: str = ""  # "... and how?"

    def __post_init__(self) -> None:
        object.__setattr__(self, "answered_at", to_utc("answered_at", self.answered_at))
        if not 0 <= self.nps <= 10:
            raise InvalidValue("nps", f"{self.nps} is outside 0..10")
        if not 1 <= self.ces <= 7:
            raise InvalidValue("ces", f"{self.ces} is outside 1..7")
        for name, limit in (("comment", 2000), ("better_company", 200), ("better_how", 2000)):
            if len(getattr(self, name)) > limit:
                raise InvalidValue(name, f"is longer than {limit} characters")

    @property
    def detractor(self) -> bool:
        return self.nps <= 6

    @property
    def promoter(self) -> bool:
        return self.nps >= 9


def net_promoter_score(answers: Sequence[SurveyAnswer]) -> float | None:
    """Percentage promoters minus percentage detractors, -100..100; None without answers."""
    if not answers:
        return None
    promoters = sum(a.promoter for a in answers)
    detractors = sum(a.detractor for a in answers)
    return round(100 * (promoters - detractors) / len(answers), 1)


def mean_effort(answers: Sequence[SurveyAnswer]) -> float | None:
    return round(sum(a.ces for a in answers) / len(answers), 2) if answers else None
