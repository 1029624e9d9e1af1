"""Drawing a console page: the signed-in person's language and words, their name and the
sign-out form in the frame (``console_base.html``), the page's own context inside it."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi.responses import HTMLResponse, RedirectResponse
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


def saved(path: str, notice: str, **query: str) -> RedirectResponse:
    """Back to a console page after a form (303, so a reload does not send it again), with
    what was done said on it (``?saved=``)."""
    given = {name: value for name, value in query.items() if value}
    return RedirectResponse(f"{path}?{urlencode({**given, 'saved': notice})}", status_code=303)
