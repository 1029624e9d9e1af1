"""What imports's routes and pages need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from klantreis.core.ports import Gazetteer, UnitOfWork


class ImportsSettings(Protocol):
    @property
    def max_import_bytes(self) -> int: ...


class ImportsWiring(Protocol):
    @property
    def gazetteer(self) -> Gazetteer: ...
    @property
    def settings(self) -> ImportsSettings: ...
    @property
    def uow_factory(self) -> Callable[..., UnitOfWork]: ...
