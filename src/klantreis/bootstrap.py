"""The composition root: the one place where ports meet their adapters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from klantreis.adapters.clock import SystemClock
from klantreis.adapters.db.engine import make_engine, make_session_factory
from klantreis.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from klantreis.adapters.geo.postcodes import Pc4Gazetteer
from klantreis.config import Settings
from klantreis.services.ports import Clock, Gazetteer, UnitOfWork


@dataclass
class Container:
    settings: Settings
    engine: Engine
    clock: Clock
    gazetteer: Gazetteer
    uow_factory: Callable[[], UnitOfWork] = field(repr=False)

    def dispose(self) -> None:
        self.engine.dispose()


def bootstrap(settings: Settings | None = None, clock: Clock | None = None) -> Container:
    settings = settings or Settings()
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    return Container(
        settings=settings,
        engine=engine,
        clock=clock or SystemClock(),
        gazetteer=Pc4Gazetteer.packaged(),
        uow_factory=lambda: SqlAlchemyUnitOfWork(session_factory),
    )
