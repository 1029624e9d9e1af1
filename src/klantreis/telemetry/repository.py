"""Telemetry readings in storage: COPY into a staging table on PostgreSQL, batched inserts on
SQLite; a reading already stored (same device, same moment) is skipped on both."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session

from klantreis.core.db.repositories._common import _CHUNK
from klantreis.core.db.tables import devices
from klantreis.core.device import DeviceKind
from klantreis.telemetry.ports import StoreOutcome
from klantreis.telemetry.readings import Reading
from klantreis.telemetry.tables import telemetry_readings as readings_table

_COLUMNS = ("device_id", "measured_at", "sensor_values", "fault_code")
_COLUMN_LIST = ", ".join(_COLUMNS)


def _row(r: Reading) -> tuple[Any, ...]:
    return (r.device_id, r.measured_at, dict(r.values), r.fault_code)


def _reading(row: Any) -> Reading:
    # A null is a sensor that did not report (readings migrated from the boiler columns).
    values = {k: float(v) for k, v in (row.sensor_values or {}).items() if v is not None}
    return Reading(row.device_id, row.measured_at, values, row.fault_code)


class SqlTelemetryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def store(self, readings: Sequence[Reading]) -> StoreOutcome:
        if not readings:
            return StoreOutcome(0, [])
        if self._session.get_bind().dialect.name == "postgresql":
            return self._copy_postgres(readings)
        return self._insert_new(readings)

    def _copy_postgres(self, readings: Sequence[Reading]) -> StoreOutcome:
        # COPY is several times faster than multi-row INSERT; the staging table lets
        # ON CONFLICT skip the replayed readings and RETURNING name the ones that are new.
        driver = self._session.connection().connection.driver_connection
        with driver.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS telemetry_staging "
                "(LIKE telemetry_readings) ON COMMIT DELETE ROWS"
            )
            with cursor.copy(f"COPY telemetry_staging ({_COLUMN_LIST}) FROM STDIN") as copy:
                for r in readings:
                    copy.write_row((r.device_id, r.measured_at, json.dumps(r.values), r.fault_code))
            cursor.execute(
                f"INSERT INTO telemetry_readings ({_COLUMN_LIST}) "
                f"SELECT {_COLUMN_LIST} FROM telemetry_staging "
                "ON CONFLICT DO NOTHING RETURNING device_id, measured_at, fault_code"
            )
            inserted = cursor.fetchall()
            cursor.execute("DELETE FROM telemetry_staging")
        fresh_faults = {(d, at) for d, at, code in inserted if code is not None}
        by_key = {r.key: r for r in readings if r.fault_code is not None}
        return StoreOutcome(len(inserted), [by_key[key] for key in fresh_faults if key in by_key])

    def _insert_new(self, readings: Sequence[Reading]) -> StoreOutcome:
        # SQLite runs one writer at a time (BEGIN IMMEDIATE), so "not stored yet" checked here
        # still holds when the insert runs.
        stored = self._stored_keys(readings)
        new = [r for r in readings if r.key not in stored]
        if new:
            self._session.execute(
                insert(readings_table), [dict(zip(_COLUMNS, _row(r), strict=True)) for r in new]
            )
        return StoreOutcome(len(new), [r for r in new if r.fault_code is not None])

    def _stored_keys(self, readings: Sequence[Reading]) -> set[tuple[str, datetime]]:
        first = min(r.measured_at for r in readings)
        last = max(r.measured_at for r in readings)
        device_ids = sorted({r.device_id for r in readings})
        stored: set[tuple[str, datetime]] = set()
        for start in range(0, len(device_ids), _CHUNK):
            rows = self._session.execute(
                select(readings_table.c.device_id, readings_table.c.measured_at).where(
                    readings_table.c.device_id.in_(device_ids[start : start + _CHUNK]),
                    readings_table.c.measured_at.between(first, last),
                )
            )
            stored.update((device_id, at) for device_id, at in rows)
        return stored

    def window(self, device_ids: Iterable[str], since: datetime) -> dict[str, list[Reading]]:
        wanted = sorted(set(device_ids))
        found: dict[str, list[Reading]] = defaultdict(list)
        columns = [readings_table.c[name] for name in _COLUMNS]
        for start in range(0, len(wanted), _CHUNK):
            rows = self._session.execute(
                select(*columns)
                .where(
                    readings_table.c.device_id.in_(wanted[start : start + _CHUNK]),
                    readings_table.c.measured_at >= since,
                )
                .order_by(readings_table.c.device_id, readings_table.c.measured_at)
            )
            for row in rows:
                found[row.device_id].append(_reading(row))
        return dict(found)

    def _of_kind(self, query: Select[Any], kind: DeviceKind | None) -> Select[Any]:
        if kind is None:
            return query
        return query.where(
            readings_table.c.device_id.in_(select(devices.c.id).where(devices.c.kind == kind.value))
        )

    def devices_reporting(self, since: datetime, kind: DeviceKind | None = None) -> list[str]:
        query = select(readings_table.c.device_id).where(readings_table.c.measured_at >= since)
        return list(
            self._session.scalars(
                self._of_kind(query, kind).distinct().order_by(readings_table.c.device_id)
            )
        )

    def devices_with_faults(self, since: datetime, kind: DeviceKind) -> set[str]:
        c = readings_table.c
        query = select(c.device_id).where(c.measured_at >= since, c.fault_code.is_not(None))
        return set(self._session.scalars(self._of_kind(query, kind).distinct()))

    def exposure(self, since: datetime, kind: DeviceKind | None = None) -> tuple[int, float]:
        """(devices that reported a fault, device-days observed) since ``since``: the scored
        fleet's own failure rate. A device in lockout repeats its code on every reading; it
        counts once."""
        c = readings_table.c
        faults = self._session.scalar(
            self._of_kind(
                select(func.count(func.distinct(c.device_id))).where(
                    c.measured_at >= since, c.fault_code.is_not(None)
                ),
                kind,
            )
        )
        spans = self._session.execute(
            self._of_kind(
                select(func.min(c.measured_at), func.max(c.measured_at)).where(
                    c.measured_at >= since
                ),
                kind,
            ).group_by(c.device_id)
        )
        days = sum((last - first).total_seconds() / 86_400 for first, last in spans)
        return int(faults or 0), float(days)

    def prune(self, before: datetime) -> int:
        result = self._session.execute(
            delete(readings_table).where(readings_table.c.measured_at < before)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(readings_table)) or 0)
