"""``klantreis db``: the database schema."""

from __future__ import annotations

import typer

from klantreis.app.bootstrap import bootstrap
from klantreis.app.migrate import current_revision, upgrade
from klantreis.core.console import console

db_app = typer.Typer(help="The database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations (safe to run again)."""
    container = bootstrap()
    upgrade(container.engine)
    console.print(
        f"database at revision [bold]{current_revision(container.engine)}[/] "
        f"({container.engine.dialect.name})"
    )
