"""``klantreis bench scan``: the daily risk scan over a large reporting fleet.

A small fleet with a long history (and failures) trains the models; then every device of the
large fleet (boilers and heat pumps, as households have them) reports the four weeks the scan
reads (its window and each device's baseline), twice a day. The scan itself is what is
timed: reading every device's readings, deriving its features, scoring it with its kind's
model and saving its risk.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Annotated

import typer
from rich.progress import TaskID

from benchmarks.telemetry import _seed_devices
from klantreis.app.bootstrap import Container
from klantreis.cli.bench import Db, database, emit
from klantreis.core.console import console, progress_bar
from klantreis.sim.telemetry import SimulatedDevice, readings
from klantreis.telemetry.fleet_features import BASELINE
from klantreis.telemetry.readings import Reading
from klantreis.telemetry.scoring import scan_fleet
from klantreis.telemetry.training import train_fleet_model

TRAINING_DAYS = 62
CHUNK = 2_000  # devices generated and stored at a time: millions of readings never all in memory


def bench_scan(
    db: Db = Db.sqlite,
    devices: Annotated[int, typer.Option(min=100, help="Reporting appliances scanned")] = 100_000,
    train_devices: Annotated[int, typer.Option(min=100, help="Of which with a long history")] = 600,
    runs: Annotated[int, typer.Option(min=1, help="Scans timed (the median is reported)")] = 1,
) -> None:
    """Train on a small fleet, then time the scan of every reporting device."""
    with database(db) as container:
        started = time.perf_counter()
        fleet = _seed_devices(container, devices)
        now = container.clock.now().replace(microsecond=0)
        # The small fleet's history first, and the models trained on it alone; then the
        # large fleet's four weeks, which only the scan reads.
        stored = _send_history(container, fleet[:train_devices], now, TRAINING_DAYS, 0.3)
        with container.uow_factory() as uow:
            started_training = time.perf_counter()
            outcome = train_fleet_model(
                uow,
                container.clock,
                container.model_codec,
                container.appliances,
                timedelta(days=TRAINING_DAYS - 1),
            )
            uow.commit()
            train_s = time.perf_counter() - started_training
        stored += _send_history(container, fleet[train_devices:], now, BASELINE.days, 0.02)
        setup_s = time.perf_counter() - started - train_s
        seconds, scored = [], 0
        for _ in range(runs):
            with container.uow_factory() as uow, progress_bar() as progress:
                task = progress.add_task("scanning", total=None)

                def advance(done: int, total: int, task: TaskID = task) -> None:
                    progress.update(task, completed=done, total=total)

                started = time.perf_counter()
                report = scan_fleet(
                    uow,
                    container.clock,
                    container.model_codec,
                    container.appliances,
                    progress=advance,
                )
                uow.commit()
                seconds.append(time.perf_counter() - started)
                scored = report.devices_scored
        container.dispose()
    scan_s = statistics.median(seconds)
    emit(
        "bench scan",
        {
            "name": "scan",
            "db": db.value,
            "devices": len(fleet),
            "train_devices": train_devices,
            "readings_stored": stored,
            "kinds_trained": [str(r.kind) for r in outcome.trained],
            "devices_scored": scored,
            "setup_s": round(setup_s, 1),
            "train_s": round(train_s, 1),
            "scan_s": round(scan_s, 1),
            "scan_s_runs": [round(s, 1) for s in seconds],
            "devices_per_s": round(scored / scan_s),
        },
    )
    if scored != len(fleet):
        console.print(f"[red]{scored} of {len(fleet)} devices scored[/]")
        raise typer.Exit(1)


def _send_history(
    container: Container,
    fleet: Sequence[SimulatedDevice],
    now: datetime,
    days: int,
    failure_share: float,
) -> int:
    """``days`` of readings up to ``now``, straight into storage (the ingestion path has its
    own benchmark)."""
    stored = 0
    start = (now - timedelta(days=days)).replace(minute=0, second=0)
    with progress_bar() as progress:
        task = progress.add_task(f"storing {days} days of readings", total=len(fleet))
        for first in range(0, len(fleet), CHUNK):
            chunk = fleet[first : first + CHUNK]
            _, stream = readings(
                container.appliances,
                chunk,
                start,
                days,
                2,
                seed=days * 1_000_000 + first,
                failure_share=failure_share,
            )
            with container.uow_factory() as uow:
                ids = uow.devices.serial_owners(d.serial for d in chunk)
                while batch := list(islice(stream, 50_000)):
                    kept = [
                        _reading(ids[str(item["serial"])], item)
                        for item in batch
                        if str(item["at"]) <= now.isoformat()
                    ]
                    stored += uow.telemetry.store(kept).inserted
                uow.commit()
            progress.advance(task, len(chunk))
    return stored


def _reading(device_id: str, item: dict[str, object]) -> Reading:
    at = datetime.fromisoformat(str(item["at"])).astimezone(UTC)
    code = item.get("fault_code")
    values = {
        k: float(v)  # type: ignore[arg-type]
        for k, v in item.items()
        if k not in ("serial", "at", "fault_code")
    }
    return Reading(device_id, at, values, str(code) if code else None)
