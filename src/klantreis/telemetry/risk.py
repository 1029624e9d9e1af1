"""When a predicted risk becomes a case: a threshold with hysteresis, so a risk that hovers
around the line opens one case, not one per reading."""

from __future__ import annotations

from dataclasses import dataclass

from klantreis.core.domain_errors import InvalidValue


@dataclass(frozen=True, slots=True)
class RiskPolicy:
    """Open a case when the risk reaches ``open_at``; allow another only after it fell below
    ``rearm_below``."""

    open_at: float
    rearm_below: float

    def __post_init__(self) -> None:
        if not 0.0 < self.open_at <= 1.0:
            raise InvalidValue("open_at", f"{self.open_at} is outside (0, 1]")
        if not 0.0 <= self.rearm_below < self.open_at:
            raise InvalidValue(
                "rearm_below", f"{self.rearm_below} must lie in [0, open_at={self.open_at})"
            )


@dataclass(frozen=True, slots=True)
class RiskStep:
    raised: bool  # the state to keep for the next score
    open_case: bool  # this score crosses the line: open a predicted case


def step(policy: RiskPolicy, raised: bool, risk: float) -> RiskStep:
    if not 0.0 <= risk <= 1.0:
        raise InvalidValue("risk", f"{risk} is not a probability")
    if raised:
        return RiskStep(raised=risk >= policy.rearm_below, open_case=False)
    crossing = risk >= policy.open_at
    return RiskStep(raised=crossing, open_case=crossing)
