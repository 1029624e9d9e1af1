"""``klantreis model`` (the fleet failure model) and ``klantreis maintenance``."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from klantreis.domain.errors import InvalidValue
from klantreis.domain.maintenance import MaintenanceWindow
from klantreis.entrypoints.cli.common import console, errors, progress_bar, ready_container
from klantreis.services.errors import ServiceError
from klantreis.services.telemetry.maintenance import run_maintenance
from klantreis.services.telemetry.ports import ModelRejected
from klantreis.services.telemetry.scoring import scan_fleet
from klantreis.services.telemetry.training import train_fleet_model

model_app = typer.Typer(help="The fleet failure model.", no_args_is_help=True)


@model_app.command("train")
def train_command(
    history_days: Annotated[int, typer.Option(min=21, max=400)] = 90,
    out: Annotated[Path | None, typer.Option(help="Also write the model file here")] = None,
) -> None:
    """Train on the fleet's telemetry, evaluate on held-out devices, store a new version."""
    container = ready_container()
    with container.uow_factory() as uow, progress_bar() as progress:
        task = progress.add_task("building training windows", total=None)
        try:
            report = train_fleet_model(
                uow,
                container.clock,
                container.model_codec,
                timedelta(days=history_days),
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
        except ServiceError as error:
            errors.print(f"[red]{error.detail}[/]")
            raise typer.Exit(2) from None
        uow.commit()
        stored = uow.models.latest()
    assert stored is not None
    if out is not None:
        out.write_bytes(stored.artifact)
    table = Table(title=f"fleet model v{report.version}: held-out devices")
    for column in ("mode", "failures", "ROC-AUC", "PR-AUC", "recall@90%P"):
        table.add_column(column, justify="right")
    modes = report.evaluation.get("modes", {})
    assert isinstance(modes, dict)
    for mode, scores in {**modes, "any": report.evaluation.get("any_failure", {})}.items():
        table.add_row(
            mode,
            str(scores.get("positives")),
            str(scores.get("roc_auc")),
            str(scores.get("pr_auc")),
            str(scores.get("recall_at_90_precision")),
        )
    console.print(table)
    console.print(
        f"[green]v{report.version}[/] trained on {report.rows} windows of "
        f"{report.devices} devices" + (f"; written to {out}" if out else "")
    )


@model_app.command("load")
def load_command(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Register a model file as the newest version (refused if it does not fit)."""
    container = ready_container()
    data = file.read_bytes()
    try:
        container.model_codec.load(data)
    except ModelRejected as rejected:
        errors.print(f"[red]{file}: {rejected}[/]")
        raise typer.Exit(2) from None
    from klantreis.adapters.fleet.model import read_manifest

    manifest = read_manifest(data)
    with container.uow_factory() as uow:
        version = uow.models.add(manifest.trained_at, manifest.model_dump(mode="json"), data)
        uow.commit()
    console.print(f"[green]{file.name} registered as v{version}[/]")


@model_app.command("list")
def list_command() -> None:
    """Every stored version with its held-out evaluation."""
    container = ready_container()
    with container.uow_factory(read_only=True) as uow:
        models = uow.models.list()
    for model in models:
        evaluation = model.manifest.get("evaluation", {})
        any_failure = evaluation.get("any_failure", {}) if isinstance(evaluation, dict) else {}
        console.print(
            f"v{model.version}  trained {model.trained_at:%Y-%m-%d %H:%M} UTC  "
            f"{json.dumps(any_failure)}"
        )


@model_app.command("scan")
def scan_command() -> None:
    """Score every reporting device; open a predicted case where waiting would cost more than
    a visit (the rates: KLANTREIS_PREDICT_*), as far as the technicians' spare time allows."""
    container = ready_container()
    try:
        policy = container.scan_policy()
    except InvalidValue as invalid:
        errors.print(f"[red]KLANTREIS_{invalid.field.upper()}: {invalid.message}[/]")
        raise typer.Exit(2) from None
    with container.uow_factory() as uow, progress_bar() as progress:
        task = progress.add_task("scoring devices", total=None)
        try:
            report = scan_fleet(
                uow,
                container.clock,
                container.model_codec,
                policy,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
                messenger=container.messenger,
            )
        except ServiceError as error:
            errors.print(f"[red]{error.detail}[/]")
            raise typer.Exit(2) from None
        uow.commit()
    console.print(
        f"model v{report.model_version}: {report.devices_scored} devices scored "
        f"(failure rate {report.trained_rate:.2%} where it learned, {report.fleet_rate:.2%} "
        f"in this fleet), {report.worth_a_visit} worth a visit, [green]"
        f"{len(report.cases_opened)} predicted case(s) opened[/], {report.over_capacity} over "
        f"capacity, {report.skipped_open_case} skipped (case already open)"
    )


def maintenance_command(
    lead_days: Annotated[int, typer.Option(help="Open at most this long before due")] = 56,
    notice_days: Annotated[int, typer.Option(help="Open at least this long before due")] = 21,
) -> None:
    """Plan periodic services over the weeks before they fall due; open today's cases."""
    try:
        window = MaintenanceWindow(lead_days, notice_days)
    except InvalidValue as invalid:
        errors.print(f"[red]{invalid.message}[/]")
        raise typer.Exit(2) from None
    container = ready_container()
    with container.uow_factory() as uow:
        report = run_maintenance(uow, container.clock, window, container.messenger)
        uow.commit()
    console.print(
        f"{report.planned} service visit(s) newly planned; [green]{len(report.opened)} case(s) "
        f"opened today[/] ({report.invited} invited); {report.joined_open_case} joined a case "
        "already open"
    )
