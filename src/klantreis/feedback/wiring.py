"""What feedback's routes and pages need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from klantreis.core.links import PersonalLinks
from klantreis.core.ports import Clock
from klantreis.feedback.ports import FeedbackUnit


class FeedbackWiring(Protocol):
    @property
    def clock(self) -> Clock: ...
    @property
    def links(self) -> PersonalLinks: ...
    @property
    def uow_factory(self) -> Callable[..., FeedbackUnit]: ...
