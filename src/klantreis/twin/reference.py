"""The fleet model the predictive policy uses: trained, through the real ingest and training
services, on an earlier fleet of the same region (other households, the months before)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.app.migrate import upgrade
from klantreis.core.ids import clock_ids, ids_from
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.sim import telemetry
from klantreis.telemetry.ingest import ingest_readings
from klantreis.telemetry.ports import ModelCodec, StoredModel
from klantreis.telemetry.training import train_fleet_model
from klantreis.twin.clock import SimulatedClock
from klantreis.twin.config import TwinConfig
from klantreis.twin.fleet import READING_HOURS
from klantreis.twin.setup import population, store

HISTORY_DAYS = 60
# The earlier fleet: a fifth of the twin's households, between 150 and 600 (enough failures
# to learn from; more only lengthens training).
HOUSEHOLDS = (150, 600)
BATCH = 5_000


def reference_model(config: TwinConfig, directory: Path, codec: ModelCodec) -> list[StoredModel]:
    """One model per connected kind that failed often enough in the earlier fleet."""
    path = directory / "twin-reference.db"
    for stale in directory.glob(f"{path.name}*"):
        stale.unlink()
    start = datetime.combine(config.first_day - timedelta(days=HISTORY_DAYS), time(0), UTC)
    clock = SimulatedClock(start + timedelta(days=HISTORY_DAYS))
    container = bootstrap(Settings(database_url=f"sqlite:///{path}"), clock)
    upgrade(container.engine)
    households = min(HOUSEHOLDS[1], max(HOUSEHOLDS[0], config.households // 5))
    earlier = replace(config, households=households, technicians=1, seed=config.seed + 1_000)
    try:
        with ids_from(clock_ids(clock.now, random.Random(f"reference|{config.seed}"))):
            people = population(Pc4Gazetteer.packaged().deliverable_places(), earlier)
            connected = [
                telemetry.SimulatedDevice(d.serial, d.model, d.kind)
                for d in people.devices
                if d.kind in config.connected_kinds
            ]
            _, readings = telemetry.readings(
                container.appliances,
                connected,
                start + timedelta(hours=READING_HOURS[0]),
                HISTORY_DAYS,
                per_day=len(READING_HOURS),
                seed=earlier.seed,
            )
            with container.uow_factory() as uow:
                store(uow, container.gazetteer, clock, people)
                uow.commit()
            batch: list[object] = []
            for item in readings:
                batch.append(item)
                if len(batch) == BATCH:
                    _ingest(container, clock, batch)
                    batch = []
            _ingest(container, clock, batch)
            with container.uow_factory() as uow:
                outcome = train_fleet_model(
                    uow, clock, codec, container.appliances, timedelta(days=HISTORY_DAYS)
                )
                uow.commit()
                stored = {m.version: m for m in uow.models.list()}
        return [stored[report.version] for report in outcome.trained]
    finally:
        container.dispose()


def _ingest(container: Container, clock: SimulatedClock, batch: list[object]) -> None:
    with container.uow_factory() as uow:
        ingest_readings(uow, clock, container.appliances, batch)
        uow.commit()
