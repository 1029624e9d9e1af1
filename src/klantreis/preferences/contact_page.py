"""The page that confirms a new e-mail address or phone number (``/c/{secret}``).

Opening the link only asks; the change is made by the button (a POST), because mail
scanners open links before the customer does.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.common import Language
from klantreis.core.errors import Conflict, NotFound
from klantreis.core.link_paths import Page, path_of
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.preferences.contact_change import ChangeState, ContactField, Side, masked
from klantreis.preferences.contact_change_service import (
    ChangeToConfirm,
    change_to_confirm,
    confirm_contact_change,
)
from klantreis.preferences.ports import PreferencesUnit
from klantreis.preferences.wiring import PreferencesWiring
from klantreis.scheduling.render import chosen_language

UowDep = UnitOfWorkDep[PreferencesUnit]
ContainerDep = ContainerOf[PreferencesWiring]

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter(prefix=Page.CONTACT.prefix, include_in_schema=False)


def _page(
    request: Request,
    language: Language,
    *,
    question: str = "",
    message: str = "",
    done: bool = False,
    status: int = 200,
) -> HTMLResponse:
    t = texts_for(language)
    return templates.TemplateResponse(
        request,
        "contact.html",
        {
            "lang": language.value,
            "title": t["confirm_title"],
            "t": t,
            "question": question,
            "message": message,
            "done": done,
        },
        status_code=status,
    )


def _question(found: ChangeToConfirm, language: Language) -> str:
    t = texts_for(language)
    change = found.change
    if not change.new_value:
        return t["confirm_remove"].format(address=change.old_value)
    if found.side is Side.OLD:  # the address of today: approve, seeing the new one masked
        return t["confirm_approve"].format(address=masked(change.field, change.new_value))
    key = "confirm_email" if change.field is ContactField.EMAIL else "confirm_phone"
    return t[key].format(address=change.new_value)


@router.get("/{secret}", response_class=HTMLResponse)
def confirmation_page(
    secret: str, request: Request, uow: UowDep, container: ContainerDep
) -> Response:
    try:
        found = change_to_confirm(uow, container.clock, secret)
    except NotFound:
        language = chosen_language(request, Language.NL)
        return _page(request, language, message=texts_for(language)["confirm_unknown"], status=404)
    language = chosen_language(request, found.customer.language)
    t = texts_for(language)
    if found.state is ChangeState.CONFIRMED:
        return _page(request, language, done=True)
    if found.state is not ChangeState.PENDING:
        return _page(request, language, message=t["confirm_not_waiting"])
    if found.side in found.change.said_yes():  # this end has said yes; the other has not
        return _page(request, language, message=t["confirm_waiting"])
    return _page(request, language, question=_question(found, language))


@router.post("/{secret}", response_class=HTMLResponse)
def confirm(secret: str, request: Request, uow: UowDep, container: ContainerDep) -> Response:
    try:
        confirm_contact_change(uow, container.clock, secret)
    except NotFound:
        language = chosen_language(request, Language.NL)
        message = texts_for(language)["confirm_unknown"]
        raise AnswerAfterRollback(
            lambda _: _page(request, language, message=message, status=404)
        ) from None
    except Conflict:

        def not_waiting(reading: PreferencesUnit) -> Response:
            found = change_to_confirm(reading, container.clock, secret)
            language = chosen_language(request, found.customer.language)
            message = texts_for(language)["confirm_not_waiting"]
            return _page(request, language, message=message, status=409)

        raise AnswerAfterRollback(not_waiting) from None
    lang = request.query_params.get("lang")
    suffix = f"?lang={lang}" if lang in ("nl", "en") else ""
    return RedirectResponse(f"{path_of(Page.CONTACT, secret)}{suffix}", status_code=303)
