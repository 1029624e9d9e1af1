"""Running the digital twin from the command line: ``klantreis demo`` and ``bench twin``."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from klantreis.core.console import console, errors, machine
from klantreis.core.domain_errors import InvalidValue
from klantreis.twin.config import DEFAULT_START, Policy, TwinConfig
from klantreis.twin.fleet import BOILERS_ONLY, EVERY_KIND
from klantreis.twin.ledger import CostRates
from klantreis.twin.outcomes import ALL
from klantreis.twin.run import TwinRun, run_all

Households = Annotated[int, typer.Option(help="Households in the twin (50..50,000)")]
Technicians = Annotated[int, typer.Option(help="Technicians in the twin (1..200)")]
Weeks = Annotated[int, typer.Option(help="Weeks simulated (3..26); the last two only run out")]
Seed = Annotated[int, typer.Option("--seed", help="Random seed: the same seed, the same table")]
Start = Annotated[str, typer.Option(help="First (Monday) of the run, YYYY-MM-DD")]
Out = Annotated[Path, typer.Option(help="Folder for the databases and the report")]
EuroPerHour = Annotated[
    float, typer.Option(help="What a technician hour costs the firm (euro; docs/TWIN.md)")
]
EuroPerKm = Annotated[float, typer.Option(help="What a van kilometre costs (euro; docs/TWIN.md)")]
EveryKind = Annotated[
    bool,
    typer.Option(
        "--every-kind",
        help="Connect heat pumps, dishwashers and washing machines too (default: boilers)",
    ),
]
DEFAULT_RATES = CostRates()
DEFAULT_CONFIG = TwinConfig()


def twin_config(
    households: int,
    technicians: int,
    weeks: int,
    seed: int,
    start: str,
    euro_per_hour: float = DEFAULT_RATES.euro_per_hour,
    euro_per_km: float = DEFAULT_RATES.euro_per_km,
    every_kind: bool = False,
) -> TwinConfig:
    """The run asked for, or a message naming the option that is wrong (exit code 2)."""
    try:
        first = date.fromisoformat(start)
    except ValueError:
        errors.print(f"--start: '{start}' is not a date (YYYY-MM-DD)")
        raise typer.Exit(2) from None
    try:
        return TwinConfig(
            households=households,
            technicians=technicians,
            weeks=weeks,
            seed=seed,
            start=first,
            rates=CostRates(euro_per_hour, euro_per_km),
            connected_kinds=EVERY_KIND if every_kind else BOILERS_ONLY,
        )
    except InvalidValue as invalid:
        errors.print(f"--{invalid.field.replace('_', '-')}: {invalid.message}")
        raise typer.Exit(2) from None


def run_with_progress(config: TwinConfig, out: Path) -> tuple[TwinRun, float]:
    days = (config.end - config.first_day).days
    began = time.perf_counter()
    with Progress(
        TextColumn("[bold]digital twin[/] {task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} policy-days"),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task(f"{len(Policy)} policies x {days} days", total=len(Policy) * days)
        run = run_all(config, out, tick=lambda: progress.advance(task))
    return run, time.perf_counter() - began


def print_table(run: TwinRun) -> None:
    table = Table(title="The twin's policy table (all customers)")
    table.add_column("measure")
    for policy_run in run.runs:
        table.add_column(policy_run.policy.label, justify="right")
    rows = [{f.group: f for f in r.figures}[ALL].as_dict() for r in run.runs]
    for key, first in rows[0].items():
        if isinstance(first, dict):  # a breakdown: one row per part
            for part in first:
                label = f"{key.replace('_', ' ')}: {part.replace('_', ' ')}"
                table.add_row(label, *(_cell(row[key][part]) for row in rows))  # type: ignore[index]
        elif key != "group":
            table.add_row(key.replace("_", " "), *(_cell(row[key]) for row in rows))
    predictions = [r.prediction.as_dict() if r.prediction else {} for r in run.runs]
    for key in predictions[0]:
        table.add_row(key.replace("_", " "), *(_cell(p.get(key)) for p in predictions))
    console.print(table)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


START_DEFAULT = DEFAULT_START.isoformat()


def bench_twin(
    households: Households = 3000,
    technicians: Technicians = DEFAULT_CONFIG.technicians,
    weeks: Weeks = 4,
    seed_: Seed = 7,
    start: Start = START_DEFAULT,
    out: Out = Path("twin-output"),
    euro_per_hour: EuroPerHour = DEFAULT_RATES.euro_per_hour,
    euro_per_km: EuroPerKm = DEFAULT_RATES.euro_per_km,
    every_kind: EveryKind = False,
) -> None:
    """The twin's policy table as JSON (last line), with the run's wall time."""
    config = twin_config(
        households, technicians, weeks, seed_, start, euro_per_hour, euro_per_km, every_kind
    )
    run, seconds = run_with_progress(config, out)
    print_table(run)
    print(
        json.dumps({**run.table(), "seconds": round(seconds, 1), "machine": machine()}), flush=True
    )
