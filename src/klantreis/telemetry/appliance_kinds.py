"""Appliance kinds as configuration: what each kind measures, how it fails, and what its fault
codes mean. The catalogue is read and checked by adapters/fleet/catalogue.py; everything here
is the checked result and the rules that read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from klantreis.core.device import DeviceKind

OTHER_MODE = "other"  # a cause no model predicts: an unknown code, an inspection


class Urgency(StrEnum):
    TODAY = "today"  # unsafe or no heat: a visit today
    SOON = "soon"  # within two working days
    PLANNED = "planned"  # at the customer's convenience within weeks


class Statistic(StrEnum):
    MIN = "min"
    MAX = "max"
    MEAN = "mean"


@dataclass(frozen=True, slots=True)
class Cause:
    key: str
    description: str
    mode: str
    urgency: Urgency
    skill: str
    duration_minutes: int
    parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sensor:
    """One measurement a kind reports, with the physically possible range (not the healthy
    one) and, for a running total of use, ``counter``."""

    name: str
    unit: str
    low: float
    high: float
    every_minutes: int
    whole: bool = False
    counter: bool = False


@dataclass(frozen=True, slots=True)
class Difference:
    """A signal that is one sensor minus another (a boiler's flow/return gap)."""

    name: str
    minuend: str
    subtrahend: str


@dataclass(frozen=True, slots=True)
class SignalRule:
    """A statistic of one signal over a window that points at a cause: at or above
    ``at_least``, or below ``below``."""

    cause: str
    signal: str
    statistic: Statistic
    note: str
    at_least: float | None = None
    below: float | None = None

    def fires(self, value: float) -> bool:
        if self.at_least is not None:
            return value >= self.at_least
        return self.below is not None and value < self.below


@dataclass(frozen=True, slots=True)
class ApplianceKind:
    kind: DeviceKind
    skill: str
    sensors: tuple[Sensor, ...]
    modes: tuple[str, ...]
    inspection: str  # the cause when the model sees risk without one clear signal
    differences: tuple[Difference, ...] = ()
    signals: tuple[SignalRule, ...] = ()
    mode_causes: dict[str, str] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)  # brand ("*") → code → cause

    @property
    def sensor_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sensors)

    @property
    def levels(self) -> tuple[str, ...]:
        """The signals the model reads as levels: every sensor but the counters, then the
        differences."""
        return (
            *(s.name for s in self.sensors if not s.counter),
            *(d.name for d in self.differences),
        )

    @property
    def counters(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sensors if s.counter)

    def sensor(self, name: str) -> Sensor | None:
        return next((s for s in self.sensors if s.name == name), None)

    def codes_for(self, model: str) -> dict[str, str]:
        """The fault codes of this model's brand (its first word), else the kind's own."""
        brand = model.split()[0].lower() if model.split() else ""
        return self.codes.get(brand) or self.codes.get("*", {})


@dataclass(frozen=True, slots=True)
class Catalogue:
    kinds: dict[DeviceKind, ApplianceKind]
    causes: dict[str, Cause]
    source: str = "appliances.toml"

    def of(self, kind: DeviceKind) -> ApplianceKind | None:
        return self.kinds.get(kind)

    def cause(self, key: str) -> Cause:
        return self.causes[key]
