"""Readings an appliance sends, and the limits (its kind's) that tell a measurement from a
broken sensor."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from klantreis.core.domain_errors import InvalidValue
from klantreis.telemetry.appliance_kinds import ApplianceKind

# Appliance clocks drift; a reading a few minutes ahead is a clock, further ahead is a bug.
CLOCK_SKEW = timedelta(minutes=5)
# Readings older than this are past the retention period and would be pruned at once.
RETENTION = timedelta(days=400)
_FAULT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,11}$")


@dataclass(frozen=True, slots=True)
class Reading:
    """One measurement of one device at one moment; ``measured_at`` is UTC. ``values`` holds
    the sensors its kind declares (adapters/fleet/data/appliances.toml), by name."""

    device_id: str
    measured_at: datetime
    values: Mapping[str, float] = field(default_factory=dict)
    fault_code: str | None = None

    @property
    def key(self) -> tuple[str, datetime]:
        return self.device_id, self.measured_at

    def value(self, signal: str, kind: ApplianceKind) -> float | None:
        """A sensor's value, or a declared difference of two of them; None when missing."""
        if signal in self.values:
            return self.values[signal]
        for difference in kind.differences:
            if difference.name == signal:
                high = self.values.get(difference.minuend)
                low = self.values.get(difference.subtrahend)
                return None if high is None or low is None else high - low
        return None


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


def check_values(
    kind: ApplianceKind, values: Mapping[str, object], fault_code: str | None
) -> dict[str, float]:
    """The values as numbers; raise ``InvalidValue`` naming the first sensor the kind does not
    have or no working sensor could report."""
    checked: dict[str, float] = {}
    for name, value in values.items():
        if value is None:
            continue
        sensor = kind.sensor(name)
        if sensor is None:
            raise InvalidValue(
                name,
                f"a {kind.kind.value} has no sensor '{name}' "
                f"(it reports {', '.join(kind.sensor_names)})",
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidValue(name, f"{repr(value)[:40]} is not a number")
        try:
            number = float(value)  # an integer of 400 digits is no float: refused, not a crash
        except OverflowError:
            raise InvalidValue(name, "is too large to be a measurement") from None
        if not math.isfinite(number):
            raise InvalidValue(name, f"{value!r} is not a number")
        if sensor.whole and number != int(number):
            raise InvalidValue(name, f"{value} is not a whole number")
        if not sensor.low <= number <= sensor.high:
            raise InvalidValue(
                name,
                f"{value:g} {sensor.unit} is impossible (outside {sensor.low:g}..{sensor.high:g})",
            )
        checked[name] = number
    if fault_code is not None and not _FAULT_CODE.match(fault_code):
        raise InvalidValue("fault_code", f"'{fault_code}' is not a fault code (like E133)")
    if fault_code is None and not checked:
        raise InvalidValue("metrics", "a reading needs at least one sensor value or a fault code")
    return checked
