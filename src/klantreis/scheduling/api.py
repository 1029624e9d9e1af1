"""Self-scheduling for integrators and planners: offers, bookings, day rules, links."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Response
from fastapi.responses import JSONResponse

from klantreis.core.access import Role
from klantreis.core.api.deps import CommittingUow, ContainerDep, UowDep, require
from klantreis.core.api.problems import problem
from klantreis.core.common import Channel
from klantreis.core.errors import NotFound
from klantreis.core.ids import new_id
from klantreis.scheduling import area_days_service as area_days
from klantreis.scheduling import booking_service, day_rules, flexible
from klantreis.scheduling.availability import DayRule
from klantreis.scheduling.days import ZONE
from klantreis.scheduling.idempotency import fingerprint, remember, replay
from klantreis.scheduling.invites import case_invite
from klantreis.scheduling.offers import offer_windows
from klantreis.scheduling.ports import DuplicateKey
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

router = APIRouter(tags=["self-scheduling"])
Planners = Annotated[Role, Depends(require(Role.PLANNER))]
IdempotencyKey = Annotated[
    str,
    Header(alias="Idempotency-Key", min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.:\-]+$"),
]


def offers_body(container: ContainerDep, uow: UowDep, case_id: str) -> OffersOut:
    offering = offer_windows(
        uow,
        case_id,
        container.clock.now(),
        container.travel,
        container.holidays,
        container.offer_settings,
        container.plan_cache,
        container.area_days.calendar(uow),
    )
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
    stored = replay(uow, key, print_)
    if stored is not None:
        return JSONResponse(stored.body, status_code=stored.status)
    try:
        if request.whole_day:
            booked = booking_service.book_whole_day(
                uow,
                container.booking,
                case_id,
                request.window_start.astimezone(ZONE).date(),
                Channel.WEB,
            )
        elif request.also_suits:
            booked = flexible.book_windows(
                uow,
                container.booking,
                case_id,
                [request.window_start, *request.also_suits],
                Channel.WEB,
            )
        else:
            booked = booking_service.book_window(
                uow,
                container.booking,
                case_id,
                request.window_start,
                Channel.WEB,
                request.technician_id,
            )
    except booking_service.WindowTaken as taken:
        uow.rollback()
        fresh = offers_body(container, uow, case_id)
        return problem(
            409,
            taken.title,
            taken.detail,
            taken.slug,
            offers=[o.model_dump(mode="json") for o in fresh.offers[:20]],
        )
    body = BookingOut.of(booked).model_dump(mode="json")
    try:
        remember(uow, container.clock, key, print_, 201, body)
    except DuplicateKey:
        uow.rollback()
        stored = replay(uow, key, print_)
        assert stored is not None
        return JSONResponse(stored.body, status_code=stored.status)
    uow.commit()
    return JSONResponse(body, status_code=201)


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
    case_id: str, move: BookingMove, uow: CommittingUow, container: ContainerDep, _: Planners
) -> BookingOut:
    moved = flexible.move_to_ticked(uow, container.booking, case_id, move.window_start)
    return BookingOut.of(moved)


@router.get("/cases/{case_id}/booking", response_model=BookingOut, summary="The booked visit")
def get_booking(case_id: str, uow: UowDep, _: Planners) -> BookingOut:
    found = uow.bookings.active_for_case(case_id)
    if found is None:
        raise NotFound(f"case '{case_id}' has no booked visit")
    return BookingOut.of(found)


@router.delete(
    "/cases/{case_id}/booking", response_model=BookingOut, summary="Cancel the visit (and the case)"
)
def delete_booking(case_id: str, uow: UowDep, container: ContainerDep, _: Planners) -> BookingOut:
    cancelled = booking_service.cancel_booking(uow, container.booking, case_id)
    uow.commit()
    return BookingOut.of(cancelled)


@router.get(
    "/cases/{case_id}/booking/invite.ics",
    summary="The calendar invite (RFC 5545)",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def get_invite(case_id: str, uow: UowDep, container: ContainerDep, _: Planners) -> Response:
    link = f"{container.settings.public_base_url}/b/{container.links.token_for(case_id)}"
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
    if uow.cases.get(case_id) is None:
        raise NotFound(f"case '{case_id}' does not exist")
    token = container.links.token_for(case_id)
    return LinkOut(
        url=f"{container.settings.public_base_url}/b/{token}",
        expires_in_days=container.settings.link_max_age_days,
    )


@router.get(
    "/area-days",
    response_model=list[AreaDaysOut],
    summary="The area days planners set, by postcode prefix (they come before the proposal)",
)
def list_area_days(uow: UowDep, _: Planners) -> list[AreaDaysOut]:
    return [
        AreaDaysOut(area=prefix, weekdays=sorted(days), source="planner")
        for prefix, days in sorted(uow.day_rules.area_weekdays().items())
    ]


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
    calendar = container.area_days.calendar(uow)
    days = calendar.weekdays_of(pc4) if calendar else None
    planned = calendar is not None and any(pc4[:n] in calendar.set_by_planner for n in range(1, 5))
    source = "planner" if planned else "proposed" if days is not None else "none"
    return AreaDaysOut(area=pc4, weekdays=sorted(days or ()), source=source)


@router.put(
    "/area-days/{prefix}",
    response_model=AreaDaysOut,
    summary="Give a postcode area (prefix of 1-4 digits) its days, replacing what was set",
)
def put_area_days(
    prefix: Annotated[str, Path(max_length=4)],
    body: AreaDaysIn,
    uow: CommittingUow,
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
    uow: CommittingUow,
    container: ContainerDep,
    _: Planners,
) -> Response:
    area_days.remove_area_days(uow, prefix)
    container.area_days.forget()
    return Response(status_code=204)


@router.get("/day-rules", response_model=list[DayRuleOut], summary="Days opened or closed")
def list_day_rules(uow: UowDep, container: ContainerDep, _: Planners) -> list[DayRuleOut]:
    today = container.clock.now().date()
    return [
        DayRuleOut.of(r)
        for r in uow.day_rules.between(today - timedelta(days=1), today + timedelta(days=366))
    ]


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
    uow.commit()
    return DayRuleOut.of(stored)


@router.delete("/day-rules/{rule_id}", status_code=204, summary="Remove a day rule")
def remove_day_rule(rule_id: str, uow: UowDep, _: Planners) -> Response:
    if not uow.day_rules.remove(rule_id):
        raise NotFound(f"day rule '{rule_id}' does not exist")
    uow.commit()
    return Response(status_code=204)
