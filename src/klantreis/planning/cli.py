"""``klantreis plan --date D``: optimise a day's routes and show them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Protocol
from urllib.parse import urlencode

import typer
from rich.table import Table

from klantreis.core.commands import container_of
from klantreis.core.common import Language
from klantreis.core.console import console
from klantreis.core.i18n import clock
from klantreis.core.time_window import TimeWindow
from klantreis.planning.planner_page import PATH as PLANNER_PATH
from klantreis.planning.replan import plan_the_day
from klantreis.planning.solvers.pyvrp_day import PlanCosts
from klantreis.planning.technician_page import PATH as TECHNICIAN_PATH
from klantreis.planning.tracking import eta_within
from klantreis.planning.wiring import PlanningWiring


class PlanSettings(Protocol):
    @property
    def public_base_url(self) -> str: ...
    @property
    def plan_euro_per_hour(self) -> float: ...
    @property
    def plan_euro_per_km(self) -> float: ...


class PlanCommandsNeed(PlanningWiring, Protocol):
    """The pages' wiring, and the rates the day plan prices its routes with."""

    @property
    def settings(self) -> PlanSettings: ...


def plan_command(
    ctx: typer.Context,
    day: Annotated[str, typer.Option("--date", help="The day to plan, YYYY-MM-DD")],
    seconds: Annotated[float, typer.Option(min=0.5, help="Solver time limit")] = 10.0,
    keep_assignments: Annotated[
        bool,
        typer.Option(
            help="Re-plan after a change: keep every visit with its technician where possible"
        ),
    ] = False,
) -> None:
    """Plan a day: every booked window kept, routes optimised, what did not fit named."""
    try:
        chosen = date.fromisoformat(day)
    except ValueError as exc:
        raise typer.BadParameter(
            f"'{day}' is not a date like 2026-05-11", param_hint="--date"
        ) from exc
    container: PlanCommandsNeed = container_of(ctx)
    settings = container.settings
    costs = PlanCosts.priced(settings.plan_euro_per_hour, settings.plan_euro_per_km)
    with console.status(f"planning {chosen} ({seconds:g} s)"), container.uow_factory() as uow:
        planned = plan_the_day(
            uow,
            container.clock,
            container.travel,
            costs,
            container.messenger,
            chosen,
            seconds,
            keep_assignments,
        )
        uow.commit()
    names = {c.technician_id: c.name for c in planned.crew}
    base = container.settings.public_base_url.rstrip("/")
    for tech_id, route in sorted(planned.plan.routes.items(), key=lambda r: names[r[0]]):
        if not route:
            continue
        table = Table(
            title=f"{names[tech_id]}: {len(route)} visits, {planned.km.get(tech_id, 0):.0f} km"
        )
        for column in ("#", "visit", "window", "ETA"):
            table.add_column(column)
        for stop in route:
            arrival = planned.arrival(stop.arrival)
            window = TimeWindow(
                planned.arrival(stop.visit.earliest), planned.arrival(stop.visit.latest)
            )
            eta = eta_within(arrival, window)
            table.add_row(
                str(stop.position + 1),
                stop.visit.label,
                f"{clock(window.start, Language.NL)}-{clock(window.end, Language.NL)}",
                f"{clock(eta[0], Language.NL)}-{clock(eta[1], Language.NL)}",
            )
        console.print(table)
        query = urlencode({"day": chosen.isoformat(), "technician": tech_id})
        console.print(
            f"  technician's route: {base}{TECHNICIAN_PATH}?{query}",
            highlight=False,
            soft_wrap=True,
        )
    console.print(
        f"planner's page: {base}{PLANNER_PATH}?day={chosen.isoformat()}",
        highlight=False,
        soft_wrap=True,
    )
    for problem in planned.plan.problems:
        console.print(
            f"[yellow]not planned:[/] {problem.subject}: {problem.reason.value}"
            + (f" ({problem.detail})" if problem.detail else ""),
            highlight=False,
        )
    console.print(
        f"{planned.plan.planned} visits planned for {len(planned.crew)} technicians, "
        f"{sum(planned.km.values()):.0f} km; {planned.moved} moved to another technician; "
        f"{len(planned.plan.problems)} problem(s)"
    )
