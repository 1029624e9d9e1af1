"""Survey answers in storage: one per case, enforced by the primary key."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from klantreis.core.db.repositories._common import upsert_insert
from klantreis.core.db.rows import from_row, to_row
from klantreis.feedback.model import SurveyAnswer
from klantreis.feedback.tables import survey_answers


class SqlSurveyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, answer: SurveyAnswer) -> bool:
        statement = upsert_insert(self._session)(survey_answers).values(to_row(answer))
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
        return from_row(SurveyAnswer, row) if row else None

    def all(self) -> list[SurveyAnswer]:
        rows = self._session.execute(select(survey_answers).order_by(survey_answers.c.answered_at))
        return [from_row(SurveyAnswer, r) for r in rows]
