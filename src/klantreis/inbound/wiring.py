"""What inbound's routes and pages need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from klantreis.core.ports import Clock
from klantreis.inbound.ports import InboundUnit
from klantreis.messaging.outbox_service import Messenger
from klantreis.messaging.ports import IntentReader


class InboundWiring(Protocol):
    @property
    def clock(self) -> Clock: ...
    @property
    def intent_reader(self) -> IntentReader: ...
    @property
    def messenger(self) -> Messenger: ...
    @property
    def uow_factory(self) -> Callable[..., InboundUnit]: ...
