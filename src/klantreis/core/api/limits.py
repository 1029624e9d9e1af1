"""Limits applied before a request reaches its route: the size of its body, and what access
logs may show of its path.

A body is refused from its declared length, or as soon as more arrives than its route takes,
before any of it is parsed and before the key is looked at: a stranger cannot make us read
100 MB. Personal links are tokens in the path, so access logs show a short hash instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from typing import Any

from klantreis.core.link_paths import Page

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_LIMIT = 1_000_000
# Paths whose bodies may be larger (imports are limited by their own setting).
LARGER = {
    f"{Page.BOOKING.prefix}/": 3_000_000,
    "/api/v1/devices/": 10_000_000,
    "/api/v1/telemetry": 10_000_000,
    "/staff/technician/": 6_000_000,  # a note with a photo (5 MB at most, checked there)
}
# /b/<token>, /v/<token>, /c/<secret>, ..., a staff member's password-reset secret, and the
# code an identity provider sends back (single-use, but still nobody's business).
TOKEN_IN_PATH = re.compile(
    rf"^(/[{''.join(sorted(Page))}]/|/staff/password-reset/)[^/?#\s]{{8,}}"
    r"|^(/staff/sign-in/oidc/callback\?)\S{8,}"
)


def limit_for(path: str, import_bytes: int) -> int:
    if path.startswith("/api/v1/imports"):
        return import_bytes
    return next((size for prefix, size in LARGER.items() if path.startswith(prefix)), DEFAULT_LIMIT)


class BodyLimit:
    """ASGI middleware: 413 problem+json for a body over its route's limit."""

    def __init__(self, app: Any, import_bytes: Callable[[], int]) -> None:
        self.app = app
        self.import_bytes = import_bytes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"], self.import_bytes())
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        received = 0
        started = refused = False

        async def counted() -> Any:
            """The body as it arrives; past the limit the client is answered 413 and the
            route is told the client left, so it stops reading."""
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    if not started:
                        await _refuse(send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def watched(message: Any) -> None:
            nonlocal started
            if refused:
                return  # the answer was the 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counted, watched)


async def _refuse(send: Any, limit: int) -> None:
    body = json.dumps(
        {
            "type": "https://klantreis.dev/problems/too-large",
            "title": "Request too large",
            "status": 413,
            "detail": f"this request may carry at most {limit} bytes",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def redact(path: str) -> str:
    """The path with a link's token replaced by a short hash of it: log lines of one link
    can still be told apart from another's, and the token cannot be read back."""
    return TOKEN_IN_PATH.sub(
        lambda m: (
            f"{m.group(1) or m.group(2)}~{hashlib.sha256(m.group(0).encode()).hexdigest()[:10]}"
        ),
        path,
    )


class RedactTokens(logging.Filter):
    """For uvicorn's access log, whose arguments are (client, method, path, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact(args[2]), *args[3:])
        return True


def redact_access_logs() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactTokens) for f in access.filters):
        access.addFilter(RedactTokens())
