"""Appliances we service, and the contracts that make maintenance fall due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from klantreis.core.domain_errors import InvalidValue


class DeviceKind(StrEnum):
    BOILER = "boiler"
    HEAT_PUMP = "heat_pump"
    DISHWASHER = "dishwasher"
    WASHING_MACHINE = "washing_machine"
    DRYER = "dryer"


@dataclass(frozen=True, slots=True)
class ServiceContract:
    """A maintenance contract: a visit is due every ``interval_months`` months."""

    reference: str
    start: date
    interval_months: int

    def __post_init__(self) -> None:
        if not 1 <= self.interval_months <= 120:
            raise InvalidValue("interval_months", f"{self.interval_months} is outside 1..120")

    def next_due(self, last_service: date | None) -> date:
        """The date the next maintenance falls due: one interval after the last service."""
        return add_months(last_service or self.start, self.interval_months)


def add_months(day: date, months: int) -> date:
    """Calendar months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month_start = date(year + month // 12, month % 12 + 1, 1)
    return min(
        date(year, month, 1) + timedelta(days=day.day - 1), next_month_start - timedelta(days=1)
    )


@dataclass(slots=True)
class Device:
    id: str
    customer_id: str
    kind: DeviceKind
    model: str
    serial: str
    installed_on: date
    external_id: str | None = None
    contract: ServiceContract | None = None

    def __post_init__(self) -> None:
        if not self.serial.strip():
            raise InvalidValue("serial", "must not be empty")
        if not self.model.strip():
            raise InvalidValue("model", "must not be empty")
