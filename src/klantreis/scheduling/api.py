"""Self-scheduling for integrators and planners: offers, bookings, day rules, links."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Response
from fastapi.responses import JSONResponse

from klantreis.core.access import Role
from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep, require
from klantreis.core.api.problems import problem
from klantreis.core.cases import get_case
from klantreis.core.common import Channel
from klantreis.core.ids import new_id
from klantreis.core.link_paths import Page, address_of, case_address
from klantreis.scheduling import area_days_service as area_days
from klantreis.scheduling import booking_service, day_rules, flexible
from klantreis.scheduling.availability import DayRule
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.days import ZONE
from klantreis.scheduling.idempotency import answer_once, fingerprint
from klantreis.scheduling.invites import case_invite
from klantreis.scheduling.ports import SchedulingUnit
from klantreis.scheduling.schemas import (
    AreaDaysIn,
    AreaDaysOut,
    BookingMove,
    BookingOut,
    BookingRequest,
    DayRuleIn,
    DayRuleOut,
    LinkOut,
    OfferOut,
    OffersOut,
)
from klantreis.scheduling.wiring import SchedulingWiring, offers_for

UowDep = UnitOfWorkDep[SchedulingUnit]
ContainerDep = ContainerOf[SchedulingWiring]

router = APIRouter(tags=["self-scheduling"])
Planners = Annotated[Role, Depends(require(Role.PLANNER))]
IdempotencyKey = Annotated[
    str,
    Header(alias="Idempotency-Key", min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.:\-]+$"),
]


def offers_body(container: ContainerDep, uow: UowDep, case_id: str) -> OffersOut:
    offering = offers_for(container, uow, case_id)
    return OffersOut(
        case_id=case_id,
        offers=[OfferOut.of(o, offering.customer.language) for o in offering.offers],
        recommended=[OfferOut.of(o, offering.customer.language) for o in offering.recommended],
    )


@router.get(
    "/cases/{case_id}/offers",
    response_model=OffersOut,
    summary="Ranked 2-hour windows for the case (efficient ones first)",
)
def get_offers(case_id: str, uow: UowDep, container: ContainerDep, _: Planners) -> OffersOut:
    return offers_body(container, uow, case_id)


@router.post(
    "/cases/{case_id}/booking",
    status_code=201,
    response_model=BookingOut,
    summary="Book or move the case's visit; a retry with the same Idempotency-Key is answered "
    "with the first result",
    responses={409: {"description": "The window was taken meanwhile; fresh offers included"}},
)
def post_booking(
    case_id: str,
    request: BookingRequest,
    key: IdempotencyKey,
    uow: UowDep,
    container: ContainerDep,
    _: Planners,
) -> Any:
    print_ = fingerprint(f"book:{case_id}", request.model_dump(mode="json"))

    def book() -> tuple[int, dict[str, Any]]:
        try:
            booked = _book(uow, container, case_id, request)
        except booking_service.WindowTaken as taken:
            raise AnswerAfterRollback(partial(_window_taken, container, case_id, taken)) from None
        return 201, BookingOut.of(booked).model_dump(mode="json")

    return answer_once(
        uow,
        container.clock,
        key,
        print_,
        book,
        lambda stored: JSONResponse(stored.body, status_code=stored.status),
    )


def _book(
    uow: SchedulingUnit, container: ContainerDep, case_id: str, request: BookingRequest
) -> Booking:
    if request.whole_day:
        day = request.window_start.astimezone(ZONE).date()
        return booking_service.book_whole_day(uow, container.booking, case_id, day, Channel.WEB)
    if request.also_suits:
        starts = [request.window_start, *request.also_suits]
        return flexible.book_windows(uow, container.booking, case_id, starts, Channel.WEB)
    return booking_service.book_window(
        uow,
        container.booking,
        case_id,
        request.window_start,
        Channel.WEB,
        request.technician_id,
    )


def _window_taken(
    container: ContainerDep,
    case_id: str,
    taken: booking_service.WindowTaken,
    reading: SchedulingUnit,
) -> Response:
    """409 with the offers as they stand now, so the caller can choose again at once."""
    fresh = offers_body(container, reading, case_id)
    return problem(
        409,
        taken.title,
        taken.detail,
        taken.slug,
        offers=[o.model_dump(mode="json") for o in fresh.offers[:20]],
    )


@router.patch(
    "/cases/{case_id}/booking",
    response_model=BookingOut,
    summary="Move a flexible visit to another window its customer ticked (until the cut-off)",
    responses={
        409: {"description": "Past the cut-off, or the window was taken meanwhile"},
        422: {"description": "Not one of the windows the customer ticked"},
    },
)
def move_booking(
    case_id: str, move: BookingMove, uow: UowDep, container: ContainerDep, _: Planners
) -> BookingOut:
    moved = flexible.move_to_ticked(uow, container.booking, case_id, move.window_start)
    return BookingOut.of(moved)


@router.get("/cases/{case_id}/booking", response_model=BookingOut, summary="The booked visit")
def get_booking(case_id: str, uow: UowDep, _: Planners) -> BookingOut:
    return BookingOut.of(booking_service.active_booking(uow, case_id))


@router.delete(
    "/cases/{case_id}/booking", response_model=BookingOut, summary="Cancel the visit (and the case)"
)
def delete_booking(case_id: str, uow: UowDep, container: ContainerDep, _: Planners) -> BookingOut:
    cancelled = booking_service.cancel_booking(uow, container.booking, case_id)
    return BookingOut.of(cancelled)


@router.get(
    "/cases/{case_id}/booking/invite.ics",
    summary="The calendar invite (RFC 5545)",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def get_invite(case_id: str, uow: UowDep, container: ContainerDep, _: Planners) -> Response:
    link = case_address(container.settings.public_base_url, container.links, Page.BOOKING, case_id)
    body = case_invite(
        uow, container.clock.now(), case_id, link, container.settings.organiser_email
    )
    return Response(body, media_type="text/calendar; charset=utf-8")


@router.post(
    "/cases/{case_id}/link",
    response_model=LinkOut,
    summary="A personal booking link for the customer (signed, expiring)",
)
def create_link(case_id: str, uow: UowDep, container: ContainerDep, _: Planners) -> LinkOut:
    get_case(uow, case_id)
    token = container.links.token_for(case_id)
    return LinkOut(
        url=address_of(container.settings.public_base_url, Page.BOOKING, token),
        expires_in_days=container.settings.link_max_age_days,
    )


@router.get(
    "/area-days",
    response_model=list[AreaDaysOut],
    summary="The area days planners set, by postcode prefix (they come before the proposal)",
)
def list_area_days(uow: UowDep, _: Planners) -> list[AreaDaysOut]:
    return [AreaDaysOut.of(found) for found in area_days.planner_area_days(uow)]


@router.get(
    "/area-days/{pc4}",
    response_model=AreaDaysOut,
    summary="The area days in force for one PC4 area, and where they come from",
)
def get_area_days(
    pc4: Annotated[str, Path(pattern=r"^[1-9][0-9]{3}$")],
    uow: UowDep,
    container: ContainerDep,
    _: Planners,
) -> AreaDaysOut:
    return AreaDaysOut.of(area_days.area_days_of(container.area_days.calendar(uow), pc4))


@router.put(
    "/area-days/{prefix}",
    response_model=AreaDaysOut,
    summary="Give a postcode area (prefix of 1-4 digits) its days, replacing what was set",
)
def put_area_days(
    prefix: Annotated[str, Path(max_length=4)],
    body: AreaDaysIn,
    uow: UowDep,
    container: ContainerDep,
    _: Planners,
) -> AreaDaysOut:
    days = area_days.set_area_days(uow, container.clock, container.gazetteer, prefix, body.weekdays)
    container.area_days.forget()
    return AreaDaysOut(area=prefix, weekdays=sorted(days), source="planner")


@router.delete(
    "/area-days/{prefix}",
    status_code=204,
    summary="Remove a planner's area days (back to the proposal)",
)
def delete_area_days(
    prefix: Annotated[str, Path(max_length=4)],
    uow: UowDep,
    container: ContainerDep,
    _: Planners,
) -> Response:
    area_days.remove_area_days(uow, prefix)
    container.area_days.forget()
    return Response(status_code=204)


@router.get("/day-rules", response_model=list[DayRuleOut], summary="Days opened or closed")
def list_day_rules(uow: UowDep, container: ContainerDep, _: Planners) -> list[DayRuleOut]:
    return [DayRuleOut.of(r) for r in day_rules.day_rules_ahead(uow, container.clock)]


@router.post(
    "/day-rules",
    status_code=201,
    response_model=DayRuleOut,
    summary="Open a region on a day ('Tuesday: region Utrecht') or close it",
)
def add_day_rule(rule: DayRuleIn, uow: UowDep, container: ContainerDep, _: Planners) -> DayRuleOut:
    stored = day_rules.add_day_rule(
        uow,
        container.clock,
        container.gazetteer,
        DayRule(new_id(), rule.day, rule.kind, frozenset(rule.postcode_prefixes), rule.note),
    )
    return DayRuleOut.of(stored)


@router.delete("/day-rules/{rule_id}", status_code=204, summary="Remove a day rule")
def remove_day_rule(rule_id: str, uow: UowDep, _: Planners) -> Response:
    day_rules.remove_day_rule(uow, rule_id)
    return Response(status_code=204)
