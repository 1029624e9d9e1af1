"""``klantreis bench telemetry``: readings through the HTTP API from one client process."""

from __future__ import annotations

import json
import statistics
import threading
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Annotated

import httpx
import typer

from klantreis.app.bootstrap import Container
from klantreis.cli.bench import Db, database, emit
from klantreis.core.access import Role, create_api_key
from klantreis.core.console import console, progress_bar
from klantreis.core.device import DeviceKind
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.devtools.server import serving_process
from klantreis.imports import ImportKind
from klantreis.imports.report import ImportReport
from klantreis.imports.run import store_records
from klantreis.sim.population import generate
from klantreis.sim.telemetry import SimulatedDevice, readings
from klantreis.telemetry.fleet.catalogue import packaged_catalogue

URL = "/api/v1/telemetry/readings"


def bench_telemetry(
    db: Db = Db.postgres,
    devices: Annotated[int, typer.Option(min=1, help="Appliances sending")] = 2_000,
    readings_per_run: Annotated[int, typer.Option("--readings", min=1_000)] = 200_000,
    batch: Annotated[int, typer.Option(min=100, max=10_000)] = 5_000,
    senders: Annotated[int, typer.Option(min=1, max=16, help="Threads in the one client")] = 4,
    workers: Annotated[int, typer.Option(min=1, max=8, help="Server processes")] = 2,
    runs: Annotated[int, typer.Option(min=1)] = 3,
) -> None:
    """Fresh readings each run (after a warm-up); then the first run replayed, which must
    store nothing."""
    with database(db) as container:
        fleet = _seed_devices(container, devices)
        with container.uow_factory() as uow:
            key = create_api_key(  # one gateway for the whole simulated fleet
                uow, container.clock, "bench", Role.DEVICE, [d.serial for d in fleet]
            )
            uow.commit()
        url = container.engine.url.render_as_string(hide_password=False)
        now = container.clock.now()
        per_device = max(1, readings_per_run // len(fleet))
        bodies = [
            _bodies(fleet, now - timedelta(days=run * 30 + 30), per_device, batch)
            for run in range(runs + 1)
        ]
        rates, replay_stored = [], 0
        with serving_process(url, workers) as base:
            for run, run_bodies in enumerate(bodies):
                seconds, stored = _send(base, key, run_bodies, senders)
                expected = len(fleet) * per_device
                if stored != expected:
                    console.print(f"[red]run {run}: {stored} of {expected} readings stored[/]")
                    raise typer.Exit(2)
                if run:  # the first is the warm-up
                    rates.append(expected / seconds)
            _, replay_stored = _send(base, key, bodies[1], senders)
        with container.uow_factory(read_only=True) as uow:
            total = uow.telemetry.count()
        container.dispose()
    emit(
        "bench telemetry",
        {
            "name": "telemetry",
            "db": db.value,
            "devices": len(fleet),
            "readings": len(fleet) * per_device,
            "batch": batch,
            "senders": senders,
            "workers": workers,
            "runs": runs,
            "readings_per_s": round(statistics.median(rates)),
            "readings_per_s_runs": [round(r) for r in rates],
            "duplicates_after_replay": replay_stored,
            "stored_total": total,
        },
    )
    if replay_stored or total != len(fleet) * per_device * (runs + 1):
        raise typer.Exit(1)


def _seed_devices(container: Container, count: int) -> list[SimulatedDevice]:
    population = generate(
        Pc4Gazetteer.packaged().deliverable_places(), count, 1, 3, date(2026, 1, 5)
    )
    with container.uow_factory() as uow:
        for kind, records in (
            (ImportKind.CUSTOMERS, population.customers),
            (ImportKind.DEVICES, population.devices),
        ):
            numbered = list(enumerate(records, start=1))
            store_records(
                uow, container.gazetteer, kind, numbered, ImportReport(kind, len(records))
            )
        uow.commit()
    return [
        SimulatedDevice(d.serial, d.model, d.kind)
        for d in population.devices
        if d.kind in (DeviceKind.BOILER, DeviceKind.HEAT_PUMP)
    ][:count]


def _bodies(
    fleet: Sequence[SimulatedDevice], start: datetime, per_device: int, batch: int
) -> list[bytes]:
    """Request bodies encoded up front, so the client measures the server, not its own JSON."""
    _, stream = readings(
        packaged_catalogue(), fleet, start, days=max(1, per_device // 24 + 1), per_day=24, seed=9
    )
    chosen: dict[str, int] = {}
    picked = []
    for reading in stream:
        serial = str(reading["serial"])
        if chosen.get(serial, 0) < per_device:
            chosen[serial] = chosen.get(serial, 0) + 1
            reading.pop("fault_code", None)  # fault cases are not what this measures
            picked.append(reading)
    return [
        json.dumps({"readings": picked[i : i + batch]}).encode()
        for i in range(0, len(picked), batch)
    ]


def _send(base: str, key: str, bodies: list[bytes], senders: int) -> tuple[float, int]:
    pending = list(reversed(bodies))
    lock = threading.Lock()
    stored: list[int] = []
    failures: list[str] = []

    def work() -> None:
        with httpx.Client(
            base_url=base,
            headers={"X-API-Key": key, "Content-Type": "application/json"},
            timeout=120,
        ) as client:
            while True:
                with lock:
                    if not pending:
                        return
                    body = pending.pop()
                response = client.post(URL, content=body)
                if response.status_code != 200:
                    failures.append(response.text[:300])
                    return
                result = response.json()
                if result["rejected"]:
                    failures.append(json.dumps(result["rejected"][:3]))
                with lock:
                    stored.append(result["stored"])

    with progress_bar() as progress:
        progress.add_task(f"sending {len(bodies)} batches", total=None)
        started = time.perf_counter()
        threads = [threading.Thread(target=work) for _ in range(senders)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    if failures:
        console.print(f"[red]refused: {failures[0]}[/]")
        raise typer.Exit(2)
    return seconds, sum(stored)
