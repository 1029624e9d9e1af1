"""``klantreis apikey``: API keys and the secrets behind them."""

from __future__ import annotations

from typing import Annotated

import typer

from klantreis.cli.common import ready_container
from klantreis.core.access import Role, create_api_key
from klantreis.core.console import console
from klantreis.core.domain_errors import InvalidValue
from klantreis.scheduling.calendar_links import rotate_calendar_secrets

keys_app = typer.Typer(help="API keys.", no_args_is_help=True)


@keys_app.command("create")
def create(
    role: Annotated[Role, typer.Option(help="What the key may do")],
    name: Annotated[str, typer.Option(help="Who or what uses it")] = "",
    serial: Annotated[
        list[str] | None,
        typer.Option(help="For a device key: a serial it may send for (repeat for a gateway)"),
    ] = None,
    technician: Annotated[
        str | None,
        typer.Option(help="For a technician's key: the technician's id (it reaches their cases)"),
    ] = None,
) -> None:
    """Create an API key and print it once (only its hash is stored)."""
    container = ready_container()
    with container.uow_factory() as uow:
        try:
            key = create_api_key(
                uow, container.clock, name or role.value, role, serial or [], technician
            )
        except InvalidValue as invalid:
            console.print(f"[red]--{invalid.field.removesuffix('s')}: {invalid.message}[/]")
            raise typer.Exit(2) from invalid
        known = technician is None or uow.technicians.get(technician) is not None
        uow.commit()
    if not known:
        console.print(
            f"[yellow]technician '{technician}' is not imported yet: "
            "the key reaches nothing until they are[/]"
        )
    console.print(key, highlight=False)


@keys_app.command("revoke")
def revoke(key: Annotated[str, typer.Argument(help="The key's id or name")]) -> None:
    """Revoke an API key at once: it is refused from the next request on."""
    container = ready_container()
    with container.uow_factory() as uow:
        count = uow.api_keys.revoke(key, container.clock.now())
        uow.commit()
    if not count:
        console.print(f"[red]no active key has the id or name '{key}'[/]")
        raise typer.Exit(1)
    console.print(f"{count} key(s) revoked")


@keys_app.command("rotate-secrets")
def rotate_secrets() -> None:
    """Re-encrypt stored calendar credentials with the current KLANTREIS_SECRET_KEY (the old
    one listed in KLANTREIS_PREVIOUS_SECRET_KEYS until this has run)."""
    container = ready_container()
    with container.uow_factory() as uow:
        count = rotate_calendar_secrets(uow, container.cipher)
        uow.commit()
    console.print(f"{count} calendar credentials re-encrypted with the current key")
