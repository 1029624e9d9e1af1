"""``klantreis bench NAME``: figures for people (a table) and scripts (JSON, last line)."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Annotated, Any

import typer
from rich.table import Table

from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.app.migrate import upgrade
from klantreis.cli.common import console, machine
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.imports import ImportKind, import_csv
from klantreis.sim.files import customers_csv
from klantreis.sim.population import generate

bench_app = typer.Typer(help="Benchmarks (JSON on the last line of output).", no_args_is_help=True)


class Db(StrEnum):
    env = "env"
    sqlite = "sqlite"
    postgres = "postgres"


@contextmanager
def database(db: Db) -> Iterator[Container]:
    """A fresh, migrated database of the kind asked for (``env``: KLANTREIS_DATABASE_URL)."""
    if db is Db.postgres:
        from klantreis.devtools.postgres import temporary_postgres

        with temporary_postgres() as url:
            yield _migrated(url)
    elif db is Db.sqlite:
        with TemporaryDirectory() as folder:
            yield _migrated(f"sqlite:///{Path(folder) / 'bench.db'}")
    else:
        yield _migrated(Settings().database_url)


def _migrated(url: str) -> Container:
    container = bootstrap(Settings(database_url=url))
    upgrade(container.engine)
    return container


def emit(title: str, figures: dict[str, Any]) -> None:
    table = Table(title=title)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        if not isinstance(value, dict | list):
            table.add_row(key, f"{value:,.2f}" if isinstance(value, float) else str(value))
    console.print(table)
    print(json.dumps({**figures, "machine": machine()}), flush=True)


@bench_app.command("import")
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
