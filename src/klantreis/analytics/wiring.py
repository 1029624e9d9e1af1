"""What analytics's routes and pages need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sqlalchemy import Engine

from klantreis.analytics.ports import AnalyticsUnit
from klantreis.telemetry.appliance_kinds import Catalogue


class AnalyticsWiring(Protocol):
    @property
    def appliances(self) -> Catalogue: ...
    @property
    def engine(self) -> Engine: ...
    @property
    def uow_factory(self) -> Callable[..., AnalyticsUnit]: ...
