"""``klantreis bench routing``: PyVRP on the Solomon instances, OR-Tools side by side."""

from __future__ import annotations

import csv
import statistics
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress

from klantreis.cli.bench import emit
from klantreis.core.console import console
from klantreis.planning.solvers.ortools_solver import solve_with_ortools
from klantreis.planning.solvers.pyvrp_solver import solve_with_pyvrp
from klantreis.planning.solvers.solomon import VrptwInstance, judge, read_solomon


class Solver(StrEnum):
    pyvrp = "pyvrp"
    ortools = "ortools"
    both = "both"


def bench_routing(
    instances: Annotated[Path, typer.Option(exists=True, file_okay=False)] = Path(
        "../shared/data/solomon"
    ),
    seconds: Annotated[
        float, typer.Option(min=0.1, help="Time limit per instance and solver")
    ] = 10.0,
    solver: Solver = Solver.both,
    only: Annotated[str, typer.Option(help="Comma-separated instance names (default: all)")] = "",
    seed: int = 1,
) -> None:
    """Distance-only objective; gaps against ``bks_distonly_distance`` (suspect rows skipped)."""
    best_known = _best_known(instances / "BKS.csv")
    names = sorted(n for n in best_known if not only or n in only.split(","))
    rows: list[dict[str, Any]] = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("solving", total=len(names))
        for name in names:
            instance = read_solomon(instances / f"{name}.txt")
            rows.append(_run(instance, best_known[name], solver, seconds, seed))
            progress.advance(task)
    pyvrp_rows = [r for r in rows if "cost" in r]
    figures: dict[str, Any] = {
        "name": "routing",
        "seconds": seconds,
        "solver": solver.value,
        "seed": seed,
        "instances_run": len(rows),
        "all_feasible": all(r["feasible"] for r in pyvrp_rows),
        "mean_gap_pct": round(statistics.mean(r["gap_pct"] for r in pyvrp_rows), 3)
        if pyvrp_rows
        else None,
    }
    if solver is Solver.both:
        solved = [r["ortools_gap_pct"] for r in rows if r["ortools_feasible"]]
        # Over the instances OR-Tools solved; where it found no feasible plan PyVRP wins.
        figures["ortools_mean_gap_pct"] = round(statistics.mean(solved), 3) if solved else None
        figures["ortools_without_feasible_solution"] = len(rows) - len(solved)
        figures["better_than_ortools_pct"] = round(
            100 * sum(_beats(r) for r in rows) / len(rows), 1
        )
        # Where both reach the best-known solution neither can be better: count those apart.
        ties = sum(
            not _beats(r)
            and r["ortools_cost"] is not None
            and abs(r["cost"] - r["ortools_cost"]) < 1e-6
            for r in rows
        )
        figures["ties_with_ortools"] = ties
        figures["not_worse_than_ortools_pct"] = round(
            100 * (sum(_beats(r) for r in rows) + ties) / len(rows), 1
        )
    figures["instances"] = rows
    emit("bench routing", figures)
    if pyvrp_rows and not figures["all_feasible"]:
        raise typer.Exit(1)


def _run(
    instance: VrptwInstance, bks: float, solver: Solver, seconds: float, seed: int
) -> dict[str, Any]:
    row: dict[str, Any] = {"name": instance.name, "bks": bks}
    if solver in (Solver.pyvrp, Solver.both):
        run = solve_with_pyvrp(instance, seconds, seed)
        verdict = judge(instance, run.routes)
        row.update(
            cost=round(verdict.distance, 2),
            feasible=verdict.feasible,
            gap_pct=round((verdict.distance - bks) / bks * 100, 3),
            seconds=round(run.seconds, 2),
            vehicles=len(run.routes),
        )
        if not verdict.feasible:
            row["problem"] = verdict.problem
    if solver in (Solver.ortools, Solver.both):
        run = solve_with_ortools(instance, seconds)
        verdict = judge(instance, run.routes)
        cost = verdict.distance
        row.update(
            ortools_cost=round(cost, 2) if verdict.feasible else None,
            ortools_feasible=verdict.feasible,
            ortools_gap_pct=round((cost - bks) / bks * 100, 3) if verdict.feasible else None,
        )
    return row


def _best_known(path: Path) -> dict[str, float]:
    with path.open() as handle:
        return {
            row["instance"]: float(row["bks_distonly_distance"])
            for row in csv.DictReader(handle)
            if not row["distonly_suspect"].strip()
        }


def _beats(row: dict[str, Any]) -> bool:
    """PyVRP's plan is feasible and shorter than OR-Tools' (or OR-Tools found none)."""
    if not row["feasible"]:
        return False
    return row["ortools_cost"] is None or row["cost"] < row["ortools_cost"] - 1e-6
