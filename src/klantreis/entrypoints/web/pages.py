"""Turning offers and bookings into what the booking page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from klantreis.domain.booking import TimeWindow
from klantreis.domain.common import Language
from klantreis.domain.messaging.moment import ZONE
from klantreis.domain.slots import Offer
from klantreis.i18n import clock, day_label


@dataclass
class OfferView:
    id: str
    value: str
    time: str
    eco: bool


@dataclass
class DayView:
    label: str
    offers: list[OfferView] = field(default_factory=list)


def days_of(offers: list[Offer], language: Language, per_day: int = 5) -> list[DayView]:
    """Offers grouped by day in date order, each day's windows in time order."""
    by_day: dict[date, list[Offer]] = {}
    for offer in offers:
        by_day.setdefault(offer.day, []).append(offer)
    days = []
    for day in sorted(by_day):
        view = DayView(day_label(day, language))
        for offer in sorted(by_day[day], key=lambda o: o.window.start)[:per_day]:
            start = offer.window.start
            view.offers.append(
                OfferView(
                    id=start.strftime("%Y%m%d%H%M"),
                    value=start.isoformat(),
                    time=f"{clock(start, language)}\u2013{clock(offer.window.end, language)}",
                    eco=offer.eco,
                )
            )
        days.append(view)
    return days


def callback_days(windows: list[TimeWindow], language: Language) -> list[DayView]:
    """Callback windows grouped by local day, in time order."""
    days: dict[date, DayView] = {}
    for window in sorted(windows, key=lambda w: w.start):
        local = window.start.astimezone(ZONE)
        view = days.setdefault(local.date(), DayView(day_label(local.date(), language)))
        view.offers.append(
            OfferView(
                id=local.strftime("%Y%m%d%H%M"),
                value=window.start.isoformat(),
                time=f"{clock(window.start, language)}\u2013{clock(window.end, language)}",
                eco=False,
            )
        )
    return list(days.values())
