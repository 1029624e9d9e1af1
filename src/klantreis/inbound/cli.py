"""``klantreis inbox``: receive customers' e-mail over SMTP and triage it."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from klantreis.app.bootstrap import Container
from klantreis.cli.common import console, ready_container
from klantreis.inbound.inbox import start_inbox
from klantreis.inbound.service import receive


def deliverer(container: Container):  # type: ignore[no-untyped-def]
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
    host: str = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 2525,
) -> None:
    """Run the SMTP inbox until interrupted."""
    container = ready_container()
    controller = start_inbox(deliverer(container), host, port)
    console.print(f"inbox listening on {host}:{port}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()
