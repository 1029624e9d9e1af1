"""Dates, times and windows in the customer's language and zone (Babel)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from klantreis.core.common import Language
from klantreis.core.time_window import TimeWindow

DEFAULT_ZONE = ZoneInfo("Europe/Amsterdam")


def day_label(day: date, language: Language) -> str:
    """'maandag 11 mei' / 'Monday 11 May'."""
    return format_date(day, "EEEE d MMMM", locale=language.value)


def clock(moment: datetime, language: Language, zone: ZoneInfo = DEFAULT_ZONE) -> str:
    return format_time(moment.astimezone(zone), "HH:mm", locale=language.value)


def window_label(window: TimeWindow, language: Language, zone: ZoneInfo = DEFAULT_ZONE) -> str:
    """'maandag 11 mei, 10:00–12:00' in the given zone (daylight saving included)."""
    day = window.start.astimezone(zone).date()
    return (
        f"{day_label(day, language)}, {clock(window.start, language, zone)}"
        f"\u2013{clock(window.end, language, zone)}"
    )
