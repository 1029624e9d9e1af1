"""Benchmarks: how fast and how good the product is, measured on real data or a generated
fleet (``../shared/BENCHMARKS.md``). They are not part of the installed package; from a
source checkout ``klantreis bench NAME`` runs them, and each prints its figures as JSON on
its last line."""

from __future__ import annotations

import typer


def register(bench_app: typer.Typer) -> None:
    """Add every benchmark to ``klantreis bench``."""
    from benchmarks.analytics import bench_analytics
    from benchmarks.booking import bench_booking
    from benchmarks.console import bench_console
    from benchmarks.diagnosis import bench_diagnosis
    from benchmarks.fleet import bench_fleet
    from benchmarks.imports import bench_import
    from benchmarks.plan import bench_plan
    from benchmarks.routing import bench_routing
    from benchmarks.scan import bench_scan
    from benchmarks.slots import bench_slots
    from benchmarks.telemetry import bench_telemetry
    from benchmarks.triage import bench_triage

    for name, command in (
        ("import", bench_import),
        ("slots", bench_slots),
        ("booking", bench_booking),
        ("routing", bench_routing),
        ("plan", bench_plan),
        ("scan", bench_scan),
        ("diagnosis", bench_diagnosis),
        ("fleet", bench_fleet),
        ("telemetry", bench_telemetry),
        ("triage", bench_triage),
        ("analytics", bench_analytics),
        ("console", bench_console),
    ):
        bench_app.command(name)(command)
