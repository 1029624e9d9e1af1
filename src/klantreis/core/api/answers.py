"""Answers given after the request's writes were discarded.

A route that must refuse after it began writing (a window taken meanwhile, a form that
no longer fits the case) raises ``AnswerAfterRollback``: the request's unit of work rolls
back on the way out, and the answer is drawn from a fresh read-only one, so a refusal
never commits half of what was tried and never reads what was rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import Response

from klantreis.core.ports import UnitOfWork

U = TypeVar("U", bound=UnitOfWork)


class AnswerAfterRollback(Exception):  # noqa: N818 (not an error: another answer)
    def __init__(self, answer: Callable[[U], Response]) -> None:
        """``answer`` reads what it needs from the fresh unit of work it is given: the app's,
        which holds every capability's repositories."""
        super().__init__("answered after rolling back the request's writes")
        self.answer: Callable[[Any], Response] = answer


def install(app: FastAPI) -> None:
    # A plain function: Starlette runs it in the thread pool, so its reads do not block
    # the event loop.
    def answer(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AnswerAfterRollback)
        with request.app.state.container.uow_factory(read_only=True) as reading:
            return exc.answer(reading)

    app.add_exception_handler(AnswerAfterRollback, answer)
