"""What telemetry's routes and pages need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from klantreis.core.ports import Clock
from klantreis.messaging.outbox_service import Messenger
from klantreis.telemetry.appliance_kinds import Catalogue
from klantreis.telemetry.ports import TelemetryUnit


class TelemetryWiring(Protocol):
    @property
    def appliances(self) -> Catalogue: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def messenger(self) -> Messenger: ...
    @property
    def uow_factory(self) -> Callable[..., TelemetryUnit]: ...
