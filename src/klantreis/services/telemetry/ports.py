"""What the telemetry services need from storage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from klantreis.domain.telemetry import Reading


@dataclass(frozen=True, slots=True)
class StoreOutcome:
    inserted: int
    new_faults: list[Reading]  # readings with a fault code that were not stored before


@dataclass(frozen=True, slots=True)
class RiskState:
    device_id: str
    raised: bool
    risk: float
    failure_mode: str
    model_version: int
    scored_at: datetime


@dataclass(frozen=True, slots=True)
class StoredModel:
    version: int
    trained_at: datetime
    manifest: dict[str, object]
    artifact: bytes


@dataclass(frozen=True, slots=True)
class PlannedOpening:
    device_id: str
    due_on: date
    open_on: date
    case_id: str | None


class TelemetryRepository(Protocol):
    def store(self, readings: Sequence[Reading]) -> StoreOutcome:
        """Insert readings not stored yet (same device and moment = same reading)."""
        ...

    def window(self, device_ids: Iterable[str], since: datetime) -> dict[str, list[Reading]]:
        """Each device's readings from ``since`` on, in time order."""
        ...

    def devices_reporting(self, since: datetime) -> list[str]: ...
    def prune(self, before: datetime) -> int: ...
    def count(self) -> int: ...


class RiskRepository(Protocol):
    def states(self, device_ids: Iterable[str]) -> dict[str, RiskState]: ...
    def save_many(self, states: Sequence[RiskState]) -> None: ...


class ModelRegistry(Protocol):
    def add(self, trained_at: datetime, manifest: dict[str, object], artifact: bytes) -> int: ...
    def latest(self) -> StoredModel | None: ...
    def list(self) -> list[StoredModel]: ...


class MaintenanceRepository(Protocol):
    def planned(self, device_ids: Iterable[str]) -> set[tuple[str, date]]: ...
    def load_from(self, day: date) -> dict[date, int]: ...
    def add_many(self, openings: Sequence[PlannedOpening]) -> None: ...
    def due_to_open(self, day: date) -> list[PlannedOpening]: ...
    def mark_opened(self, device_id: str, due_on: date, case_id: str) -> None: ...
