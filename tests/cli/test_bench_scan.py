"""``klantreis bench scan`` on a small fleet: every device scored, the JSON line last."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from klantreis.cli.main import app

runner = CliRunner()


@pytest.mark.slow
def test_the_scan_benchmark_scores_every_reporting_device() -> None:
    result = runner.invoke(
        app, ["bench", "scan", "--db", "sqlite", "--devices", "400", "--train-devices", "250"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["devices_scored"] == figures["devices"] == 400
    assert "boiler" in figures["kinds_trained"]
    assert figures["readings_stored"] > 400 * 2 * 28 * 0.9  # the four weeks of every device
    assert figures["devices_per_s"] > 0 and figures["scan_s"] > 0
