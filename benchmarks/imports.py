"""Benchmark: the CSV import of customers, fresh and again."""

from __future__ import annotations

import statistics
import time
from datetime import date
from typing import Annotated, Any

import typer

from klantreis.app.bootstrap import Container
from klantreis.cli.bench import Db, database, emit
from klantreis.core.console import console
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.imports import ImportKind, import_csv
from klantreis.sim.files import customers_csv
from klantreis.sim.population import generate


def bench_import(
    rows: Annotated[int, typer.Option(min=10, help="Customer rows in the file")] = 10_000,
    runs: Annotated[int, typer.Option(min=1, help="Timed runs after one warm-up")] = 3,
    db: Db = Db.sqlite,
) -> None:
    """CSV import of customers: fresh import, then the same file again (must create nothing)."""
    population = generate(
        Pc4Gazetteer.packaged().deliverable_places(), rows, 1, 11, date(2026, 1, 5)
    )
    text = customers_csv(population.customers)
    fresh_seconds, again_seconds, again_created = [], [], 0
    for run in range(runs + 1):
        with database(db) as container:
            fresh = _timed_import(container, text)
            again = _timed_import(container, text)
            container.dispose()
        if fresh[1].created != rows:
            console.print(f"[red]import lost rows: {fresh[1].created} of {rows}[/]")
            raise typer.Exit(1)
        if run:  # the first run is the warm-up
            fresh_seconds.append(fresh[0])
            again_seconds.append(again[0])
            again_created = max(again_created, again[1].created)
    median = statistics.median(fresh_seconds)
    emit(
        "bench import",
        {
            "name": "import",
            "rows": rows,
            "runs": runs,
            "db": db.value,
            "import_s": round(median, 3),
            "rows_per_s": round(rows / median),
            "reimport_s": round(statistics.median(again_seconds), 3),
            "reimport_created": again_created,
        },
    )
    if again_created:
        raise typer.Exit(1)


def _timed_import(container: Container, text: str) -> tuple[float, Any]:
    started = time.perf_counter()
    with container.uow_factory() as uow:
        report = import_csv(uow, container.gazetteer, ImportKind.CUSTOMERS, text)
        uow.commit()
    return time.perf_counter() - started, report
