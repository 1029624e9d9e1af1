"""``klantreis seed-demo`` and ``klantreis demo``: a demo organisation, served."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer
from rich.progress import Progress

from klantreis.bootstrap import Container
from klantreis.domain.case import CaseState
from klantreis.entrypoints.cli.common import console, ready_container
from klantreis.services.access import Role, create_api_key
from klantreis.services.demo import SeedSummary, seed_demo
from klantreis.sim.population import generate

Households = Annotated[int, typer.Option(min=10, max=200_000, help="Customers to generate")]
Technicians = Annotated[int, typer.Option(min=1, max=500, help="Technicians to generate")]
Seed = Annotated[int, typer.Option("--seed", help="Random seed: the same seed gives the same demo")]


def seed(container: Container, households: int, technicians: int, seed: int) -> SeedSummary:
    from klantreis.adapters.geo.postcodes import Pc4Gazetteer

    today = container.clock.now().date()
    population = generate(
        Pc4Gazetteer.packaged().deliverable_places(),
        households,
        technicians,
        seed,
        today - timedelta(days=today.toordinal() % 7),
    )
    total = len(population.customers) + len(population.devices) + len(population.technicians)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("seeding the demo organisation", total=total + 1)
        with container.uow_factory() as uow:
            summary = seed_demo(
                uow,
                container.gazetteer,
                container.clock,
                population.customers,
                population.devices,
                population.technicians,
                seed=seed,
                progress=lambda _kind, n: progress.advance(task, n),
            )
            uow.commit()
    console.print(
        f"demo: {summary.customers.created + summary.customers.updated} customers, "
        f"{summary.devices.created + summary.devices.updated} devices, "
        f"{summary.technicians.created + summary.technicians.updated} technicians, "
        f"{summary.cases_opened} new cases"
    )
    return summary


def seed_demo_command(
    households: Households = 3000, technicians: Technicians = 24, seed_: Seed = 7
) -> None:
    """Seed a realistic demo organisation (idempotent: run it again and nothing doubles)."""
    seed(ready_container(), households, technicians, seed_)


def demo_command(
    serve: Annotated[bool, typer.Option(help="Serve the application afterwards")] = True,
    host: str = "127.0.0.1",
    port: int = 8000,
    households: Households = 3000,
    technicians: Technicians = 24,
    seed_: Seed = 7,
) -> None:
    """Seed the demo organisation, print API keys and URLs, and serve until stopped."""
    container = ready_container()
    seed(container, households, technicians, seed_)
    with container.uow_factory() as uow:
        keys = {
            role: create_api_key(uow, container.clock, f"demo {role.value}", role) for role in Role
        }
        uow.commit()
    base = f"http://{host}:{port}"
    with container.uow_factory(read_only=True) as uow:
        waiting = [
            c
            for state in (CaseState.INVITED, CaseState.OPENED)
            for c in uow.cases.list(0, 3, state=state)
        ][:3]
    console.print("\n[bold]Booking pages[/] (a customer's personal link):")
    for case in waiting:
        console.print(
            f"  {base}/b/{container.links.token_for(case.id)}", highlight=False, soft_wrap=True
        )
    console.print(f"\n[bold]API docs[/]   {base}/docs")
    console.print(f"[bold]Health[/]     {base}/api/v1/health")
    for role, key in keys.items():
        console.print(f"[bold]{role.value:<10}[/] X-API-Key: {key}")
    console.print(f"\ntry: curl -H 'X-API-Key: {keys[Role.PLANNER]}' {base}/api/v1/cases?limit=5")
    container.dispose()
    if serve:
        from klantreis.entrypoints.cli.serve import run_server

        run_server(host, port)
