"""``klantreis bench triage``: the figure issue 6 is judged on, on the final test set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from klantreis.cli.main import app

runner = CliRunner()


@pytest.mark.slow
def test_the_final_test_set_is_classified_at_ninety_percent_or_better() -> None:
    result = runner.invoke(app, ["bench", "triage", "--folds", "2"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["final_test_set"] == "holdout3" and figures["final_test_messages"] == 212
    assert figures["accuracy"] >= 0.90 and figures["meets_target"] is True
    assert set(figures["accuracy_per_intent"]) == {
        "reschedule",
        "cancel",
        "refund",
        "complaint",
        "question",
        "other",
    }
    assert len(figures["training_grouped_folds"]) == 2


def test_without_a_checkout_s_benchmarks_only_the_twin_s_bench_is_offered(tmp_path: Path) -> None:
    import typer

    from klantreis.cli.bench import load_benchmarks

    installed = typer.Typer()
    assert load_benchmarks(installed, checkout=tmp_path) is False
    assert installed.registered_commands == []
