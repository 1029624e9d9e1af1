"""``klantreis import``: customers, devices and technicians from a legacy system's CSV."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Protocol

import typer
from rich.table import Table
from sqlalchemy import Engine

from klantreis.core.commands import container_of
from klantreis.core.console import console, errors, progress_bar
from klantreis.core.ports import Gazetteer, UnitOfWork
from klantreis.imports import ImportKind, ImportReport, import_csv


class ImportCommandsNeed(Protocol):
    @property
    def engine(self) -> Engine: ...
    @property
    def gazetteer(self) -> Gazetteer: ...
    @property
    def uow_factory(self) -> Callable[..., UnitOfWork]: ...


class Kind(StrEnum):
    customers = "customers"
    devices = "devices"
    technicians = "technicians"


def import_command(
    ctx: typer.Context,
    kind: Annotated[Kind, typer.Argument(help="What the file holds")],
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    partial: Annotated[bool, typer.Option(help="Write the good rows and skip the bad")] = False,
) -> None:
    """Import a CSV file; every bad row is named; nothing is written unless all rows are good."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        errors.print(f"[red]{file}: not UTF-8 (byte {exc.start})[/]")
        raise typer.Exit(2) from exc
    total = max(text.count("\n") - 1, 1)
    container: ImportCommandsNeed = container_of(ctx)
    with (
        container.uow_factory() as uow,
        progress_bar() as progress,
    ):
        task = progress.add_task(f"checking {kind.value}", total=total)
        report = import_csv(
            uow,
            container.gazetteer,
            ImportKind(kind.value),
            text,
            all_or_nothing=not partial,
            progress=lambda n: progress.advance(task, n),
        )
        if report.written:
            uow.commit()
    _show(report, file)
    if not report.ok:
        raise typer.Exit(1)


def _show(report: ImportReport, file: Path) -> None:
    if report.errors and errors.is_terminal:
        table = Table(title=f"{file.name}: {len(report.errors)} problem(s)")
        for column in ("row", "field", "problem"):
            table.add_column(column)
        for error in report.errors[:200]:
            table.add_row(str(error.row), error.field, error.message)
        errors.print(table)
        if len(report.errors) > 200:
            errors.print(f"... and {len(report.errors) - 200} more")
    elif report.errors:  # plain lines for scripts and logs
        for error in report.errors:
            errors.print(f"{file.name}: {error}", highlight=False, soft_wrap=True)
    if report.written:
        console.print(
            f"[green]{report.kind.value}: {report.created} created, "
            f"{report.updated} updated, {report.skipped} skipped[/] "
            f"({report.rows} rows)"
        )
    else:
        errors.print(
            f"[red]nothing written[/] ({report.rows} rows checked); "
            "fix the rows above or use --partial"
        )
