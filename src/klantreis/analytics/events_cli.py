"""``klantreis events import``: journey events from other systems (CSV or JSON)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Protocol

import typer
from pydantic import ValidationError

from klantreis.core.commands import container_of
from klantreis.core.console import console, errors
from klantreis.core.journey_config import load_journey
from klantreis.core.journey_log import append_events
from klantreis.core.ports import UnitOfWork
from klantreis.core.records import EventRecord


class EventCommandsNeed(Protocol):
    @property
    def uow_factory(self) -> Callable[..., UnitOfWork]: ...


events_app = typer.Typer(help="The journey event log.", no_args_is_help=True)


def _rows(file: Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number as people count it, fields); JSON: a list of objects, row = position + 1."""
    text = file.read_text("utf-8")
    if file.suffix == ".json":
        data = json.loads(text)
        if not isinstance(data, list):
            raise ValueError("a JSON file must hold a list of events")
        return [(i, item if isinstance(item, dict) else {}) for i, item in enumerate(data, start=1)]
    found = []
    for row, record in enumerate(csv.DictReader(text.splitlines()), start=2):
        fields: dict[str, Any] = {k: v for k, v in record.items() if k and v not in ("", None)}
        if "properties" in fields:
            fields["properties"] = json.loads(fields["properties"])
        found.append((row, fields))
    return found


@events_app.command("import")
def import_events(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Append events (CSV with customer_id, case_id, phase, touchpoint, channel, occurred_at
    and optionally properties as JSON; or a JSON list). Bad rows are named; good rows kept."""
    try:
        rows = _rows(file)
    except (ValueError, UnicodeDecodeError) as error:
        errors.print(f"[red]{file}: {error}[/]")
        raise typer.Exit(2) from None
    problems: list[str] = []
    records: list[tuple[int, EventRecord]] = []
    for row, fields in rows:
        try:
            records.append((row, EventRecord.model_validate(fields)))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "row"
            problems.append(f"row {row}, field '{where}': {first['msg']}")
    container: EventCommandsNeed = container_of(ctx)
    with container.uow_factory() as uow:
        result = append_events(uow, [r for _, r in records], load_journey())
        uow.commit()
    problems += [
        f"row {records[r.index][0]}, field '{r.field}': {r.reason}" for r in result.rejected
    ]
    for problem in problems:
        errors.print(f"{file.name}: {problem}", highlight=False, soft_wrap=True)
    console.print(f"[green]{len(result.accepted)} events stored[/], {len(problems)} refused")
    if problems:
        raise typer.Exit(1)
