"""Request and response shapes for self-scheduling."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from klantreis.core.common import Language
from klantreis.core.i18n import window_label
from klantreis.core.records import Record
from klantreis.scheduling.area_days_service import AreaDaysInForce
from klantreis.scheduling.availability import DayRule, RuleKind
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.flexible import movable_until
from klantreis.scheduling.slots import Offer


class OfferOut(BaseModel):
    day: date
    window_start: datetime
    window_end: datetime
    label: str = Field(description="The window in the customer's language and local time")
    technician_id: str
    added_minutes: float = Field(description="Extra driving this visit adds to that day")
    eco: bool = Field(description="Efficient: a technician is already nearby that day")
    area_day: bool = Field(description="One of the customer's area days (or none are set)")

    @classmethod
    def of(cls, offer: Offer, language: Language) -> OfferOut:
        return cls(
            day=offer.day,
            window_start=offer.window.start,
            window_end=offer.window.end,
            label=window_label(offer.window, language),
            technician_id=offer.technician_id,
            added_minutes=offer.added_minutes,
            eco=offer.eco,
            area_day=offer.area_day,
        )


class OffersOut(BaseModel):
    case_id: str
    offers: list[OfferOut] = Field(description="Every window on offer, cheapest first")
    recommended: list[OfferOut] = Field(
        default_factory=list,
        description="The short list a customer sees first: the cheapest windows over several days",
    )


class BookingRequest(Record):
    window_start: AwareDatetime = Field(description="Start of one of the offered windows")
    technician_id: Annotated[str, Field(max_length=64)] | None = Field(
        default=None, description="The technician of the offer, if known (a preference)"
    )
    whole_day: bool = Field(
        default=False,
        description="The whole day of window_start suits the customer: the planner chooses "
        "the moment within that day's grid",
    )
    also_suits: list[AwareDatetime] = Field(
        default_factory=list,
        max_length=40,
        description="Starts of other offered windows that suit the customer too: the booking "
        "holds the best of all of them, and until the evening two days before the visit "
        "day planning may move it to another of them (never outside them), telling the "
        "customer at once",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> BookingRequest:
        if self.whole_day and self.also_suits:
            raise ValueError("a whole day and several windows cannot be asked for at once")
        return self


class BookingMove(Record):
    window_start: AwareDatetime = Field(
        description="Start of another window the customer ticked (see also_suits)"
    )


class BookingOut(BaseModel):
    id: str
    case_id: str
    technician_id: str
    day: date
    window_start: datetime
    window_end: datetime
    sequence: int
    active: bool
    ticked: list[datetime] = Field(
        description="Every window start the customer ticked (empty: they chose one window)"
    )
    movable_until: datetime | None = Field(
        description="Until when day planning may move the visit between its ticked windows"
    )

    @classmethod
    def of(cls, b: Booking) -> BookingOut:
        return cls(
            id=b.id,
            case_id=b.case_id,
            technician_id=b.technician_id,
            day=b.day,
            window_start=b.window.start,
            window_end=b.window.end,
            sequence=b.sequence,
            active=b.active,
            ticked=list(b.ticked),
            movable_until=movable_until(b.day) if b.flexible else None,
        )


class DayRuleIn(Record):
    day: date
    kind: RuleKind
    postcode_prefixes: list[Annotated[str, Field(pattern=r"^[1-9][0-9]{0,3}$")]] = Field(
        default_factory=list,
        max_length=200,
        description="Postcode prefixes of the region (e.g. 35 for Utrecht); empty: everywhere",
    )
    note: Annotated[str, Field(max_length=200)] = ""


class DayRuleOut(DayRuleIn):
    id: str

    @classmethod
    def of(cls, r: DayRule) -> DayRuleOut:
        return cls(
            id=r.id,
            day=r.day,
            kind=r.kind,
            postcode_prefixes=sorted(r.postcode_prefixes),
            note=r.note,
        )


class AreaDaysIn(Record):
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        min_length=1, max_length=5, description="The area's days, 0 = Monday .. 6 = Sunday"
    )


class AreaDaysOut(BaseModel):
    area: str = Field(description="A postcode prefix (set by a planner) or a PC4 area")
    weekdays: list[int] = Field(description="0 = Monday; empty: every day is the area's own")
    source: Literal["planner", "proposed", "none"] = Field(
        description="Set by a planner (for this prefix or a shorter one), proposed from the "
        "demand and the technicians' bases, or no area days at all"
    )

    @classmethod
    def of(cls, found: AreaDaysInForce) -> AreaDaysOut:
        return cls(area=found.area, weekdays=sorted(found.weekdays), source=found.source)


class LinkOut(BaseModel):
    url: str
    expires_in_days: int
