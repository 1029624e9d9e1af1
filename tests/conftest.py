"""Fixtures shared by all suites: databases (SQLite and a real PostgreSQL), clock, app."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# Two xdist workers on two cores: OpenMP threads per worker (scikit-learn) would fight over
# the cores and spin; one each keeps a model fit at its serial speed.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# The tests' servers run on the development secret, and say so (a server started without
# saying it, or without a secret, refuses: tests/security/test_secrets.py).
os.environ.setdefault("KLANTREIS_ENVIRONMENT", "test")

from klantreis.app.bootstrap import Container, bootstrap  # noqa: E402
from klantreis.app.config import Settings  # noqa: E402
from klantreis.app.migrate import upgrade  # noqa: E402
from klantreis.core.db.engine import make_engine  # noqa: E402


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 27, 9, 0, tzinfo=UTC))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating per test is slow)."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()  # closing the last connection checkpoints the WAL into the file
    return path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server for this test session (per xdist worker), migrated template."""
    from klantreis.devtools.postgres import temporary_postgres

    with temporary_postgres("klantreis_template") as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


def _fresh_postgres_database(server_url: str) -> str:
    name = f"t_{uuid4().hex[:12]}"
    admin = create_engine(
        make_url(server_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE klantreis_template'))
    admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated database of each kind: the same test runs on both."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    return _fresh_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """SQLite only, for tests about behaviour that does not depend on the database."""
    path = tmp_path / "test.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    return _fresh_postgres_database(postgres_server)


@pytest.fixture
def container(database_url: str, clock: FixedClock) -> Iterator[Container]:
    built = bootstrap(Settings(database_url=database_url), clock=clock)
    yield built
    built.dispose()


@pytest.fixture
def sqlite_container(sqlite_url: str, clock: FixedClock) -> Iterator[Container]:
    built = bootstrap(Settings(database_url=sqlite_url), clock=clock)
    yield built
    built.dispose()
