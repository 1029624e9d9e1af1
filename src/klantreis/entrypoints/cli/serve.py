"""``klantreis serve``."""

from __future__ import annotations

import uvicorn

from klantreis.entrypoints.cli.common import ready_container


def run_server(host: str, port: int) -> None:
    uvicorn.run(
        "klantreis.entrypoints.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        log_level="info",
    )


def serve_command(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API (and later the pages) with Uvicorn, after migrating the database."""
    ready_container().dispose()
    run_server(host, port)
