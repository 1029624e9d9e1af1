"""``klantreis worker``: send what the outbox holds, when its moment has come."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Annotated

import typer

from klantreis.cli.common import ready_container
from klantreis.core.console import console
from klantreis.messaging.delivery import LEASE, deliver_due
from klantreis.scheduling.book_for_me import book_where_permitted


def worker_command(
    once: Annotated[bool, typer.Option(help="One pass over what is due, then stop")] = False,
    batch: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    interval: Annotated[float, typer.Option(min=0.1, help="Seconds between idle passes")] = 5.0,
    lease: Annotated[
        float, typer.Option(min=1, help="Seconds a claimed batch stays ours")
    ] = LEASE.total_seconds(),
) -> None:
    """Book for the customers who asked us to, then deliver due messages with retries and
    backoff; a killed worker never causes a resend."""
    container = ready_container()
    senders = container.senders()
    messenger = container.messenger
    while True:
        booked = book_where_permitted(
            container.uow_factory, container.booking, container.area_days.calendar
        )
        if booked:
            console.print(f"{booked} visits booked for customers who asked us to")
        report = deliver_due(
            container.uow_factory,
            container.clock,
            senders,
            messenger,
            batch,
            timedelta(seconds=lease),
        )
        if report.claimed or report.requeued or report.uncertain:
            console.print(
                f"{report.claimed} claimed: [green]{report.sent} sent[/], {report.retried} to "
                f"retry, {report.bounced} bounced ({report.fallbacks} via another channel), "
                f"{report.failed} failed, {report.expired} expired; {report.requeued} requeued, "
                f"{report.uncertain} uncertain"
            )
        if once:
            return
        if report.claimed < batch:
            time.sleep(interval)
