"""The calendar messages wait for: public holidays (``holidays``) and the school breaks per
region, from the school-holiday table shipped with the package (see its SOURCE.md)."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from functools import lru_cache
from importlib import resources

import holidays

from klantreis.core.customer import SchoolRegion
from klantreis.messaging.moment import SendingCalendar


@lru_cache(maxsize=1)
def school_breaks() -> dict[SchoolRegion, list[tuple[date, date]]]:
    table = resources.files("klantreis.core") / "data" / "schoolvakanties.csv"
    breaks: dict[SchoolRegion, list[tuple[date, date]]] = defaultdict(list)
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            breaks[SchoolRegion(row["region"])].append(
                (date.fromisoformat(row["start"]), date.fromisoformat(row["end"]))
            )
    return dict(breaks)


@lru_cache(maxsize=8)
def dutch_sending_calendar(first_year: int, last_year: int) -> SendingCalendar:
    public = holidays.country_holidays("NL", years=range(first_year, last_year + 1))
    return SendingCalendar(frozenset(public), school_breaks())
