"""The preferences page (``/v/{token}``, the same signed link as the booking page): the
customer says how to be addressed, in which language, on which channels, when not."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.cases import customer_of_case
from klantreis.core.common import Channel
from klantreis.core.customer import Customer, Purpose, Salutation
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.link_paths import Page, path_of
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.messaging.moment import ZONE
from klantreis.preferences.ports import PreferencesUnit
from klantreis.preferences.service import MESSAGE_CHANNELS, PreferencesRecord, save_preferences
from klantreis.preferences.wiring import PreferencesWiring
from klantreis.scheduling.calendar_links import has_linked_calendar
from klantreis.scheduling.pages import LinkedCase
from klantreis.scheduling.render import chosen_language

UowDep = UnitOfWorkDep[PreferencesUnit]
ContainerDep = ContainerOf[PreferencesWiring]

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter(prefix=Page.PREFERENCES.prefix, include_in_schema=False)
PURPOSES = (Purpose.SERVICE, Purpose.SURVEY, Purpose.MARKETING)


def _page(
    request: Request,
    token: str,
    customer: Customer,
    calendar_linked: bool,
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    language = chosen_language(request, customer.language)
    t = texts_for(language)
    return templates.TemplateResponse(
        request,
        "preferences.html",
        {
            "lang": language.value,
            "title": t["prefs_title"],
            "t": t,
            "token": token,
            "c": customer,
            "salutations": [s.value for s in Salutation],
            "channels": [c.value for c in MESSAGE_CHANNELS],
            "purposes": [p.value for p in PURPOSES],
            "consented": {
                (p.value, c.value) for p in Purpose for c in Channel if customer.has_consent(p, c)
            },
            "prefs": [c.value for c in customer.channel_preferences]
            + [""] * (3 - len(customer.channel_preferences)),
            "absences": [
                (
                    a.start.astimezone(ZONE).date().isoformat(),
                    a.end.astimezone(ZONE).date().isoformat(),
                )
                for a in customer.absences
            ],
            "error": error,
            "saved": request.query_params.get("done") == "saved",
            "contact_notes": [
                t[f"prefs_{note}"]
                for note in _contact_notes(request.query_params.get("contact", ""))
            ],
            "calendar_linked": calendar_linked,
        },
        status_code=status,
    )


def _contact_notes(said: str) -> list[str]:
    """What the redirect after saving says about new addresses (?contact=email-phone)."""
    if said == "too-many":
        return ["too_many_changes"]
    return [f"waiting_{part}" for part in said.split("-") if part in ("email", "phone")]


def _said(error: Exception, request: Request, customer: Customer) -> str:
    """The refusal in the customer's words where we have them."""
    if isinstance(error, InvalidValue) and error.field == "books_for_me":
        return texts_for(chosen_language(request, customer.language))["books_for_me_needs_calendar"]
    return str(error)


def _refused(request: Request, token: str, case_id: str, refusal: str) -> AnswerAfterRollback:
    """The form again with what was refused; what the customer had saved stays as it was."""

    def answer(reading: PreferencesUnit) -> Response:
        customer = customer_of_case(reading, case_id)
        linked = has_linked_calendar(reading, customer.id)
        return _page(request, token, customer, linked, refusal, status=422)

    return AnswerAfterRollback(answer)


@router.get("/{token}", response_class=HTMLResponse)
def preferences_page(token: str, case_id: LinkedCase, request: Request, uow: UowDep) -> Response:
    customer = customer_of_case(uow, case_id)
    return _page(request, token, customer, has_linked_calendar(uow, customer.id))


@router.post("/{token}", response_class=HTMLResponse)
async def preferences_form(
    token: str,
    case_id: LinkedCase,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    salutation: Annotated[str, Form()],
    surname: Annotated[str, Form()],
    language: Annotated[str, Form()],
    first_name: Annotated[str, Form()] = "",
    initials: Annotated[str, Form()] = "",
    tussenvoegsel: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    phone: Annotated[str, Form()] = "",
    quiet_start: Annotated[str, Form()] = "",
    quiet_end: Annotated[str, Form()] = "",
    away_from: Annotated[str, Form()] = "",
    away_until: Annotated[str, Form()] = "",
) -> Response:
    customer = customer_of_case(uow, case_id)
    form = await request.form()
    preferred = [str(form.get(f"pref_{i}", "")) for i in range(3)]
    consents = {
        p: [c for c in MESSAGE_CHANNELS if form.get(f"consent_{p.value}_{c.value}")]
        for p in PURPOSES
    }
    keep = [a for i, a in enumerate(customer.absences) if form.get(f"keep_absence_{i}")]
    absences = [{"start": a.start, "end": a.end, "reason": a.reason} for a in keep]
    try:
        if away_from or away_until:
            absences.append(
                {
                    "start": datetime.combine(
                        datetime.fromisoformat(away_from).date(), time(0), ZONE
                    ),
                    "end": datetime.combine(
                        datetime.fromisoformat(away_until).date(), time(23, 59), ZONE
                    ),
                }
            )
        record = PreferencesRecord.model_validate(
            {
                "salutation": salutation,
                "first_name": first_name,
                "initials": initials,
                "tussenvoegsel": tussenvoegsel,
                "surname": surname,
                "language": language,
                "email": email,
                "phone": phone,
                "channel_preferences": [p for p in preferred if p],
                "consents": consents,
                "quiet_hours": {"start": quiet_start, "end": quiet_end}
                if quiet_start and quiet_end
                else None,
                "absences": absences,
                "books_for_me": bool(form.get("books_for_me")),
            }
        )
        saved = save_preferences(
            uow, container.clock, container.messenger, case_id, customer.id, record
        )
    except ValidationError as error:
        first = error.errors()[0]
        refusal = ".".join(str(p) for p in first["loc"]) + f": {first['msg']}"
        raise _refused(request, token, case_id, refusal) from None
    except (InvalidValue, ValueError) as error:
        raise _refused(request, token, case_id, _said(error, request, customer)) from None
    contact = "too-many" if saved.too_many_changes else "-".join(f.value for f in saved.waiting)
    suffix = f"&contact={contact}" if contact else ""
    return RedirectResponse(
        f"{path_of(Page.PREFERENCES, token)}?done=saved{suffix}", status_code=303
    )
