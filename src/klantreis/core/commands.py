"""What a capability's commands are handed: the container the app opens for the command line.

The console script (``klantreis.cli.main``) puts the opener on the command's context; a
capability's command takes ``ctx: typer.Context`` and reads ``container_of(ctx)``, typed as a
Protocol of what its commands need, so no capability imports the app."""

from __future__ import annotations

from typing import Any

import typer


def container_of(ctx: typer.Context) -> Any:
    """The app's container, opened (schema brought up to date) when the command asks."""
    opener = ctx.obj
    if not callable(opener):
        raise RuntimeError("run this command through the klantreis command line")
    return opener()
