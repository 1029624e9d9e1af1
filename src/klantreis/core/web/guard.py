"""What every page and answer carries for safety, and the refusal of cross-site forms.

Pages are opened by personal links, without cookies, so a form another site sends in a
customer's browser would act with the link it knows. A state-changing request to a page is
therefore refused unless the browser says it comes from our own pages (``Sec-Fetch-Site``,
or ``Origin`` from browsers that do not send it); a client that is not a browser sends
neither and is no such risk. The API is not concerned: it needs an ``X-API-Key`` header,
which a cross-site form cannot set.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
STATIC = Path(__file__).parent / "static"
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# The API's documentation pages start Swagger UI and ReDoc with a script of their own.
DOCS_POLICY = PAGE_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
DOCS = ("/docs", "/redoc", "/static-offline-docs")
NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'"  # JSON, files: never a document


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def from_our_pages(request: Request, public_base_url: str) -> bool:
    """Whether the browser says the request comes from our own pages. Under our
    ``Referrer-Policy: no-referrer`` a browser sends ``Origin: null`` even for our own forms;
    ``Sec-Fetch-Site`` (which no page can forge) then decides."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is not None:
        ours = {origin_of(public_base_url), origin_of(str(request.base_url))}
        return origin.lower() in ours
    return True  # not a browser: nobody's session to ride on


def install(app: FastAPI, public_base_url: Callable[[Request], str]) -> None:
    """Serve the pages' assets and wrap every answer in the headers below."""
    plotly_js: list[bytes] = []

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_script() -> Response:
        if not plotly_js:  # read once, only if an analyst opens the page
            from plotly.offline import get_plotlyjs

            plotly_js.append(get_plotlyjs().encode())
        return Response(
            plotly_js[0],
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        path = request.url.path
        page_form = request.method not in SAFE_METHODS and not path.startswith("/api/")
        if page_form and not from_our_pages(request, public_base_url(request)):
            return HTMLResponse(
                "<!doctype html><title>Refused</title><p>This form was sent from another "
                "site and has been refused. / Dit formulier kwam van een andere site en is "
                "geweigerd.</p>",
                status_code=403,
            )
        response = await call_next(request)
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "no-referrer")  # links carry tokens
        is_docs = path.startswith(DOCS)
        if not path.startswith("/static"):
            headers.setdefault("Cache-Control", "no-store")
        if response.media_type == "text/html" or headers.get("content-type", "").startswith(
            "text/html"
        ):
            headers.setdefault("Content-Security-Policy", DOCS_POLICY if is_docs else PAGE_POLICY)
        else:
            headers.setdefault("Content-Security-Policy", NOTHING_POLICY)
        return response
