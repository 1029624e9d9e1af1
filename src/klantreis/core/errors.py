"""Expected business errors; each carries the HTTP status it becomes (problem+json)."""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


class ServiceError(Exception):
    status = 400
    title = "Bad request"
    slug = "bad-request"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(ServiceError):
    status = 404
    title = "Not found"
    slug = "not-found"


def found(value: T | None, kind: str, key: str) -> T:
    """``value``, or ``NotFound`` saying that the ``kind`` called ``key`` does not exist."""
    if value is None:
        raise NotFound(f"{kind} '{key}' does not exist")
    return value


class Forbidden(ServiceError):
    status = 403
    title = "Forbidden"
    slug = "forbidden"


class Unavailable(ServiceError):
    """Something we depend on (a company's identity provider) does not answer."""

    status = 503
    title = "Unavailable"
    slug = "unavailable"


class Conflict(ServiceError):
    status = 409
    title = "Conflict"
    slug = "conflict"


class Unprocessable(ServiceError):
    status = 422
    title = "Unprocessable content"
    slug = "unprocessable"


class ConcurrentUpdate(Conflict):
    """Someone else changed the row between our read and our write."""

    title = "Changed meanwhile"
    slug = "concurrent-update"
