"""What the telemetry services need from storage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from klantreis.core.device import DeviceKind
from klantreis.scheduling.ports import SchedulingUnit
from klantreis.telemetry.appliance_kinds import ApplianceKind
from klantreis.telemetry.failure_time import FailureTime
from klantreis.telemetry.readings import Reading
from klantreis.telemetry.visit_findings import VisitFinding


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
    kind: DeviceKind
    trained_at: datetime
    manifest: dict[str, object]
    artifact: bytes
    promoted: bool = True  # False: a challenger that did not beat the champion


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

    def devices_reporting(self, since: datetime, kind: DeviceKind | None = None) -> list[str]: ...
    def devices_with_faults(self, since: datetime, kind: DeviceKind) -> set[str]: ...
    def exposure(self, since: datetime, kind: DeviceKind | None = None) -> tuple[int, float]:
        """(fault codes reported, device-days observed) since ``since``."""
        ...

    def prune(self, before: datetime) -> int: ...
    def count(self) -> int: ...


class RiskRepository(Protocol):
    def states(self, device_ids: Iterable[str]) -> dict[str, RiskState]: ...
    def save_many(self, states: Sequence[RiskState]) -> None: ...


class ModelRegistry(Protocol):
    def add(
        self,
        kind: DeviceKind,
        trained_at: datetime,
        manifest: dict[str, object],
        artifact: bytes,
        promoted: bool = True,
    ) -> int: ...
    def latest(self, kind: DeviceKind) -> StoredModel | None:
        """The newest promoted model of the kind: the champion that scores."""
        ...

    def list(self) -> list[StoredModel]: ...


class MaintenanceRepository(Protocol):
    def planned(self, device_ids: Iterable[str]) -> set[tuple[str, date]]: ...
    def load_from(self, day: date) -> dict[date, int]: ...
    def add_many(self, openings: Sequence[PlannedOpening]) -> None: ...
    def due_to_open(self, day: date) -> list[PlannedOpening]: ...
    def mark_opened(self, device_id: str, due_on: date, case_id: str) -> None: ...
    def opened_by(self, device_id: str, due_on: date) -> str | None:
        """The case that does the service due on ``due_on``, if one was opened for it."""
        ...


class ModelRejected(Exception):
    """A stored or offered model that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class TrainingSet:
    kind: ApplianceKind
    rows: list[list[float]]
    labels: dict[str, list[int]]  # per failure mode, 1 when it failed within the horizon
    groups: list[str]  # the device of each row: the hold-out split keeps devices apart
    # Days from the row's moment to the failure that followed within the horizon (None: none).
    days_to_failure: list[float | None] = field(default_factory=list)
    devices_reporting: int = 0  # of which the rows' devices are all that failed and a sample
    moments: list[datetime] = field(default_factory=list)  # each row's cut


@dataclass(frozen=True, slots=True)
class TrainedModel:
    artifact: bytes
    manifest: dict[str, object]


class FailurePredictor(Protocol):
    modes: tuple[str, ...]
    typical: list[float]  # a healthy device's features, to explain what stands out

    def predict(self, rows: Sequence[Sequence[float]]) -> list[dict[str, float]]: ...
    def time_to_failure(self, rows: Sequence[Sequence[float]]) -> list[FailureTime | None]:
        """When each device would fail if it does: None when the model has no estimate."""
        ...


class ModelCodec(Protocol):
    """Trains, packs and unpacks the fleet model (the machine learning lives in an adapter)."""

    def train(
        self, training: TrainingSet, trained_at: datetime, champion: bytes | None = None
    ) -> TrainedModel:
        """Train on a share of the devices; score the rest, and ``champion`` (the current
        model's file) on the same held-out devices, into the manifest's evaluation."""
        ...

    def load(self, artifact: bytes, kind: ApplianceKind) -> FailurePredictor:
        """Raise ``ModelRejected`` for a file that does not fit this kind's features."""
        ...


class VisitFindingRepository(Protocol):
    def record(self, finding: VisitFinding) -> None:
        """One per case: a second answer replaces the first."""
        ...

    def for_devices(self, device_ids: Iterable[str]) -> dict[str, list[VisitFinding]]: ...
    def all(self) -> Sequence[VisitFinding]: ...


class TelemetryUnit(SchedulingUnit, Protocol):
    @property
    def telemetry(self) -> TelemetryRepository: ...
    @property
    def risk(self) -> RiskRepository: ...
    @property
    def models(self) -> ModelRegistry: ...
    @property
    def maintenance(self) -> MaintenanceRepository: ...
    @property
    def visit_findings(self) -> VisitFindingRepository: ...
