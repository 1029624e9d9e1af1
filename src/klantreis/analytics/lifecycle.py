"""Service-lifecycle figures and pain points, from the cases, their history and the event log.

Pain points are ranked by how many units they touch: a step where many drop out, a wait that
is long for many, customers who had to contact us more than once, visits rated low.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
from sqlalchemy import Engine, select

from klantreis.analytics.engine import Funnel
from klantreis.analytics.source import read_frame
from klantreis.core.db.tables import case_transitions, service_cases
from klantreis.feedback.tables import survey_answers
from klantreis.inbound.tables import inbound_messages

LONG_WAIT_HOURS = 48.0


@dataclass(frozen=True, slots=True)
class Lifecycle:
    cases: int
    visited: int
    median_hours_to_visit: float | None
    first_time_fix_rate: float | None
    no_access_rate: float | None
    reschedule_rate: float | None


@dataclass(frozen=True, slots=True)
class PainPoint:
    key: str  # stable, for linking roadmap initiatives
    kind: str  # drop_off | long_wait | repeated_contact | low_score
    where: str
    units: int  # how many it touches: the ranking
    detail: str


def lifecycle(engine: Engine) -> Lifecycle:
    cases = read_frame(
        engine,
        select(service_cases.c.id, service_cases.c.opened_at, service_cases.c.reschedule_count),
    )
    if cases.empty:  # an empty frame has no column types for DuckDB to reason with
        return Lifecycle(0, 0, None, None, None, None)
    db = duckdb.connect()
    db.register("cases", cases)
    db.register(
        "moves",
        read_frame(
            engine,
            select(case_transitions.c.case_id, case_transitions.c.action, case_transitions.c.at),
        ),
    )
    row = db.execute(
        """
        WITH per_case AS (
            SELECT c.id, c.opened_at, c.reschedule_count,
                   min(m.at) FILTER (WHERE m.action = 'arrive') AS arrived,
                   count(*) FILTER (WHERE m.action = 'book') > 0 AS booked,
                   count(*) FILTER (WHERE m.action = 'resolve') AS resolved,
                   count(*) FILTER (WHERE m.action = 'require_follow_up') AS follow_ups,
                   count(*) FILTER (WHERE m.action = 'report_no_show') AS no_shows
            FROM cases c LEFT JOIN moves m ON m.case_id = c.id GROUP BY ALL
        )
        SELECT count(*), count(arrived),
               median(epoch(arrived - opened_at) / 3600.0),
               count(*) FILTER (WHERE resolved > 0 AND follow_ups = 0)
                   / nullif(count(*) FILTER (WHERE resolved > 0 OR follow_ups > 0), 0),
               -- every visit ends resolved, needing a follow-up, or with nobody home (the
               -- technician may or may not have recorded arriving first)
               sum(no_shows) / nullif(sum(resolved) + sum(follow_ups) + sum(no_shows), 0),
               count(*) FILTER (WHERE reschedule_count > 0)
                   / nullif(count(*) FILTER (WHERE booked), 0)
        FROM per_case
        """
    ).fetchone()
    assert row is not None
    cases, visited, hours, fix, no_access, reschedule = row
    return Lifecycle(
        int(cases),
        int(visited),
        _round(hours),
        _round(fix, 3),
        _round(no_access, 3),
        _round(reschedule, 3),
    )


def pain_points(engine: Engine, funnel: Funnel, limit: int = 10) -> list[PainPoint]:
    found: list[PainPoint] = []
    for before, step in zip(funnel.steps, funnel.steps[1:], strict=False):
        lost = before.units - step.units
        if lost > 0:
            found.append(
                PainPoint(
                    f"drop:{step.touchpoint}",
                    "drop_off",
                    f"{before.touchpoint} -> {step.touchpoint}",
                    lost,
                    f"{lost} of {before.units} do not get to {step.touchpoint}",
                )
            )
        if step.median_hours_from_previous and step.median_hours_from_previous >= LONG_WAIT_HOURS:
            found.append(
                PainPoint(
                    f"wait:{step.touchpoint}",
                    "long_wait",
                    f"before {step.touchpoint}",
                    step.units,
                    f"median wait {step.median_hours_from_previous:.0f} h "
                    f"(p75 {step.p75_hours:.0f} h)",
                )
            )
    contacts = read_frame(engine, select(inbound_messages.c.case_id, inbound_messages.c.intent))
    repeated = contacts.dropna().groupby("case_id").size()
    if int((repeated > 1).sum()):
        found.append(
            PainPoint(
                "contact:repeated",
                "repeated_contact",
                "inbound messages",
                int((repeated > 1).sum()),
                f"{int((repeated > 1).sum())} cases needed more than one message from the customer",
            )
        )
    scores = read_frame(engine, select(survey_answers.c.nps))
    low = int((scores["nps"] <= 6).sum()) if not scores.empty else 0
    if low:
        found.append(
            PainPoint(
                "score:detractors", "low_score", "survey", low, f"{low} visits rated 6 or lower"
            )
        )
    return sorted(found, key=lambda p: -p.units)[:limit]


def _round(value: object, digits: int = 1) -> float | None:
    return None if value is None else round(float(value), digits)  # type: ignore[arg-type]
