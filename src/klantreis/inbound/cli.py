"""``klantreis inbox``: receive customers' e-mail over SMTP and triage it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Annotated

import typer

from klantreis.core.commands import container_of
from klantreis.core.console import console
from klantreis.inbound.inbox import start_inbox
from klantreis.inbound.service import receive
from klantreis.inbound.wiring import InboundWiring

# The inbox needs of the container what the inbound routes do.
InboxCommandsNeed = InboundWiring


def deliverer(container: InboxCommandsNeed) -> Callable[[str, str, str, str, str], None]:
    """What the inbox does with each mail it receives: triage it in its own unit of work."""
    reader, messenger = container.intent_reader, container.messenger

    def deliver(channel: str, sender: str, subject: str, body: str, note: str) -> None:
        with container.uow_factory() as uow:
            received = receive(
                uow,
                container.clock,
                reader,
                messenger,
                channel,
                sender,
                subject,
                body,
                note,
            )
            uow.commit()
        message = received.message
        console.print(
            f"{message.sender}: {message.intent} ({message.confidence:.0%}) -> {message.status}"
        )
        if received.alert:
            console.print(
                f"[red]surge of {received.alert.intent}: {received.alert.likely_cause}[/]"
            )

    return deliver


def inbox_command(
    ctx: typer.Context,
    host: str = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 2525,
) -> None:
    """Run the SMTP inbox until interrupted."""
    container: InboxCommandsNeed = container_of(ctx)
    controller = start_inbox(deliverer(container), host, port)
    console.print(f"inbox listening on {host}:{port}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()
