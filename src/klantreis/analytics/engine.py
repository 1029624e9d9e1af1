"""Funnels and paths over the journey event log, computed by DuckDB in memory.

Events arrive as a pandas frame (from the database, an import, or the benchmark's generator)
with one row per event: unit (customer or case), touchpoint, channel, time, and the
dimensions a funnel can be broken down by (persona, region, device model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

DIMENSIONS = ("persona", "channel", "region", "device_model", "period")
COLUMNS = ("unit", "touchpoint", "channel", "occurred_at", "persona", "region", "device_model")


@dataclass(frozen=True, slots=True)
class FunnelStep:
    touchpoint: str
    units: int
    conversion_from_previous: float | None
    conversion_from_start: float
    median_hours_from_previous: float | None
    p25_hours: float | None
    p75_hours: float | None


@dataclass(frozen=True, slots=True)
class Funnel:
    group: str  # the breakdown value, or "all"
    steps: list[FunnelStep]


class JourneyAnalytics:
    def __init__(self, threads: int | None = None) -> None:
        self.db = duckdb.connect()
        if threads:
            self.db.execute(f"SET threads = {int(threads)}")

    def load(self, events: pd.DataFrame) -> int:
        missing = sorted(set(COLUMNS) - set(events.columns))
        if missing:
            raise ValueError(f"events lack column(s) {', '.join(missing)}")
        self.db.register("incoming", events)
        self.db.execute(
            "CREATE OR REPLACE TABLE events AS SELECT unit, touchpoint, channel, "
            "CAST(occurred_at AS TIMESTAMP) AS occurred_at, persona, region, device_model, "
            "strftime(occurred_at, '%Y-%m') AS period FROM incoming"
        )
        self.db.unregister("incoming")
        self._summarise()
        return int(self.db.execute("SELECT count(*) FROM events").fetchone()[0])  # type: ignore[index]

    def _summarise(self) -> None:
        """One row per unit with its first and last time at every touchpoint: funnels read
        this instead of every event (like a materialized view, rebuilt on load)."""
        self.touchpoints = [
            str(t) for (t,) in self.db.execute("SELECT DISTINCT touchpoint FROM events").fetchall()
        ]
        columns = ", ".join(
            f"min(occurred_at) FILTER (WHERE touchpoint = ${i + 1}) AS f{i}, "
            f"max(occurred_at) FILTER (WHERE touchpoint = ${i + 1}) AS l{i}"
            for i in range(len(self.touchpoints))
        )
        self.db.execute(
            "CREATE OR REPLACE TABLE unit_steps AS SELECT unit, arg_min(channel, occurred_at) "
            "AS channel, first(persona) AS persona, first(region) AS region, "
            "first(device_model) AS device_model, min(period) AS period, "
            f"{columns} FROM events GROUP BY unit",
            self.touchpoints,
        )

    def funnel(self, steps: Sequence[str], by: str | None = None) -> list[Funnel]:
        """Each unit's first step 1, then its first step k at or after step k-1; per group.

        The unit summary built at load holds each unit's first and last time per touchpoint,
        which settles almost every unit; one whose first time at a step lies before the step
        before while a later one does not (a step repeated, as in a re-booking) is worked out
        exactly from all its events.
        """
        if len(steps) < 2:
            raise ValueError("a funnel needs at least two steps")
        if len(set(steps)) != len(steps):
            raise ValueError("a funnel names each step once")
        if by is not None and by not in DIMENSIONS:
            raise ValueError(f"cannot break down by '{by}' (choose from {', '.join(DIMENSIONS)})")
        n = len(steps)
        if any(step not in self.touchpoints for step in steps):
            missing = sorted(set(steps) - set(self.touchpoints))
            raise ValueError(f"no events for step(s) {', '.join(missing)}")
        column = {step: self.touchpoints.index(step) for step in steps}
        group = by or "'all'"

        def first(k: int, table: str = "") -> str:
            return f"{table}f{column[steps[k]]}"

        def last(k: int, table: str = "") -> str:
            return f"{table}l{column[steps[k]]}"

        # A unit reached step k on the fast path when its first times are in order up to k;
        # flat expressions, because chained column aliases are inlined and grow per step.
        def in_order(k: int, table: str = "") -> str:
            pairs = [f"{first(j - 1, table)} <= {first(j, table)}" for j in range(1, k + 1)]
            return " AND ".join(pairs) or "true"

        # Units that repeat a step around the one before (a re-booking) are worked out exactly.
        def unsure(table: str = "") -> str:
            return " OR ".join(
                f"coalesce({in_order(k - 1, table)} AND {first(k, table)} < {first(k - 1, table)}"
                f" AND {last(k, table)} >= {first(k - 1, table)}, false)"
                for k in range(1, n)
            )

        fast = [f"{first(0)} AS t0"] + [
            f"CASE WHEN coalesce({in_order(k)}, false) THEN {first(k)} END AS t{k}"
            for k in range(1, n)
        ]
        marks = ", ".join(f"${k + 1}" for k in range(n))
        lists = ", ".join(
            f"list(occurred_at) FILTER (WHERE touchpoint = ${k + 1}) AS l{k}" for k in range(n)
        )
        exact = ["grp", "list_min(l0) AS t0"] + [
            f"list_min(list_filter(l{k}, lambda x: x >= t{k - 1})) AS t{k}" for k in range(1, n)
        ]
        selects = ["grp", "count(t0) AS n0"]
        for k in range(1, n):
            delta = f"epoch(t{k} - t{k - 1}) / 3600.0"
            selects += [f"count(t{k})", f"quantile_cont({delta}, [0.5, 0.25, 0.75])"]
        query = f"""
            WITH timed AS (
                SELECT {group} AS grp, {", ".join(fast)} FROM unit_steps
                WHERE {first(0)} IS NOT NULL AND NOT ({unsure()})
                UNION ALL
                SELECT {", ".join(exact)} FROM (
                    SELECT e.unit, first({f"u.{by}" if by else group}) AS grp, {lists}
                    FROM events e JOIN unit_steps u ON u.unit = e.unit
                        AND {first(0, "u.")} IS NOT NULL AND ({unsure("u.")})
                    WHERE e.touchpoint IN ({marks}) GROUP BY e.unit
                )
            )
            SELECT {", ".join(selects)} FROM timed GROUP BY grp ORDER BY grp
        """
        rows = self.db.execute(query, list(steps)).fetchall()
        funnels = []
        for row in rows:
            start = int(row[1])
            result = [FunnelStep(steps[0], start, None, 1.0, None, None, None)]
            previous = start
            for k in range(1, n):
                reached, quartiles = row[2 + (k - 1) * 2 : 4 + (k - 1) * 2]
                median, p25, p75 = quartiles or (None, None, None)
                result.append(
                    FunnelStep(
                        steps[k],
                        int(reached),
                        round(reached / previous, 4) if previous else 0.0,
                        round(reached / start, 4) if start else 0.0,
                        _hours(median),
                        _hours(p25),
                        _hours(p75),
                    )
                )
                previous = reached
            funnels.append(Funnel(str(row[0]), result))
        return funnels

    def paths(self, depth: int = 5, limit: int = 60) -> list[tuple[str, str, int]]:
        """The most travelled steps from one touchpoint to the next, as (from, to, units)."""
        query = f"""
            WITH ordered AS (
                SELECT unit, touchpoint,
                       row_number() OVER (PARTITION BY unit ORDER BY occurred_at) AS position
                FROM events
            ), steps AS (
                SELECT a.position, a.touchpoint AS source, b.touchpoint AS target
                FROM ordered a JOIN ordered b ON a.unit = b.unit AND b.position = a.position + 1
                WHERE a.position < {int(depth)}
            )
            SELECT position || '. ' || source, (position + 1) || '. ' || target, count(*) AS n
            FROM steps GROUP BY ALL ORDER BY n DESC LIMIT {int(limit)}
        """
        return [(str(s), str(t), int(n)) for s, t, n in self.db.execute(query).fetchall()]


def _hours(value: object) -> float | None:
    return None if value is None else round(float(value), 2)  # type: ignore[arg-type]
