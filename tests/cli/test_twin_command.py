"""Bad options for the twin are named before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from klantreis.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--households", "5"], "--households: 5 must be 50..50,000"),
        (["--technicians", "0"], "--technicians: 0 must be 1..200"),
        (["--weeks", "2"], "--weeks: 2 must be 3..26"),
        (["--start", "12-10-2026"], "--start: '12-10-2026' is not a date (YYYY-MM-DD)"),
        (["--euro-per-hour", "-1"], "--euro-per-hour: -1.0 must be 0..1,000"),
        (["--euro-per-km", "5000"], "--euro-per-km: 5000.0 must be 0..1,000"),
    ],
)
@pytest.mark.parametrize("command", [["demo", "--no-serve"], ["bench", "twin"]])
def test_a_bad_option_is_named_and_nothing_is_written(
    command: list[str], args: list[str], message: str, tmp_path: Path
) -> None:
    out = tmp_path / "twin"
    result = runner.invoke(app, [*command, *args, "--out", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()
