"""One idempotency helper for the API and the booking page: the first answer is stored with
the act, replayed after, and a race lost to a twin request answers with the twin's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.responses import JSONResponse, Response

from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.errors import Unprocessable
from klantreis.scheduling.idempotency import answer_once, fingerprint
from klantreis.scheduling.ports import StoredResponse
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

CLOCK = FixedClock(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # the night the clocks go back
PRINT = fingerprint("book:case-1", {"window_start": "2026-10-27T09:00:00+00:00"})


def _json(stored: StoredResponse) -> Response:
    return JSONResponse(stored.body, status_code=stored.status)


def test_the_first_request_acts_and_a_retry_gets_the_same_answer_without_acting() -> None:
    uow, acted = FakeUnitOfWork(), []

    def act() -> tuple[int, dict[str, object]]:
        acted.append(1)
        return 201, {"booking": len(acted)}

    first = answer_once(uow, CLOCK, "key-1", PRINT, act, _json)
    again = answer_once(uow, CLOCK, "key-1", PRINT, act, _json)
    assert (first.status_code, first.body) == (again.status_code, again.body)
    assert first.status_code == 201 and acted == [1]
    assert uow.committed == 0  # the request commits, not the helper


def test_a_key_reused_for_another_request_is_refused_by_name() -> None:
    uow = FakeUnitOfWork()
    answer_once(uow, CLOCK, "key-1", PRINT, lambda: (201, {}), _json)
    other = fingerprint("book:case-1", {"window_start": "2026-10-28T09:00:00+00:00"})
    with pytest.raises(Unprocessable, match="Idempotency-Key was used for a different request"):
        answer_once(uow, CLOCK, "key-1", other, lambda: (201, {}), _json)


def test_a_race_lost_to_a_twin_rolls_back_and_answers_with_the_twin_s_answer() -> None:
    uow = FakeUnitOfWork()
    twin = StoredResponse(PRINT, 201, {"booking": "the twin's"})
    uow.idempotency.taken_by_a_twin["key-1"] = twin
    with pytest.raises(AnswerAfterRollback) as lost:
        answer_once(uow, CLOCK, "key-1", PRINT, lambda: (201, {"booking": "mine"}), _json)
    after_rollback = FakeUnitOfWork()  # what a fresh read sees: the twin's stored answer
    after_rollback.idempotency.answers["key-1"] = twin
    answer = lost.value.answer(after_rollback)
    assert answer.status_code == 201 and b"the twin's" in answer.body
