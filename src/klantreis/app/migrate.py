"""Run the Alembic migrations that ship inside the package."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"
PACKAGE = Path(__file__).parents[1]


def version_locations() -> list[Path]:
    """Where the one linear history lives: the core's steps in ``app/migrations/versions``,
    each capability's in its own ``migrations`` folder beside its tables, so a change to a
    capability's schema stays in that capability's folder."""
    owned = sorted(p for p in PACKAGE.glob("*/migrations") if p.parent.name != "app")
    return [MIGRATIONS / "versions", *owned]


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option(
        "version_locations", os.pathsep.join(str(p) for p in version_locations())
    )
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; safe to run again."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
