"""The ``klantreis`` command."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from klantreis.analytics.cli import AnalyticsCommandsNeed, analytics_app
from klantreis.analytics.events_cli import EventCommandsNeed, events_app
from klantreis.app.bootstrap import Container
from klantreis.cli.bench import bench_app, load_benchmarks
from klantreis.cli.common import ready_container
from klantreis.cli.db import db_app
from klantreis.cli.demo import demo_command, seed_demo_command
from klantreis.cli.keys import keys_app
from klantreis.cli.serve import serve_command
from klantreis.cli.telemetry import telemetry_app
from klantreis.cli.twin import bench_twin
from klantreis.cli.worker import worker_command
from klantreis.imports.cli import ImportCommandsNeed, import_command
from klantreis.inbound.cli import InboxCommandsNeed, inbox_command
from klantreis.planning.cli import PlanCommandsNeed, plan_command
from klantreis.staff.cli import UserCommandsNeed, audit_app, user_app
from klantreis.telemetry.fleet_cli import ModelCommandsNeed, maintenance_command, model_app

app = typer.Typer(
    help="Klantreis: the service journey of connected appliances.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _hand_commands_the_container(ctx: typer.Context) -> None:
    """Klantreis: the service journey of connected appliances."""
    ctx.obj = ready_container  # opened by a command that asks (klantreis.core.commands)


if TYPE_CHECKING:

    def _the_container_serves_every_capability_s_commands(container: Container) -> None:
        """Checked by mypy: the container is what each capability's commands say they need."""
        needs: tuple[
            AnalyticsCommandsNeed,
            EventCommandsNeed,
            ImportCommandsNeed,
            InboxCommandsNeed,
            PlanCommandsNeed,
            ModelCommandsNeed,
            UserCommandsNeed,
        ] = (container,) * 7
        del needs


app.add_typer(db_app, name="db")
app.add_typer(keys_app, name="apikey")
app.add_typer(user_app, name="user")
app.add_typer(audit_app, name="audit")
bench_app.command("twin")(bench_twin)
load_benchmarks(bench_app)
app.add_typer(bench_app, name="bench")
app.add_typer(telemetry_app, name="telemetry")
app.add_typer(model_app, name="model")
app.add_typer(analytics_app, name="analytics")
app.add_typer(events_app, name="events")
app.command("maintenance")(maintenance_command)
app.command("worker")(worker_command)
app.command("inbox")(inbox_command)
app.command("serve")(serve_command)
app.command("import")(import_command)
app.command("seed-demo")(seed_demo_command)
app.command("demo")(demo_command)
app.command("plan")(plan_command)


if __name__ == "__main__":
    app()
