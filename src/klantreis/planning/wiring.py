"""What planning's routes and pages need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from klantreis.core.links import PersonalLinks
from klantreis.core.ports import Clock, Gazetteer
from klantreis.messaging.outbox_service import Messenger
from klantreis.planning.ports import PhotoStore, PlanningUnit
from klantreis.planning.solvers.pyvrp_day import PlanCosts
from klantreis.scheduling.ports import TravelTimes


class PlanningWiring(Protocol):
    @property
    def clock(self) -> Clock: ...
    @property
    def links(self) -> PersonalLinks: ...
    @property
    def messenger(self) -> Messenger: ...
    @property
    def travel(self) -> TravelTimes: ...
    @property
    def gazetteer(self) -> Gazetteer: ...
    @property
    def plan_costs(self) -> PlanCosts: ...
    @property
    def photos(self) -> PhotoStore: ...
    @property
    def uow_factory(self) -> Callable[..., PlanningUnit]: ...
