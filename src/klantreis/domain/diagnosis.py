"""Self-diagnosis: from fault codes and signal patterns to a likely cause and what the visit needs.

The rule book is data: per device model (falling back to the device kind) a fault code names a
cause; each cause says how urgent it is, which skill and how long it takes, and which parts the
technician should bring. Signal rules read a window of recent readings for the same causes
before the appliance raises a code of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from klantreis.domain.device import DeviceKind
from klantreis.domain.telemetry import Reading


class Urgency(StrEnum):
    TODAY = "today"  # unsafe or no heat: a visit today
    SOON = "soon"  # within two working days
    PLANNED = "planned"  # at the customer's convenience within weeks


class FailureMode(StrEnum):
    """What the fleet model predicts; every cause belongs to one mode."""

    IGNITION = "ignition"
    PRESSURE = "pressure"
    CIRCULATION = "circulation"
    OVERHEAT = "overheat"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Cause:
    key: str
    description: str
    mode: FailureMode
    urgency: Urgency
    skill: str
    duration_minutes: int
    parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnosis:
    cause: Cause
    explanation: tuple[str, ...]

    @property
    def urgent(self) -> bool:
        return self.cause.urgency is not Urgency.PLANNED


_CAUSES = {
    c.key: c
    for c in (
        Cause(
            "ignition_failure",
            "burner does not ignite (electrode, gas valve or gas supply)",
            FailureMode.IGNITION,
            Urgency.TODAY,
            "boiler",
            60,
            ("ignition electrode", "ignition cable"),
        ),
        Cause(
            "ignition_wear",
            "ignition needs repeated attempts: electrode worn or dirty",
            FailureMode.IGNITION,
            Urgency.PLANNED,
            "boiler",
            45,
            ("ignition electrode",),
        ),
        Cause(
            "low_pressure",
            "water pressure too low (leak or expansion vessel)",
            FailureMode.PRESSURE,
            Urgency.SOON,
            "boiler",
            45,
            ("expansion vessel", "pressure relief valve"),
        ),
        Cause(
            "pump_failure",
            "water does not circulate: pump or blocked heat exchanger",
            FailureMode.CIRCULATION,
            Urgency.TODAY,
            "boiler",
            90,
            ("circulation pump",),
        ),
        Cause(
            "poor_circulation",
            "flow and return far apart: pump weakening or valve closing",
            FailureMode.CIRCULATION,
            Urgency.PLANNED,
            "boiler",
            60,
            ("circulation pump",),
        ),
        Cause(
            "overheating",
            "flow temperature above the safety limit (sensor or limiter)",
            FailureMode.OVERHEAT,
            Urgency.TODAY,
            "boiler",
            60,
            ("flow temperature sensor", "high limit thermostat"),
        ),
        Cause(
            "inspection",
            "the fleet model sees a rising risk without one clear signal: inspect and service",
            FailureMode.OTHER,
            Urgency.PLANNED,
            "boiler",
            60,
        ),
        Cause(
            "heat_pump_defrost",
            "outdoor unit fails to defrost",
            FailureMode.OTHER,
            Urgency.SOON,
            "heat_pump",
            90,
            ("defrost sensor",),
        ),
        Cause(
            "drain_blocked",
            "water does not drain (pump or filter blocked)",
            FailureMode.OTHER,
            Urgency.SOON,
            "white_goods",
            45,
            ("drain pump",),
        ),
        Cause(
            "heating_element",
            "water does not heat (element or NTC sensor)",
            FailureMode.OTHER,
            Urgency.PLANNED,
            "white_goods",
            60,
            ("heating element", "NTC sensor"),
        ),
    )
}

# Fault codes per brand, as the service manuals name them; the first word of the model is the
# brand. Kinds without a brand table fall back to the kind's generic codes.
_BRAND_CODES: dict[str, dict[str, str]] = {
    "remeha": {
        "E133": "ignition_failure",
        "E119": "low_pressure",
        "E118": "low_pressure",
        "E125": "pump_failure",
        "E110": "overheating",
        "E111": "overheating",
    },
    "intergas": {"F4": "ignition_failure", "F1": "overheating", "F5": "pump_failure"},
    "nefit": {"6A": "ignition_failure", "H11": "low_pressure", "E9": "overheating"},
    "vaillant": {"F28": "ignition_failure", "F22": "low_pressure", "F75": "pump_failure"},
    "atag": {"E133": "ignition_failure", "E118": "low_pressure", "E125": "pump_failure"},
    "daikin": {"E7": "heat_pump_defrost", "A6": "pump_failure", "U4": "heat_pump_defrost"},
}
_KIND_CODES: dict[DeviceKind, dict[str, str]] = {
    DeviceKind.DISHWASHER: {"E24": "drain_blocked", "E09": "heating_element"},
    DeviceKind.WASHING_MACHINE: {"F21": "drain_blocked", "F16": "heating_element"},
}
_KIND_SKILL = {
    DeviceKind.BOILER: "boiler",
    DeviceKind.HEAT_PUMP: "heat_pump",
    DeviceKind.DISHWASHER: "white_goods",
    DeviceKind.WASHING_MACHINE: "white_goods",
    DeviceKind.DRYER: "white_goods",
}

# Signal thresholds, in the units of the readings.
LOW_PRESSURE_BAR = 0.8
MANY_IGNITION_ATTEMPTS = 3.0
WIDE_FLOW_RETURN_GAP_C = 25.0
OVERHEAT_FLOW_C = 95.0


def cause(key: str) -> Cause:
    return _CAUSES[key]


def known_codes(model: str, kind: DeviceKind) -> dict[str, str]:
    brand = model.split()[0].lower() if model.split() else ""
    return _BRAND_CODES.get(brand) or _KIND_CODES.get(kind, {})


def diagnose_fault(model: str, kind: DeviceKind, fault_code: str) -> Diagnosis:
    """The cause behind a fault code; a code missing from the rule book still gets a visit."""
    key = known_codes(model, kind).get(fault_code.upper())
    if key is not None:
        return Diagnosis(_CAUSES[key], (f"{model} reported fault code {fault_code}",))
    unknown = Cause(
        "unknown_fault",
        f"fault code {fault_code} is not in the rule book for {model}",
        FailureMode.OTHER,
        Urgency.SOON,
        _KIND_SKILL[kind],
        60,
    )
    return Diagnosis(unknown, (f"{model} reported fault code {fault_code} (not in the rule book)",))


def diagnose_signals(readings: Sequence[Reading]) -> list[Diagnosis]:
    """Causes a window of readings points at, most urgent first; empty when all looks healthy."""
    found: list[Diagnosis] = []
    flows = [r.flow_temp_c for r in readings if r.flow_temp_c is not None]
    pressures = [r.pressure_bar for r in readings if r.pressure_bar is not None]
    attempts = [r.ignition_attempts for r in readings if r.ignition_attempts is not None]
    gaps = [
        r.flow_temp_c - r.return_temp_c
        for r in readings
        if r.flow_temp_c is not None and r.return_temp_c is not None
    ]
    if flows and max(flows) >= OVERHEAT_FLOW_C:
        found.append(
            Diagnosis(_CAUSES["overheating"], (f"flow temperature reached {max(flows):.0f} °C",))
        )
    if pressures and min(pressures) < LOW_PRESSURE_BAR:
        found.append(
            Diagnosis(_CAUSES["low_pressure"], (f"pressure fell to {min(pressures):.2f} bar",))
        )
    if attempts and sum(attempts) / len(attempts) >= MANY_IGNITION_ATTEMPTS:
        mean = sum(attempts) / len(attempts)
        found.append(
            Diagnosis(_CAUSES["ignition_wear"], (f"{mean:.1f} ignition attempts per start",))
        )
    if gaps and sum(gaps) / len(gaps) >= WIDE_FLOW_RETURN_GAP_C:
        mean_gap = sum(gaps) / len(gaps)
        found.append(
            Diagnosis(
                _CAUSES["poor_circulation"],
                (f"flow and return {mean_gap:.0f} °C apart on average",),
            )
        )
    order = list(Urgency)
    return sorted(found, key=lambda d: order.index(d.cause.urgency))


def cause_for_mode(mode: FailureMode, signals: Sequence[Diagnosis]) -> Cause:
    """The cause to plan for when the model predicts ``mode``: the signals' if they agree."""
    for diagnosis in signals:
        if diagnosis.cause.mode is mode:
            return diagnosis.cause
    return {
        FailureMode.IGNITION: _CAUSES["ignition_wear"],
        FailureMode.PRESSURE: _CAUSES["low_pressure"],
        FailureMode.CIRCULATION: _CAUSES["poor_circulation"],
        FailureMode.OVERHEAT: _CAUSES["overheating"],
    }.get(mode, _CAUSES["inspection"])
