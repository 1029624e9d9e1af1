"""Dutch public holidays from the ``holidays`` package."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


class DutchHolidays:
    def holiday(self, day: date) -> str | None:
        return _year(day.year).get(day)


@lru_cache(maxsize=16)
def _year(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year, language="nl")
