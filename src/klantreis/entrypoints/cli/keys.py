"""``klantreis apikey``."""

from __future__ import annotations

from typing import Annotated

import typer

from klantreis.entrypoints.cli.common import console, ready_container
from klantreis.services.access import Role, create_api_key
from klantreis.services.scheduling.calendars import rotate_calendar_secrets

keys_app = typer.Typer(help="API keys.", no_args_is_help=True)


@keys_app.command("create")
def create(
    role: Annotated[Role, typer.Option(help="What the key may do")],
    name: Annotated[str, typer.Option(help="Who or what uses it")] = "",
) -> None:
    """Create an API key and print it once (only its hash is stored)."""
    container = ready_container()
    with container.uow_factory() as uow:
        key = create_api_key(uow, container.clock, name or role.value, role)
        uow.commit()
    console.print(key, highlight=False)


@keys_app.command("rotate-secrets")
def rotate_secrets() -> None:
    """Re-encrypt stored calendar credentials with the current KLANTREIS_SECRET_KEY (the old
    one listed in KLANTREIS_PREVIOUS_SECRET_KEYS until this has run)."""
    container = ready_container()
    with container.uow_factory() as uow:
        count = rotate_calendar_secrets(uow, container.cipher)
        uow.commit()
    console.print(f"{count} calendar credentials re-encrypted with the current key")
