"""The survey page (``/s/{token}``, the case's personal link): two questions and room to say
more; one answer per case."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klantreis.core.addressing import salutation
from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import Conflict
from klantreis.core.link_paths import Page, path_of
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.feedback.ports import FeedbackUnit
from klantreis.feedback.service import answer_survey, survey_state
from klantreis.feedback.wiring import FeedbackWiring
from klantreis.scheduling.pages import SurveyedCase
from klantreis.scheduling.render import chosen_language

UowDep = UnitOfWorkDep[FeedbackUnit]
ContainerDep = ContainerOf[FeedbackWiring]

templates = page_templates(Path(__file__).parent / "templates")

router = APIRouter(prefix=Page.SURVEY.prefix, include_in_schema=False)


def _page(
    request: Request, uow: FeedbackUnit, case_id: str, error: str = "", status: int = 200
) -> HTMLResponse:
    state = survey_state(uow, case_id)
    customer = state.customer
    language = chosen_language(request, customer.language)
    t = texts_for(language)
    return templates.TemplateResponse(
        request,
        "survey.html",
        {
            "lang": language.value,
            "title": t["survey_title"],
            "t": t,
            "greeting": salutation(customer, language),
            "answered": state.answered,
            "error": error,
        },
        status_code=status,
    )


@router.get("/{token}", response_class=HTMLResponse)
def survey_page(token: str, case_id: SurveyedCase, request: Request, uow: UowDep) -> Response:
    return _page(request, uow, case_id)


@router.post("/{token}", response_class=HTMLResponse)
def submit_survey(
    token: str,
    case_id: SurveyedCase,
    request: Request,
    container: ContainerDep,
    uow: UowDep,
    nps: Annotated[int, Form(ge=0, le=10)],
    ces: Annotated[int, Form(ge=1, le=7)],
    comment: Annotated[str, Form(max_length=2000)] = "",
    better_company: Annotated[str, Form(max_length=200)] = "",
    better_how: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        answer_survey(
            uow,
            container.clock,
            case_id,
            nps,
            ces,
            comment,
            better_company,
            better_how,
        )
    except (InvalidValue, Conflict) as error:
        status, message = 409 if isinstance(error, Conflict) else 422, str(error)

        def refused(reading: FeedbackUnit) -> Response:
            return _page(request, reading, case_id, message, status)

        raise AnswerAfterRollback(refused) from None
    return RedirectResponse(f"{path_of(Page.SURVEY, token)}", status_code=303)
