"""Rendering the customer's booking page and the refused-link page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from klantreis.core.addressing import salutation
from klantreis.core.case import CaseState, ServiceCase
from klantreis.core.common import Language
from klantreis.core.device import Device
from klantreis.core.i18n import clock, day_label, window_label
from klantreis.core.ids import new_id
from klantreis.core.link_paths import Page, path_of
from klantreis.core.links import LinkRefused
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import DEVICE_NAMES, texts_for
from klantreis.inbound.callback_windows import callback_windows
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.booking_service import whole_day_bookable
from klantreis.scheduling.booking_view import case_at_booking
from klantreis.scheduling.days import ZONE
from klantreis.scheduling.flexible import movable_until, still_movable
from klantreis.scheduling.offers import may_be_booked
from klantreis.scheduling.page_days import callback_days, days_of, recommended_of
from klantreis.scheduling.ports import SchedulingUnit
from klantreis.scheduling.wiring import SchedulingWiring, offers_for

templates = page_templates(Path(__file__).parent / "templates")
# What a redirect after a change says on the page it lands on (?done=...).
DONE_MESSAGES = {
    "booked": "booked_at",
    "cancelled": "cancelled",
    "callback": "callback_done",
    "calendar": "calendar_linked",
}


def chosen_language(request: Request, default: Language) -> Language:
    asked = request.query_params.get("lang")
    return Language(asked) if asked in ("nl", "en") else default


def fix_before_text(case: ServiceCase, language: Language) -> str:
    """Why only the next days are offered for a predicted failure, in the customer's words."""
    deadline = case.findings.fix_before if case.findings else None
    if deadline is None:
        return ""
    return texts_for(language)["fix_before"].format(date=day_label(deadline, language))


def case_reason(case: ServiceCase, device: Device | None, language: Language) -> str:
    """Why we come, in the customer's words (the case's summary is for staff)."""
    t = texts_for(language)
    name = DEVICE_NAMES.get(device.kind.value, {}).get(language, "") if device else ""
    what = f"{name} ({device.model})" if device else t["your_appliance"]
    return t[f"reason_{case.origin.value}"].format(device=what)


def refused_page(
    request: Request, token: str, error: LinkRefused | None, renewed: bool = False
) -> HTMLResponse:
    t = texts_for(Language.NL)
    reason = t["invalid"] if error is not None and not error.expired else t["expired"]
    return templates.TemplateResponse(
        request,
        "refused.html",
        {
            "lang": "nl",
            "title": t["refused_title"],
            "t": t,
            "token": token,
            "reason": reason,
            "renewed": renewed,
        },
        status_code=200 if renewed else 403,
    )


def flexible_text(booked: Booking | None, now: datetime, language: Language) -> str:
    """What the customer is told about the other windows they ticked, while they count."""
    others = [w for w in booked.ticked_windows() if w != booked.window] if booked else []
    if booked is None or not others or not still_movable(booked, now):
        return ""
    cutoff = movable_until(booked.day)
    return texts_for(language)["flexible_booked"].format(
        others=", ".join(window_label(w, language) for w in others),
        cutoff=f"{day_label(cutoff.astimezone(ZONE).date(), language)} {clock(cutoff, language)}",
    )


def booking_page(
    request: Request,
    container: SchedulingWiring,
    uow: SchedulingUnit,
    token: str,
    case_id: str,
    message: str = "",
    status: int = 200,
) -> HTMLResponse:
    offering = offers_for(container, uow, case_id)
    case, customer = offering.case, offering.customer
    language = chosen_language(request, customer.language)
    t = texts_for(language)
    seen = case_at_booking(uow, case)
    device, booked = seen.device, seen.booked
    device_name = DEVICE_NAMES.get(device.kind.value, {}).get(language, "") if device else ""
    booked_label = window_label(booked.window, language) if booked else ""
    bookable = may_be_booked(case)
    done = request.query_params.get("done", "")
    if not message and done in DONE_MESSAGES:
        message = t[DONE_MESSAGES[done]].replace("{window}", booked_label)
    context: dict[str, Any] = {
        "lang": language.value,
        "other_lang": "en" if language is Language.NL else "nl",
        "title": t["title"],
        "t": t,
        "base": path_of(Page.BOOKING, token),
        "greeting": salutation(customer, language),
        "intro": t["intro"].format(device=f"{device_name} ({device.model})" if device else ""),
        "case_reason": case_reason(case, device, language),
        "fix_before_text": fix_before_text(case, language) if bookable else "",
        "booked_label": booked_label,
        "booked_text": t["booked_at"].format(window=booked_label) if booked else "",
        "flexible_text": flexible_text(booked, container.clock.now(), language),
        "bookable": bookable,
        "days": days_of(offering.offers, language) if bookable else [],
        "recommended": recommended_of(offering.recommended, language, offering.by_area)
        if bookable
        else [],
        "show_all": request.query_params.get("times") == "all",
        "whole_days": [
            {"value": d.isoformat(), "label": day_label(d, language)}
            for d in sorted({o.day for o in offering.offers})
            if whole_day_bookable(
                container.offer_settings.grid.whole_day(d, ZONE),
                container.clock.now(),
                container.offer_settings,
            )
        ]
        if bookable
        else [],
        "all_times_link": (
            f"{path_of(Page.BOOKING, token)}?times=all&lang={language.value}#all-times"
        ),
        "closed_text": t["cancelled"] if case.state is CaseState.CANCELLED else t["not_bookable"],
        "calendar_linked": seen.calendar_linked,
        "callback_days": callback_days(
            callback_windows(container.clock.now(), container.holidays.holiday), language
        ),
        "form_key": new_id(),
        "message": message,
        "message_class": "ok" if status < 400 else "notice",
    }
    return templates.TemplateResponse(request, "booking.html", context, status_code=status)
