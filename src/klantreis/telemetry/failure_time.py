"""When a predicted failure would come, and the date a visit must come before.

The fleet model answers two questions: whether a device fails within the horizon (a
calibrated probability per mode) and, if it does, when (a log-normal time to failure whose
median the model estimates per device, with one spread of the log for the whole fleet). That
is a mixture cure model: most devices never fail in the horizon, and those that do fail at a
time the readings tell something about. The visit must come before the failure is likely
to have happened: the fix-before date is the early quantile of that time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import NormalDist
from zoneinfo import ZoneInfo

from klantreis.core.domain_errors import InvalidValue

ZONE = ZoneInfo("Europe/Amsterdam")
# The share of failures we accept may come before the fix-before date: one in five.
EARLY_QUANTILE = 0.2
MIN_DAYS = 3  # tomorrow and the day after stay before it: a visit takes time to arrange


@dataclass(frozen=True, slots=True)
class FailureTime:
    """The time to a failure, given that it comes: log-normal, median and spread of the log."""

    median_days: float
    log_sigma: float

    def __post_init__(self) -> None:
        if not self.median_days > 0 or not math.isfinite(self.median_days):
            raise InvalidValue("median_days", f"{self.median_days} is not a positive duration")
        if not self.log_sigma >= 0 or not math.isfinite(self.log_sigma):
            raise InvalidValue("log_sigma", f"{self.log_sigma} is not a spread")

    def quantile_days(self, share: float) -> float:
        """The time by which ``share`` of such failures have happened."""
        if not 0.0 < share < 1.0:
            raise InvalidValue("share", f"{share} is outside (0, 1)")
        return self.median_days * math.exp(self.log_sigma * NormalDist().inv_cdf(share))

    def share_by(self, days: float) -> float:
        """P(failure within ``days`` | it comes)."""
        if days <= 0:
            return 0.0
        if self.log_sigma == 0:
            return 1.0 if days >= self.median_days else 0.0
        return NormalDist().cdf(math.log(days / self.median_days) / self.log_sigma)


def fix_before(now: datetime, failure: FailureTime, share: float = EARLY_QUANTILE) -> date:
    """The first local day that is too late: a visit must be on an earlier day. Never sooner
    than ``MIN_DAYS`` ahead (a visit must be possible at all)."""
    days = max(float(MIN_DAYS), failure.quantile_days(share))
    return (now + timedelta(days=days)).astimezone(ZONE).date()
