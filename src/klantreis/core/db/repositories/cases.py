"""Service cases and their history in storage; moves are checked against the version."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from klantreis.core.case import (
    OPEN_STATES,
    CaseAction,
    CaseOrigin,
    CaseState,
    Findings,
    ServiceCase,
    Transition,
)
from klantreis.core.case_board import BoardRow, CaseFilter
from klantreis.core.db.rows import from_row, to_row
from klantreis.core.db.tables import case_transitions, customers, devices, service_cases
from klantreis.core.errors import ConcurrentUpdate


def _case_to_row(c: ServiceCase) -> dict[str, Any]:
    return {
        **to_row(c, skip=("required_skills", "findings", "history")),
        "required_skills": sorted(c.required_skills),
        "findings": None if c.findings is None else _findings_to_json(c.findings),
    }


def _findings_to_json(f: Findings) -> dict[str, Any]:
    return {
        **asdict(f),
        "parts": list(f.parts),
        "explanation": list(f.explanation),
        "fix_before": f.fix_before.isoformat() if f.fix_before else None,
    }


def _json_to_findings(data: dict[str, Any] | None) -> Findings | None:
    if data is None:
        return None
    fix_before = data.get("fix_before")
    return Findings(
        **{
            **data,
            "parts": tuple(data["parts"]),
            "explanation": tuple(data["explanation"]),
            "fix_before": date.fromisoformat(fix_before) if fix_before else None,
        }
    )


def _row_to_case(r: Any, history: list[Transition]) -> ServiceCase:
    given = {
        "required_skills": frozenset(r.required_skills),
        "findings": _json_to_findings(r.findings),
        "history": history,
    }
    return from_row(ServiceCase, r, given)


class SqlCaseRepository:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._stored_history: dict[str, int] = {}

    def get(self, case_id: str, *, for_update: bool = False) -> ServiceCase | None:
        query = select(service_cases).where(service_cases.c.id == case_id)
        if for_update:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        if row is None:
            return None
        history = [
            Transition(
                CaseAction(t.action), CaseState(t.from_state), CaseState(t.to_state), t.at, t.reason
            )
            for t in self._session.execute(
                select(case_transitions)
                .where(case_transitions.c.case_id == case_id)
                .order_by(case_transitions.c.id)
            )
        ]
        self._stored_history[case_id] = len(history)
        return _row_to_case(row, history)

    def list(
        self,
        offset: int,
        limit: int,
        state: CaseState | None = None,
        customer_id: str | None = None,
        among: Collection[str] | None = None,
    ) -> Sequence[ServiceCase]:
        query = select(service_cases).order_by(service_cases.c.opened_at, service_cases.c.id)
        if among is not None:  # a technician's reach: a few dozen cases at most
            query = query.where(service_cases.c.id.in_(list(among)))
        if state is not None:
            query = query.where(service_cases.c.state == state.value)
        if customer_id is not None:
            query = query.where(service_cases.c.customer_id == customer_id)
        rows = self._session.execute(query.offset(offset).limit(limit))
        return [_row_to_case(r, []) for r in rows]

    def open_cases_by_device(self, device_ids: Iterable[str]) -> dict[str, str]:
        wanted = list(set(device_ids))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 1000):
            rows = self._session.execute(
                select(service_cases.c.device_id, service_cases.c.id).where(
                    service_cases.c.device_id.in_(wanted[start : start + 1000]),
                    service_cases.c.state.in_([s.value for s in OPEN_STATES]),
                )
            )
            found.update({device_id: case_id for device_id, case_id in rows})
        return found

    def board(
        self, filters: CaseFilter, after: tuple[datetime, str] | None, limit: int
    ) -> Sequence[BoardRow]:
        c, k, d = service_cases.c, customers.c, devices.c
        query = (
            select(
                c.id,
                c.opened_at,
                c.state,
                c.origin,
                c.urgent,
                c.summary,
                c.customer_id,
                k.surname,
                k.postcode,
                k.city,
                d.serial,
            )
            .join(customers, customers.c.id == c.customer_id)
            .outerjoin(devices, devices.c.id == c.device_id)
            .order_by(c.opened_at.desc(), c.id.desc())
            .limit(limit)
        )
        if filters.state is not None:
            query = query.where(c.state == filters.state.value)
        if filters.origin is not None:
            query = query.where(c.origin == filters.origin.value)
        if filters.urgent is not None:
            query = query.where(c.urgent == filters.urgent)
        if filters.postcode_prefix:
            query = query.where(k.postcode.startswith(filters.postcode_prefix, autoescape=True))
        if filters.opened_before is not None:
            query = query.where(c.opened_at < filters.opened_before)
        if filters.text:
            # What the planner typed is text, not a pattern: its % and _ are matched as such.
            typed = filters.text.lower().replace("\\", "\\\\")
            typed = typed.replace("%", "\\%").replace("_", "\\_")
            wanted = f"%{typed}%"
            query = query.where(
                or_(
                    func.lower(k.surname).like(wanted, escape="\\"),
                    func.lower(k.postcode).like(wanted, escape="\\"),
                    func.lower(d.serial).like(wanted, escape="\\"),
                )
            )
        if after is not None:
            at, case_id = after
            query = query.where(or_(c.opened_at < at, and_(c.opened_at == at, c.id < case_id)))
        return [
            BoardRow(
                r.id,
                r.opened_at,
                CaseState(r.state),
                CaseOrigin(r.origin),
                r.urgent,
                r.summary,
                r.customer_id,
                r.surname,
                r.postcode,
                r.city,
                r.serial or "",
            )
            for r in self._session.execute(query)
        ]

    def add(self, case: ServiceCase) -> None:
        self._session.execute(insert(service_cases).values(_case_to_row(case)))
        self._stored_history[case.id] = 0
        self._append_history(case)

    def save(self, case: ServiceCase, expected_version: int) -> None:
        values = _case_to_row(case)
        del values["id"]
        result = self._session.execute(
            update(service_cases)
            .where(service_cases.c.id == case.id, service_cases.c.version == expected_version)
            .values(values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(f"case {case.id} was changed meanwhile; reload and retry")
        self._append_history(case)

    def _append_history(self, case: ServiceCase) -> None:
        stored = self._stored_history.get(case.id, 0)
        fresh = case.history[stored:]
        if fresh:
            self._session.execute(
                insert(case_transitions),
                [
                    {
                        "case_id": case.id,
                        "action": t.action.value,
                        "from_state": t.from_state.value,
                        "to_state": t.to_state.value,
                        "at": t.at,
                        "reason": t.reason,
                    }
                    for t in fresh
                ],
            )
        self._stored_history[case.id] = len(case.history)
