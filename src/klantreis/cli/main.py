"""The ``klantreis`` command."""

from __future__ import annotations

import typer

from klantreis.analytics.cli import analytics_app
from klantreis.analytics.events_cli import events_app
from klantreis.cli.bench import bench_app
from klantreis.cli.bench_analytics import bench_analytics
from klantreis.cli.bench_booking import bench_booking
from klantreis.cli.bench_diagnosis import bench_diagnosis
from klantreis.cli.bench_fleet import bench_fleet
from klantreis.cli.bench_plan import bench_plan
from klantreis.cli.bench_routing import bench_routing
from klantreis.cli.bench_scan import bench_scan
from klantreis.cli.bench_slots import bench_slots
from klantreis.cli.bench_telemetry import bench_telemetry
from klantreis.cli.bench_triage import bench_triage
from klantreis.cli.demo import demo_command, seed_demo_command
from klantreis.cli.keys import keys_app
from klantreis.cli.serve import serve_command
from klantreis.cli.telemetry import telemetry_app
from klantreis.cli.twin import bench_twin
from klantreis.cli.worker import worker_command
from klantreis.imports.cli import db_app, import_command
from klantreis.inbound.cli import inbox_command
from klantreis.planning.cli import plan_command
from klantreis.telemetry.fleet_cli import maintenance_command, model_app

app = typer.Typer(
    help="Klantreis: the service journey of connected appliances.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
app.add_typer(keys_app, name="apikey")
bench_app.command("slots")(bench_slots)
bench_app.command("booking")(bench_booking)
bench_app.command("routing")(bench_routing)
bench_app.command("plan")(bench_plan)
bench_app.command("scan")(bench_scan)
bench_app.command("diagnosis")(bench_diagnosis)
bench_app.command("fleet")(bench_fleet)
bench_app.command("telemetry")(bench_telemetry)
bench_app.command("triage")(bench_triage)
bench_app.command("analytics")(bench_analytics)
bench_app.command("twin")(bench_twin)
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
