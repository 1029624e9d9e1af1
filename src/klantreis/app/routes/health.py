from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from klantreis import __version__
from klantreis.app.bootstrap import Container
from klantreis.app.schemas import Health
from klantreis.core.api.deps import ContainerOf
from klantreis.core.db.engine import reading

ContainerDep = ContainerOf[Container]

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Liveness and database reachability")
def health(container: ContainerDep) -> Health:
    # A read: on SQLite it must not queue for (or take) the one write lock.
    with reading(container.engine) as connection:
        connection.execute(text("SELECT 1"))
    return Health(status="ok", database=container.engine.dialect.name, version=__version__)
