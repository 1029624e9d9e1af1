"""``klantreis bench analytics``: funnels and paths over a generated journey event log."""

from __future__ import annotations

import statistics
import time
from typing import Annotated

import typer

from klantreis.analytics.engine import JourneyAnalytics
from klantreis.cli.bench import emit
from klantreis.core.console import console
from klantreis.sim.journeys import generate_events

FUNNEL = (
    "case_opened",
    "message_invitation",
    "booking_page_viewed",
    "case_book",
    "case_arrive",
    "case_resolve",
)


def bench_analytics(
    events: Annotated[int, typer.Option(min=1_000)] = 10_000_000,
    runs: Annotated[int, typer.Option(min=1)] = 5,
    seed: int = 1,
) -> None:
    """Median over ``runs`` after a warm-up: the six-step service funnel, the same broken down
    by persona, and the paths; ingestion counts building the per-unit summary too."""
    with console.status(f"generating {events:,} events"):
        frame = generate_events(events, seed)
    analytics = JourneyAnalytics()
    started = time.perf_counter()
    loaded = analytics.load(frame)
    ingest_s = time.perf_counter() - started
    del frame
    timings: dict[str, list[float]] = {"funnel": [], "funnel_by_persona": [], "paths": []}
    for run in range(runs + 1):
        for name, work in (
            ("funnel", lambda: analytics.funnel(FUNNEL)),
            ("funnel_by_persona", lambda: analytics.funnel(FUNNEL, by="persona")),
            ("paths", lambda: analytics.paths()),
        ):
            began = time.perf_counter()
            result = work()
            if run:
                timings[name].append((time.perf_counter() - began) * 1000)
            if not result:
                raise typer.Exit(2)
    (overall,) = analytics.funnel(FUNNEL)
    emit(
        "bench analytics",
        {
            "name": "analytics",
            "events": loaded,
            "runs": runs,
            "funnel_steps": len(FUNNEL),
            "funnel_ms": round(statistics.median(timings["funnel"]), 1),
            "funnel_by_persona_ms": round(statistics.median(timings["funnel_by_persona"]), 1),
            "paths_ms": round(statistics.median(timings["paths"]), 1),
            "ingest_s": round(ingest_s, 2),
            "events_per_s_ingested": round(loaded / ingest_s),
            "funnel_units": [s.units for s in overall.steps],
        },
    )
