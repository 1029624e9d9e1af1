"""What every command shares: the container, the console, machine facts for benchmarks."""

from __future__ import annotations

import os
import platform
import sys
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.migrate import upgrade
from klantreis.telemetry.fleet.catalogue import CatalogueError

console = Console()
errors = Console(stderr=True, soft_wrap=True)


def ready_container() -> Container:
    """Bootstrap from the environment and bring the database schema up to date."""
    try:
        container = bootstrap()
    except CatalogueError as error:
        errors.print(f"[red]the appliance catalogue cannot be used: {error}[/]", highlight=False)
        raise typer.Exit(2) from None
    upgrade(container.engine)
    return container


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
