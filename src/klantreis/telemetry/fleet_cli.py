"""``klantreis model`` (the fleet failure model) and ``klantreis maintenance``."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Protocol

import typer
from rich.table import Table

from klantreis.core.commands import container_of
from klantreis.core.console import console, errors, progress_bar
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import ServiceError
from klantreis.telemetry.fleet_features import feature_set
from klantreis.telemetry.maintenance import MaintenanceWindow
from klantreis.telemetry.maintenance_service import run_maintenance
from klantreis.telemetry.ports import ModelCodec, ModelRejected
from klantreis.telemetry.scoring import ScanPolicy, scan_fleet
from klantreis.telemetry.training import (
    MAX_TRAINING_DEVICES,
    TrainingReport,
    train_fleet_model,
)
from klantreis.telemetry.wiring import TelemetryWiring


class ModelCommandsNeed(TelemetryWiring, Protocol):
    """The routes' wiring, the model files' codec and the scan's policy."""

    @property
    def model_codec(self) -> ModelCodec: ...
    def scan_policy(self) -> ScanPolicy: ...


model_app = typer.Typer(help="The fleet failure model.", no_args_is_help=True)


@model_app.command("train")
def train_command(
    ctx: typer.Context,
    history_days: Annotated[int, typer.Option(min=21, max=400)] = 90,
    out: Annotated[
        Path | None, typer.Option(help="Also write each kind's model file into this folder")
    ] = None,
    max_devices: Annotated[
        int,
        typer.Option(min=50, help="Above this, every failed device and a sample of the rest"),
    ] = MAX_TRAINING_DEVICES,
) -> None:
    """Train one model per appliance kind on its fleet's telemetry, evaluate it on held-out
    devices beside the current champion, and store it (promoted only if it does better)."""
    container: ModelCommandsNeed = container_of(ctx)
    with container.uow_factory() as uow, progress_bar() as progress:
        task = progress.add_task("building training windows", total=None)
        try:
            outcome = train_fleet_model(
                uow,
                container.clock,
                container.model_codec,
                container.appliances,
                timedelta(days=history_days),
                progress=lambda done, total: progress.update(task, completed=done, total=total),
                max_devices=max_devices,
            )
        except ServiceError as error:
            errors.print(f"[red]{error.detail}[/]")
            raise typer.Exit(2) from None
        uow.commit()
        stored = {m.version: m for m in uow.models.list()}
    for report in outcome.trained:
        _print_training(report)
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{report.kind}.model").write_bytes(stored[report.version].artifact)
    for kind, why in outcome.skipped.items():
        console.print(f"[yellow]{kind}: not trained: {why}[/]")
    if out is not None:
        console.print(f"model files written to {out}")


def _print_training(report: TrainingReport) -> None:
    table = Table(title=f"{report.kind} model v{report.version}: held-out devices")
    for column in ("mode", "failures", "ROC-AUC", "PR-AUC", "recall@90%P", "Brier"):
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
            str(scores.get("brier")),
        )
    console.print(table)
    versus = report.evaluation.get("versus_champion")
    if report.champion_version is None or not isinstance(versus, dict):
        verdict = "[green]promoted[/] (no champion to beat)"
    elif not versus.get("champion_usable"):
        verdict = (
            f"[green]promoted[/] (v{report.champion_version} unusable: {versus.get('reason')})"
        )
    else:
        verdict = (
            f"{'[green]promoted[/]' if report.promoted else '[yellow]kept as challenger[/]'}: "
            f"Brier {versus['challenger_brier']} against v{report.champion_version}'s "
            f"{versus['champion_brier']} on the same {versus['rows']} held-out windows"
        )
    console.print(
        f"v{report.version} trained on {report.rows} windows of {report.devices} devices "
        f"(of {report.devices_reporting} reporting); " + verdict
    )


