"""Helpers shared by the repositories."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

# SQLite allows 32,766 bound parameters; stay well under for IN lists.
_CHUNK = 900


def ids_by_external_id(
    session: Session, table: Table, external_ids: Iterable[str]
) -> dict[str, str]:
    wanted = list(dict.fromkeys(external_ids))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = session.execute(
            select(table.c.external_id, table.c.id).where(table.c.external_id.in_(chunk))
        )
        found.update({ext: row_id for ext, row_id in rows})
    return found


def bulk_insert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(table), list(rows))


def bulk_update(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Update many rows by primary key ``id`` in one executemany."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != "id"]
    statement = (
        update(table)
        .where(table.c.id == bindparam("_id"))
        .values({c: bindparam(c) for c in columns})
    )
    session.connection().execute(statement, [{**r, "_id": r["id"]} for r in rows])
