"""Readings an appliance sends, and the limits that tell a measurement from a broken sensor."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.domain.errors import InvalidValue

# Appliance clocks drift; a reading a few minutes ahead is a clock, further ahead is a bug.
CLOCK_SKEW = timedelta(minutes=5)
# Readings older than this are past the retention period and would be pruned at once.
RETENTION = timedelta(days=400)
_FAULT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,11}$")


@dataclass(frozen=True, slots=True)
class MetricLimit:
    """The physically possible range of one metric (not the healthy range)."""

    name: str
    low: float
    high: float
    whole: bool = False


METRICS: tuple[MetricLimit, ...] = (
    MetricLimit("flow_temp_c", -30.0, 120.0),
    MetricLimit("return_temp_c", -30.0, 120.0),
    MetricLimit("pressure_bar", 0.0, 10.0),
    MetricLimit("ignition_attempts", 0, 100, whole=True),
    MetricLimit("burner_hours", 0.0, 250_000.0),
)
METRIC_NAMES = tuple(limit.name for limit in METRICS)


@dataclass(frozen=True, slots=True)
class Reading:
    """One measurement of one device at one moment; ``measured_at`` is UTC."""

    device_id: str
    measured_at: datetime
    flow_temp_c: float | None = None
    return_temp_c: float | None = None
    pressure_bar: float | None = None
    ignition_attempts: int | None = None
    burner_hours: float | None = None
    fault_code: str | None = None

    @property
    def key(self) -> tuple[str, datetime]:
        return self.device_id, self.measured_at


def check_moment(measured_at: datetime, now: datetime) -> None:
    """Raise ``InvalidValue`` for a reading from the future or from before the retention period."""
    if measured_at.tzinfo is None:
        raise InvalidValue("at", "needs a time zone (e.g. 2026-03-01T10:00:00Z)")
    if measured_at > now + CLOCK_SKEW:
        raise InvalidValue("at", f"{measured_at.isoformat()} lies in the future")
    if measured_at < now - RETENTION:
        raise InvalidValue(
            "at", f"{measured_at.isoformat()} is older than the {RETENTION.days}-day retention"
        )


def check_metrics(values: dict[str, float | int | None], fault_code: str | None) -> None:
    """Raise ``InvalidValue`` naming the first metric no working sensor could report."""
    for limit in METRICS:
        value = values.get(limit.name)
        if value is None:
            continue
        if isinstance(value, bool) or not math.isfinite(value):
            raise InvalidValue(limit.name, f"{value!r} is not a number")
        if limit.whole and value != int(value):
            raise InvalidValue(limit.name, f"{value} is not a whole number")
        if not limit.low <= value <= limit.high:
            raise InvalidValue(
                limit.name, f"{value} is impossible (outside {limit.low:g}..{limit.high:g})"
            )
    if fault_code is not None and not _FAULT_CODE.match(fault_code):
        raise InvalidValue("fault_code", f"'{fault_code}' is not a fault code (like E133)")
    if fault_code is None and all(values.get(name) is None for name in METRIC_NAMES):
        raise InvalidValue("metrics", "a reading needs at least one metric or a fault code")
