"""What preferences's routes and pages need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from klantreis.core.links import PersonalLinks
from klantreis.core.ports import Clock
from klantreis.messaging.outbox_service import Messenger
from klantreis.preferences.ports import PreferencesUnit


class PreferencesWiring(Protocol):
    @property
    def clock(self) -> Clock: ...
    @property
    def links(self) -> PersonalLinks: ...
    @property
    def messenger(self) -> Messenger: ...
    @property
    def uow_factory(self) -> Callable[..., PreferencesUnit]: ...
