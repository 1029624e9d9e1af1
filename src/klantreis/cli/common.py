"""Opening the container for a command: bootstrapped from the environment, schema up to date."""

from __future__ import annotations

import typer

from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.migrate import upgrade
from klantreis.core.console import errors
from klantreis.telemetry.fleet.catalogue import CatalogueError


def ready_container() -> Container:
    """Bootstrap from the environment and bring the database schema up to date."""
    try:
        container = bootstrap()
    except CatalogueError as error:
        errors.print(f"[red]the appliance catalogue cannot be used: {error}[/]", highlight=False)
        raise typer.Exit(2) from None
    upgrade(container.engine)
    return container
