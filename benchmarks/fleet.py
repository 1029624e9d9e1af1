"""``klantreis bench fleet``: remaining useful life on run-to-failure files, beside a naive
baseline (the average life minus the time so far)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

from klantreis.cli.bench import emit
from klantreis.core.console import errors, progress_bar
from klantreis.sim.run_to_failure import write_twin_files
from klantreis.telemetry.fleet.run_to_failure import (
    RemainingLife,
    RunToFailureError,
    concordance,
    phm08_score,
    read_truth,
    read_units,
    rmse,
)

File = Annotated[Path | None, typer.Option(dir_okay=False)]


def bench_fleet(
    train: File = None,
    test: File = None,
    truth: File = None,
    twin: Annotated[
        bool, typer.Option(help="Build the three files from the twin's boilers")
    ] = False,
    cap: Annotated[float, typer.Option(min=1, help="Remaining time is capped at this")] = 125,
    units: Annotated[int, typer.Option(min=10, help="With --twin: training units")] = 200,
    seed: int = 7,
) -> None:
    """RMSE of the remaining time at each test unit's last row, the PHM08 score, the
    concordance index, and the naive baseline; JSON on the last line."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        if twin:
            files = write_twin_files(Path(folder), units, max(10, units // 2), seed)
            train, test, truth = files.train, files.test, files.truth
        if train is None or test is None or truth is None:
            errors.print("[red]give --train, --test and --truth, or --twin[/]")
            raise typer.Exit(2)
        try:
            with progress_bar() as progress:
                task = progress.add_task("reading and training", total=3)
                training = read_units(train)
                testing = read_units(test, training.sensors)
                remaining = read_truth(truth, testing)
                progress.advance(task)
                model = RemainingLife.fit(training, cap, seed)
                progress.advance(task)
                predicted = model.predict_last(testing)
                naive = model.naive_last(testing)
                progress.advance(task)
        except RunToFailureError as error:
            errors.print(f"[red]{error}[/]")
            raise typer.Exit(2) from None
    units_tested = sorted(predicted)
    actual = [min(cap, remaining[u]) for u in units_tested]
    ours = [predicted[u] for u in units_tested]
    base = [naive[u] for u in units_tested]
    ours_rmse, base_rmse = rmse(ours, actual), rmse(base, actual)
    figures = {
        "name": "fleet",
        "data": "twin" if twin else str(train.parent),
        "train_units": len(training.times),
        "test_units": len(units_tested),
        "sensors": len(training.sensors),
        "cap": cap,
        "rmse": round(ours_rmse, 3),
        "phm08_score": round(phm08_score(ours, actual), 1),
        "c_index": round(concordance(ours, actual), 4),
        "baseline_rmse": round(base_rmse, 3),
        "baseline_phm08_score": round(phm08_score(base, actual), 1),
        "baseline_c_index": round(concordance(base, actual), 4),
        "seconds": round(time.perf_counter() - started, 1),
    }
    figures["rmse_vs_baseline"] = round(round(ours_rmse, 3) / round(base_rmse, 3), 3)
    emit("Remaining useful life at each test unit's last row", figures)
