"""``klantreis bench NAME``: figures for people (a table) and scripts (JSON, last line)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import typer
from rich.table import Table

from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.app.migrate import upgrade
from klantreis.core.console import console, machine

bench_app = typer.Typer(
    help="Benchmarks (JSON on the last line of output); all but the twin's run from a source "
    "checkout (its benchmarks/ folder).",
    no_args_is_help=True,
)
# A source checkout: src/klantreis/cli/bench.py -> the folder that holds benchmarks/.
CHECKOUT = Path(__file__).resolve().parents[3]


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


def load_benchmarks(app: typer.Typer, checkout: Path = CHECKOUT) -> bool:
    """Add the checkout's benchmarks to ``app``; False where there are none (an installed
    package), and then ``klantreis bench`` offers the twin's alone."""
    folder = checkout / "benchmarks"
    if not (folder / "__init__.py").is_file():
        return False
    if "benchmarks" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "benchmarks", folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["benchmarks"] = module
        spec.loader.exec_module(module)
    sys.modules["benchmarks"].register(app)
    return True
