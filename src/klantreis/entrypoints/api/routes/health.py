from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from klantreis import __version__
from klantreis.entrypoints.api.deps import ContainerDep
from klantreis.entrypoints.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Liveness and database reachability")
def health(container: ContainerDep) -> Health:
    with container.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return Health(status="ok", database=container.engine.dialect.name, version=__version__)
