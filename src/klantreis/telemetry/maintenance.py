"""Periodic maintenance: when each contract falls due, and on which day its case opens.

Opening every case on the day it enters the lead window would send a year's anniversaries of
one busy install month out in a single morning. Cases are instead spread over the window, each
on the least busy working day that still leaves the customer enough notice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from klantreis.core.device import ServiceContract, add_months
from klantreis.core.domain_errors import InvalidValue


@dataclass(frozen=True, slots=True)
class MaintenanceWindow:
    lead_days: int = 56  # the earliest a case opens before the due date
    notice_days: int = 21  # the latest: the customer still has this long to book
    # A visit already inside its notice (the first run, a late contract) still gets a week.
    short_notice_days: int = 7

    def __post_init__(self) -> None:
        if not 0 <= self.notice_days < self.lead_days <= 365:
            raise InvalidValue(
                "lead_days", f"need 0 <= notice ({self.notice_days}) < lead ({self.lead_days})"
            )


@dataclass(frozen=True, slots=True)
class DueVisit:
    device_id: str
    due_on: date


@dataclass(frozen=True, slots=True)
class Opening:
    device_id: str
    due_on: date
    open_on: date


def due_date(contract: ServiceContract, today: date) -> date:
    """The first contract anniversary on or after ``today`` (anniversaries from the start)."""
    cycles = max(0, (today.year - contract.start.year) * 12 // contract.interval_months - 1)
    due = add_months(contract.start, cycles * contract.interval_months)
    while due < today:
        cycles += 1
        due = add_months(contract.start, cycles * contract.interval_months)
    return due


def _working_days(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def spread(
    visits: Iterable[DueVisit],
    today: date,
    window: MaintenanceWindow,
    already: Counter[date] | None = None,
) -> list[Opening]:
    """The opening day of every visit due within the lead window, spreading the load evenly.

    ``already`` counts openings planned in earlier runs, so daily runs keep the spread even.
    Visits whose notice has already begun are spread over the days up to a week before they
    fall due, and open today when that week has begun as well.
    """
    load: Counter[date] = Counter(already or {})
    horizon = today + timedelta(days=window.lead_days)
    openings = []
    for visit in sorted(visits, key=lambda v: (v.due_on, v.device_id)):
        if visit.due_on > horizon:
            continue
        earliest = max(today, visit.due_on - timedelta(days=window.lead_days))
        latest = visit.due_on - timedelta(days=window.notice_days)
        if latest < earliest:
            latest = visit.due_on - timedelta(days=window.short_notice_days)
        candidates = _working_days(earliest, latest) or [today]
        open_on = min(candidates, key=lambda d: (load[d], d))
        load[open_on] += 1
        openings.append(Opening(visit.device_id, visit.due_on, open_on))
    return openings
