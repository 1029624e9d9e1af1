"""What scheduling's routes and pages need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from klantreis.core.links import PersonalLinks
from klantreis.core.ports import Clock, Gazetteer, HolidayCalendar
from klantreis.messaging.outbox_service import Messenger
from klantreis.scheduling.area_days_service import AreaDays
from klantreis.scheduling.booking_service import BookingContext
from klantreis.scheduling.offers import Offering, OfferSettings, offer_windows
from klantreis.scheduling.plan_cache import PlanCache
from klantreis.scheduling.ports import CalendarSource, Cipher, SchedulingUnit, TravelTimes


class SchedulingSettings(Protocol):
    @property
    def public_base_url(self) -> str: ...
    @property
    def organiser_email(self) -> str: ...
    @property
    def link_max_age_days(self) -> int: ...


class SchedulingWiring(Protocol):
    @property
    def area_days(self) -> AreaDays: ...
    @property
    def booking(self) -> BookingContext: ...
    @property
    def calendars(self) -> CalendarSource: ...
    @property
    def cipher(self) -> Cipher: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def gazetteer(self) -> Gazetteer: ...
    @property
    def holidays(self) -> HolidayCalendar: ...
    @property
    def links(self) -> PersonalLinks: ...
    @property
    def messenger(self) -> Messenger: ...
    @property
    def offer_settings(self) -> OfferSettings: ...
    @property
    def plan_cache(self) -> PlanCache: ...
    @property
    def settings(self) -> SchedulingSettings: ...
    @property
    def travel(self) -> TravelTimes: ...
    @property
    def uow_factory(self) -> Callable[..., SchedulingUnit]: ...


def offers_for(container: SchedulingWiring, uow: SchedulingUnit, case_id: str) -> Offering:
    """The case's offers as the booking page, the API and the agent see them alike."""
    return offer_windows(
        uow,
        case_id,
        container.clock.now(),
        container.travel,
        container.holidays,
        container.offer_settings,
        container.plan_cache,
        container.area_days.calendar(uow),
    )
