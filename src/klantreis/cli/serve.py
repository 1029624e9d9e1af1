"""``klantreis serve``."""

from __future__ import annotations

import typer
import uvicorn

from klantreis.cli.common import ready_container
from klantreis.core.console import console


def run_server(host: str, port: int) -> None:
    uvicorn.run(
        "klantreis.app.api:create_app",
        factory=True,
        host=host,
        port=port,
        log_level="info",
    )


def serve_command(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and the pages with Uvicorn, after migrating the database; refused on the
    public development secret unless KLANTREIS_ENVIRONMENT=development says so."""
    container = ready_container()
    problem = container.settings.serving_problem()
    container.dispose()
    if problem:
        console.print(f"[red]{problem}[/]")
        raise typer.Exit(2)
    run_server(host, port)
