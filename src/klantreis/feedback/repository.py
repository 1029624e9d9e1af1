"""Survey answers in storage: one per case, enforced by the primary key."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from klantreis.core.db.repositories._common import upsert_insert
from klantreis.feedback.model import SurveyAnswer
from klantreis.feedback.tables import survey_answers


def _answer(r: Any) -> SurveyAnswer:
    return SurveyAnswer(
        r.case_id,
        r.customer_id,
        r.answered_at,
        r.nps,
        r.ces,
        r.comment,
        r.better_company,
        r.better_how,
    )


class SqlSurveyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, answer: SurveyAnswer) -> bool:
        statement = upsert_insert(self._session)(survey_answers).values(
            case_id=answer.case_id,
            customer_id=answer.customer_id,
            answered_at=answer.answered_at,
            nps=answer.nps,
            ces=answer.ces,
            comment=answer.comment,
            better_company=answer.better_company,
            better_how=answer.better_how,
        )
        # RETURNING tells whether a row went in: rowcount is not reliable for ON CONFLICT
        # on every driver (psycopg reports -1 here).
        inserted = self._session.execute(
            statement.on_conflict_do_nothing().returning(survey_answers.c.case_id)
        ).first()
        return inserted is not None

    def for_case(self, case_id: str) -> SurveyAnswer | None:
        row = self._session.execute(
            select(survey_answers).where(survey_answers.c.case_id == case_id)
        ).first()
        return _answer(row) if row else None

    def all(self) -> list[SurveyAnswer]:
        rows = self._session.execute(select(survey_answers).order_by(survey_answers.c.answered_at))
        return [_answer(r) for r in rows]
