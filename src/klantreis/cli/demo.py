"""``klantreis seed-demo`` (a demo organisation) and ``klantreis demo`` (the digital twin,
its report, and the application served on its data)."""

from __future__ import annotations

import os
import secrets
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.app.demo import SeedSummary, seed_demo
from klantreis.cli import twin
from klantreis.cli.common import ready_container
from klantreis.core.access import Role, create_api_key
from klantreis.core.case import CaseState
from klantreis.core.console import console
from klantreis.core.link_paths import Page, case_address
from klantreis.sim.population import generate
from klantreis.staff.audit import CLI
from klantreis.staff.service import create_first_admin
from klantreis.twin.config import Policy
from klantreis.twin.report import write_report
from klantreis.twin.run import database_path

Households = Annotated[int, typer.Option(min=10, max=200_000, help="Customers to generate")]
Technicians = Annotated[int, typer.Option(min=1, max=500, help="Technicians to generate")]
Seed = Annotated[int, typer.Option("--seed", help="Random seed: the same seed gives the same demo")]


def seed(container: Container, households: int, technicians: int, seed: int) -> SeedSummary:
    from klantreis.core.postcodes import Pc4Gazetteer

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
    households: twin.Households = 3000,
    technicians: twin.Technicians = twin.DEFAULT_CONFIG.technicians,
    weeks: twin.Weeks = 4,
    seed_: twin.Seed = 7,
    start: twin.Start = twin.START_DEFAULT,
    out: twin.Out = Path("twin-output"),
    euro_per_hour: twin.EuroPerHour = twin.DEFAULT_RATES.euro_per_hour,
    euro_per_km: twin.EuroPerKm = twin.DEFAULT_RATES.euro_per_km,
) -> None:
    """Run the digital twin (all policies), write its report, then serve the application on
    the predictive policy's data until stopped."""
    config = twin.twin_config(
        households, technicians, weeks, seed_, start, euro_per_hour, euro_per_km
    )
    run, seconds = twin.run_with_progress(config, out)
    twin.print_table(run)
    files = write_report(run, out)
    console.print(f"twin run: {seconds:.0f} s")
    console.print(f"[bold]Report[/]     {files.html.resolve().as_uri()}", soft_wrap=True)
    for png in files.pngs:
        console.print(f"[bold]Chart[/]      {png.resolve()}", soft_wrap=True)
    console.print(f"[bold]Table[/]      {files.table.resolve()}", soft_wrap=True)
    database = database_path(out, Policy.PREDICTIVE)
    url = f"sqlite:///{database.resolve()}"
    os.environ["KLANTREIS_DATABASE_URL"] = url  # the served application reads the twin's data
    os.environ["KLANTREIS_SECRET_KEY"] = demo_secret(out)  # ... and signs with this folder's key
    container = bootstrap(Settings())
    base = f"http://{host}:{port}"
    print_links(container, base, config.start)
    container.dispose()
    if serve:
        from klantreis.cli.serve import run_server

        run_server(host, port)


DEMO_ADMIN = "admin@klantreis.example"


def demo_secret(folder: Path) -> str:
    """This demo folder's own secret (made once, readable by its owner only): links printed
    for one demo are worthless for any other, and nothing runs on the public default."""
    path = folder / "secret.key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return path.read_text().strip()


def print_links(container: Container, base: str, first_day: date) -> None:
    """Where to look: a customer's booking and tracking pages, a technician's day, the
    planner's day and the analysts' page, all on the twin's data."""
    busy_day = first_day + timedelta(days=8)
    with container.uow_factory(read_only=True) as uow:
        waiting = [
            c
            for state in (CaseState.INVITED, CaseState.NO_SHOW, CaseState.OPENED)
            for c in uow.cases.list(0, 3, state=state)
        ][:3]
        resolved = uow.cases.list(0, 2, state=CaseState.RESOLVED)
        planned = uow.plans.for_day(busy_day)
        fleet = [d.serial for d in uow.devices.list(0, 1_000_000)]  # one gateway for them all
    # The technician's key is for the technician whose day is shown: it reaches their cases.
    technician = planned[0][1] if planned else None
    with container.uow_factory() as uow:
        keys = {
            role: create_api_key(
                uow,
                container.clock,
                f"demo {role.value}",
                role,
                fleet if role is Role.DEVICE else (),
                technician if role is Role.TECHNICIAN else None,
            )
            for role in Role
            if (role is not Role.DEVICE or fleet) and (role is not Role.TECHNICIAN or technician)
        }
        uow.commit()
    console.print("\n[bold]Booking pages[/] (a customer's personal link):")
    for case in waiting:
        console.print(
            f"  {case_address(base, container.links, Page.BOOKING, case.id)}", soft_wrap=True
        )
    console.print("[bold]Tracking pages[/] (visits that took place):")
    for case in resolved:
        console.print(
            f"  {case_address(base, container.links, Page.TRACKING, case.id)}", soft_wrap=True
        )
    if planned:
        route = f"{base}/staff/technician?day={busy_day.isoformat()}&technician={planned[0][1]}"
        console.print(f"[bold]Technician's day[/] {route}", soft_wrap=True)
    console.print(f"[bold]Planner's day[/]    {base}/staff/planner?day={busy_day}", soft_wrap=True)
    console.print(f"[bold]Analysts' page[/]   {base}/staff/analytics", soft_wrap=True)
    console.print(f"[bold]API docs[/]         {base}/docs")
    with container.uow_factory() as uow:
        password = create_first_admin(uow, container.clock, CLI, DEMO_ADMIN)
        uow.commit()
    console.print(f"[bold]Staff console[/]    {base}/staff", soft_wrap=True)
    if password:
        console.print(
            f"  first admin: {DEMO_ADMIN}, password (shown once): {password}",
            soft_wrap=True,
            highlight=False,
        )
    for role, key in keys.items():
        console.print(f"[bold]{role.value:<10}[/] X-API-Key: {key}")