@model_app.command("load")
def load_command(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]
) -> None:
    """Register a model file as its kind's newest version (refused if it fits no kind)."""
    container: ModelCommandsNeed = container_of(ctx)
    data = file.read_bytes()
    from klantreis.telemetry.fleet.model import ModelFileError, read_manifest

    try:
        manifest = read_manifest(data)
    except ModelFileError as error:
        errors.print(f"[red]{file}: {error}[/]")
        raise typer.Exit(2) from None
    sets = {feature_set(k): k for k in container.appliances.kinds.values()}
    kind = sets.get(manifest.feature_set)
    if kind is None:
        errors.print(
            f"[red]{file}: the model is for feature set '{manifest.feature_set}', which fits "
            f"no kind in the catalogue ({', '.join(sorted(sets))})[/]"
        )
        raise typer.Exit(2)
    try:
        container.model_codec.load(data, kind)
    except ModelRejected as rejected:
        errors.print(f"[red]{file}: {rejected}[/]")
        raise typer.Exit(2) from None
    with container.uow_factory() as uow:
        version = uow.models.add(
            kind.kind, manifest.trained_at, manifest.model_dump(mode="json"), data
        )
        uow.commit()
    console.print(f"[green]{file.name} registered as the {kind.kind} model v{version}[/]")


@model_app.command("list")
def list_command(ctx: typer.Context) -> None:
    """Every stored version with its kind, whether it scores, and its held-out evaluation."""
    container: ModelCommandsNeed = container_of(ctx)
    with container.uow_factory(read_only=True) as uow:
        models = uow.models.list()
    for model in models:
        evaluation = model.manifest.get("evaluation", {})
        any_failure = evaluation.get("any_failure", {}) if isinstance(evaluation, dict) else {}
        training = model.manifest.get("training", {})
        rows = training.get("rows") if isinstance(training, dict) else None
        role = "promoted" if model.promoted else "challenger"
        console.print(
            f"v{model.version}  {model.kind}  {role}  trained {model.trained_at:%Y-%m-%d %H:%M} "
            f"UTC on {rows} windows  {json.dumps(any_failure)}"
        )


@model_app.command("scan")
def scan_command(ctx: typer.Context) -> None:
    """Score every reporting device by its kind's model; open a predicted case where waiting
    would cost more than a visit (the rates: KLANTREIS_PREDICT_*), as far as the
    technicians' spare time allows."""
    container: ModelCommandsNeed = container_of(ctx)
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
                container.appliances,
                policy,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
                messenger=container.messenger,
            )
        except ServiceError as error:
            errors.print(f"[red]{error.detail}[/]")
            raise typer.Exit(2) from None
        uow.commit()
    for kind, scan in report.kinds.items():
        console.print(
            f"{kind} model v{scan.model_version}: {scan.devices_scored} devices scored "
            f"(failure rate {scan.trained_rate:.2%} where it learned, {scan.fleet_rate:.2%} "
            f"in this fleet)"
        )
    for why in report.rejected.values():
        console.print(f"[yellow]{why}: not scored (run `klantreis model train`)[/]")
    for kind in report.unmodelled:
        console.print(f"[yellow]{kind}: no model yet (run `klantreis model train`)[/]")
    console.print(
        f"{report.worth_a_visit} worth a visit, [green]{len(report.cases_opened)} predicted "
        f"case(s) opened[/], {report.over_capacity} over capacity, "
        f"{report.skipped_open_case} skipped (case already open)"
    )


def maintenance_command(
    ctx: typer.Context,
    lead_days: Annotated[int, typer.Option(help="Open at most this long before due")] = 56,
    notice_days: Annotated[int, typer.Option(help="Open at least this long before due")] = 21,
) -> None:
    """Plan periodic services over the weeks before they fall due; open today's cases."""
    try:
        window = MaintenanceWindow(lead_days, notice_days)
    except InvalidValue as invalid:
        errors.print(f"[red]{invalid.message}[/]")
        raise typer.Exit(2) from None
    container: ModelCommandsNeed = container_of(ctx)
    with container.uow_factory() as uow:
        report = run_maintenance(uow, container.clock, window, container.messenger)
        uow.commit()
    console.print(
        f"{report.planned} service visit(s) newly planned; [green]{len(report.opened)} case(s) "
        f"opened today[/] ({report.invited} invited); {report.joined_open_case} joined a case "
        "already open"
    )
