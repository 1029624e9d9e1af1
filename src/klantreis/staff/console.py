"""Drawing a console page: the signed-in person's language and words, their name and the
sign-out form in the frame (``console_base.html``), the page's own context inside it."""

from __future__ import annotations

from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from klantreis.core.web.texts import texts_for
from klantreis.staff.signed_in import StaffRequest


def console_page(
    templates: Jinja2Templates,
    request: Request,
    name: str,
    staff: StaffRequest,
    title: str,
    *,
    status: int = 200,
    **context: object,
) -> HTMLResponse:
    language = staff.user.language
    return templates.TemplateResponse(
        request,
        name,
        {
            "lang": language.value,
            "title": title,
            "t": texts_for(language),
            "staff": staff,
            **context,
        },
        status_code=status,
    )
