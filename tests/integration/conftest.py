"""The world most integration tests start from: a fresh database of each kind, the clock at
NOW, and the three technicians of `utrecht`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, utrecht


@pytest.fixture
def world(database_url: str) -> Iterator[Container]:
    container = bootstrap(Settings(database_url=database_url), clock=FixedClock(NOW))
    utrecht(container)
    yield container
    container.dispose()
