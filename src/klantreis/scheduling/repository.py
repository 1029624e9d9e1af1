"""Planner's day rules, idempotency records and customers' calendar links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from klantreis.core.db.repositories._common import upsert_insert
from klantreis.core.time_window import TimeWindow
from klantreis.scheduling.availability import DayRule, RuleKind
from klantreis.scheduling.ports import CalendarLink, DuplicateKey, StoredResponse
from klantreis.scheduling.tables import area_weekdays, calendar_links, day_rules, idempotency_keys


class SqlDayRuleRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, rule: DayRule) -> None:
        self._session.execute(
            insert(day_rules).values(
                id=rule.id,
                day=rule.day,
                kind=rule.kind.value,
                postcode_prefixes=sorted(rule.postcode_prefixes),
                note=rule.note,
            )
        )

    def between(self, first: date, last: date) -> Sequence[DayRule]:
        rows = self._session.execute(
            select(day_rules)
            .where(day_rules.c.day >= first, day_rules.c.day <= last)
            .order_by(day_rules.c.day)
        )
        return [
            DayRule(r.id, r.day, RuleKind(r.kind), frozenset(r.postcode_prefixes), r.note)
            for r in rows
        ]

    def remove(self, rule_id: str) -> bool:
        result = self._session.execute(delete(day_rules).where(day_rules.c.id == rule_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def area_weekdays(self) -> dict[str, frozenset[int]]:
        rows = self._session.execute(select(area_weekdays.c.prefix, area_weekdays.c.weekdays))
        return {r.prefix: frozenset(r.weekdays) for r in rows}

    def set_area_weekdays(self, prefix: str, weekdays: frozenset[int], at: datetime) -> None:
        values = {"prefix": prefix, "weekdays": sorted(weekdays), "set_at": at}
        statement = upsert_insert(self._session)(area_weekdays).values(values)
        self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["prefix"],
                set_={"weekdays": values["weekdays"], "set_at": at},
            )
        )

    def remove_area_weekdays(self, prefix: str) -> bool:
        result = self._session.execute(
            delete(area_weekdays).where(area_weekdays.c.prefix == prefix)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


class SqlIdempotencyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> StoredResponse | None:
        row = self._session.execute(
            select(idempotency_keys).where(idempotency_keys.c.key == key)
        ).first()
        return StoredResponse(row.fingerprint, row.status, row.body) if row else None

    def add(self, key: str, response: StoredResponse, at: datetime) -> None:
        try:
            with self._session.begin_nested():
                self._session.execute(
                    insert(idempotency_keys).values(
                        key=key,
                        fingerprint=response.fingerprint,
                        status=response.status,
                        body=response.body,
                        created_at=at,
                    )
                )
        except IntegrityError as exc:
            raise DuplicateKey(key) from exc


class SqlCalendarLinkRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, customer_id: str) -> CalendarLink | None:
        row = self._session.execute(
            select(calendar_links).where(calendar_links.c.customer_id == customer_id)
        ).first()
        if row is None:
            return None
        busy = [
            TimeWindow(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in row.busy
        ]
        return CalendarLink(
            row.customer_id, row.kind, row.url, row.username, row.secret, busy, row.checked_at
        )

    def put(self, link: CalendarLink) -> None:
        self.remove(link.customer_id)
        self._session.execute(
            insert(calendar_links).values(
                customer_id=link.customer_id,
                kind=link.kind,
                url=link.url,
                username=link.username,
                secret=link.secret,
                busy=[[w.start.isoformat(), w.end.isoformat()] for w in link.busy],
                checked_at=link.checked_at,
            )
        )

    def remove(self, customer_id: str) -> bool:
        result = self._session.execute(
            delete(calendar_links).where(calendar_links.c.customer_id == customer_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def secrets(self) -> dict[str, str]:
        rows = self._session.execute(select(calendar_links.c.customer_id, calendar_links.c.secret))
        return {r.customer_id: r.secret for r in rows}

    def replace_secret(self, customer_id: str, secret: str) -> None:
        self._session.execute(
            update(calendar_links)
            .where(calendar_links.c.customer_id == customer_id)
            .values(secret=secret)
        )
