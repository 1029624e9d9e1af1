"""Drawing a console page: the signed-in person's language and words, their name and the
sign-out form in the frame (``console_base.html``), the page's own context inside it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
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


def saved(path: str, text_key: str, **query: str) -> RedirectResponse:
    """Back to a console page after a form (303, so a reload does not send it again), with
    what was done said on it: ``?saved=`` names one of the page's texts, never carries the
    text itself (a link could otherwise make the console say anything)."""
    given = {name: value for name, value in query.items() if value}
    return RedirectResponse(f"{path}?{urlencode({**given, 'saved': text_key})}", status_code=303)


def notice_of(
    request: Request, t: Mapping[str, str], text_keys: Collection[str], **values: str
) -> str:
    """The page's own words for what was just done, if ``?saved=`` names one of them."""
    key = request.query_params.get("saved", "")
    return t[key].format(**values) if key in text_keys else ""
