"""Turning offers and bookings into what the booking page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from klantreis.core.common import Language
from klantreis.core.i18n import clock, day_label
from klantreis.core.time_window import TimeWindow
from klantreis.core.web.texts import texts_for
from klantreis.messaging.moment import ZONE
from klantreis.scheduling.slots import Offer


@dataclass
class OfferView:
    id: str
    value: str
    time: str
    eco: bool
    day: str = ""  # the day's label, where windows are not grouped by day
    why: str = ""  # the reason in the customer's words, or "" for an ordinary window
    area_day: bool = True


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
            view.offers.append(offer_view(offer, language))
        days.append(view)
    return days


def recommended_of(offers: list[Offer], language: Language, by_area: bool) -> list[OfferView]:
    """The short list in the order it ranks, each window with its day and its reason
    (``by_area``: the customer's area has area days, so they are a reason too)."""
    return [offer_view(o, language, by_area, with_day=True) for o in offers]


def offer_view(
    offer: Offer, language: Language, by_area: bool = False, with_day: bool = False
) -> OfferView:
    t = texts_for(language)
    start = offer.window.start
    why = t["why_nearby"] if offer.eco else ""
    if not why and by_area and offer.area_day:
        why = t["why_area_day"]
    return OfferView(
        id=start.strftime("%Y%m%d%H%M"),
        value=start.isoformat(),
        time=f"{clock(start, language)}\u2013{clock(offer.window.end, language)}",
        eco=offer.eco,
        day=day_label(offer.day, language) if with_day else "",
        why=why,
        area_day=offer.area_day,
    )


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
