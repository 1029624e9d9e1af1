"""``klantreis telemetry``: readings from files, a simulated fleet, retention."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from itertools import islice
from pathlib import Path
from typing import Annotated

import typer

from klantreis.cli.common import ready_container
from klantreis.core.console import console, errors, progress_bar
from klantreis.sim.telemetry import SIMULATED_KINDS, SimulatedDevice, readings
from klantreis.telemetry.ingest import IngestResult, ingest_readings
from klantreis.telemetry.readings import RETENTION

telemetry_app = typer.Typer(help="Telemetry from connected appliances.", no_args_is_help=True)
BATCH = 5_000


def _file_readings(file: Path) -> Iterator[tuple[int, object]]:
    """(row number as people count it, decoded reading) for CSV (header = row 1) or JSON lines."""
    with file.open(encoding="utf-8", newline="") as handle:
        if file.suffix in (".jsonl", ".ndjson"):
            for line, text in enumerate(handle, start=1):
                if text.strip():
                    try:
                        yield line, json.loads(text)
                    except ValueError:
                        yield line, text.strip()  # refused per row by validation
            return
        for row, record in enumerate(csv.DictReader(handle), start=2):
            cells = {k: v for k, v in record.items() if k is not None and v not in ("", None)}
            yield row, {k: _number(k, v) for k, v in cells.items()}


def _number(column: str, cell: str) -> object:
    """A sensor's cell as a number (CSV has only text); left as text when it is none, so that
    ingestion refuses it by the sensor's name."""
    if column in ("serial", "at", "fault_code"):
        return cell
    try:
        return float(cell)
    except ValueError:
        return cell


def _ingest_stream(
    rows: Iterator[tuple[int, object]], total: int | None, label: str
) -> tuple[int, int, int, list[str], int]:
    container = ready_container()
    stored = duplicates = cases = 0
    problems: list[str] = []
    with progress_bar() as progress:
        task = progress.add_task(label, total=total)
        while batch := list(islice(rows, BATCH)):
            with container.uow_factory() as uow:
                result: IngestResult = ingest_readings(
                    uow,
                    container.clock,
                    container.appliances,
                    [item for _, item in batch],
                    container.messenger,
                )
                uow.commit()
            stored += result.stored
            duplicates += result.duplicates
            cases += len(result.cases_opened)
            problems.extend(
                f"row {batch[r.index][0]}, field '{r.field}': {r.reason}" for r in result.rejected
            )
            progress.advance(task, len(batch))
    return stored, duplicates, cases, problems, stored + duplicates + len(problems)


@telemetry_app.command("ingest")
def ingest_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Send a file of readings (CSV with a header, or .jsonl); bad rows are named, good kept."""
    try:
        total = sum(1 for _ in _file_readings(file))
    except UnicodeDecodeError as error:
        errors.print(f"[red]{file}: not UTF-8 (byte {error.start})[/]")
        raise typer.Exit(2) from None
    stored, duplicates, cases, problems, received = _ingest_stream(
        _file_readings(file), total, f"ingesting {file.name}"
    )
    for problem in problems[:200]:
        errors.print(f"{file.name}: {problem}", highlight=False, soft_wrap=True)
    if len(problems) > 200:
        errors.print(f"... and {len(problems) - 200} more")
    console.print(
        f"{received} readings: [green]{stored} stored[/], {duplicates} already known, "
        f"{len(problems)} refused; {cases} case(s) opened from fault codes"
    )
    if problems:
        raise typer.Exit(1)


@telemetry_app.command("simulate")
def simulate_command(
    days: Annotated[int, typer.Option(min=1, max=365, help="Days of history, up to now")] = 60,
    per_day: Annotated[int, typer.Option(min=1, max=96)] = 4,
    seed: int = 11,
    failure_share: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.2,
) -> None:
    """Simulate the telemetry of every stored appliance whose kind the catalogue declares
    (each kind with its own wear signatures) and send it through ingestion (idempotent)."""
    container = ready_container()
    with container.uow_factory(read_only=True) as uow:
        appliances, offset = [], 0
        while page := uow.devices.list(offset, 500):
            appliances += [
                SimulatedDevice(d.serial, d.model, d.kind)
                for d in page
                if container.appliances.of(d.kind) is not None and d.kind in SIMULATED_KINDS
            ]
            offset += len(page)
    if not appliances:
        errors.print(
            "[red]no appliances of a catalogued kind stored: run `klantreis seed-demo` or "
            "import devices[/]"
        )
        raise typer.Exit(2)
    now = container.clock.now()
    start = (now - timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    failures, stream = readings(
        container.appliances, appliances, start, days, per_day, seed, failure_share
    )
    numbered = ((i, r) for i, r in enumerate(s for s in stream if str(s["at"]) <= now.isoformat()))
    kinds = Counter(str(a.kind) for a in appliances)
    stored, duplicates, cases, problems, _ = _ingest_stream(
        numbered,
        len(appliances) * days * per_day,
        f"{', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}; {days} days",
    )
    console.print(
        f"[green]{stored} readings stored[/], {duplicates} already known, "
        f"{len(problems)} refused; {len(failures)} simulated failures, "
        f"{cases} fault case(s) opened"
    )


@telemetry_app.command("prune")
def prune_command(
    keep_days: Annotated[int, typer.Option(min=1, help="Keep this many days")] = RETENTION.days,
) -> None:
    """Delete readings older than the retention period."""
    container = ready_container()
    with container.uow_factory() as uow:
        deleted = uow.telemetry.prune(container.clock.now() - timedelta(days=keep_days))
        uow.commit()
    console.print(f"{deleted} readings older than {keep_days} days deleted")
