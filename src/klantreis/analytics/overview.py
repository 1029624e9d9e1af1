"""Everything the analysts' page shows, gathered in one place (the page only draws it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from klantreis.analytics.engine import Funnel, JourneyAnalytics
from klantreis.analytics.lifecycle import Lifecycle, PainPoint, lifecycle, pain_points
from klantreis.analytics.roadmap import Initiative
from klantreis.analytics.roadmap_file import load_roadmap
from klantreis.analytics.source import event_frame
from klantreis.core.journey import JourneyTouchpoint
from klantreis.experiments.analysis import Report, analyse
from klantreis.experiments.registry import Declared, load_experiments
from klantreis.experiments.source import experiment_counts

T = JourneyTouchpoint
SERVICE_FUNNEL = tuple(
    t.value
    for t in (
        T.CASE_OPENED,
        T.CASE_INVITE,
        T.CASE_BOOK,
        T.CASE_PLAN,
        T.CASE_DEPART,
        T.CASE_ARRIVE,
        T.CASE_RESOLVE,
    )
)


@dataclass(frozen=True)
class Overview:
    lifecycle: Lifecycle
    funnels: list[Funnel]
    paths: list[tuple[str, str, int]]
    pains: list[PainPoint]
    roadmap: list[tuple[Initiative, list[str]]]  # with the pain points it addresses now
    experiments: list[tuple[Declared, Report]]


def service_funnels(
    engine: Engine, by: str | None, steps: Sequence[str] = SERVICE_FUNNEL
) -> tuple[JourneyAnalytics, list[Funnel]]:
    """The funnel as far as the log has its steps (a young log lacks the later ones)."""
    analytics = JourneyAnalytics()
    frame = event_frame(engine)
    if frame.empty:
        return analytics, []
    analytics.load(frame)
    present = [s for s in steps if s in analytics.touchpoints]
    if len(present) < 2 or present[0] != steps[0]:
        return analytics, []
    return analytics, analytics.funnel(present, by=by)


def overview(engine: Engine, by: str | None) -> Overview:
    analytics, funnels = service_funnels(engine, by)
    overall = funnels[0] if funnels and not by else None
    pains = pain_points(engine, overall) if overall else []
    current = {p.key for p in pains}
    experiments = []
    for declared in load_experiments():
        units, conversions = experiment_counts(engine, declared.experiment.key, declared.metric)
        report = analyse(
            declared.experiment, units, conversions, declared.baseline, declared.minimum_effect
        )
        experiments.append((declared, report))
    return Overview(
        lifecycle=lifecycle(engine),
        funnels=funnels,
        paths=analytics.paths() if funnels else [],
        pains=pains,
        roadmap=[(i, [p for p in i.pain_points if p in current]) for i in load_roadmap()],
        experiments=experiments,
    )
