"""Run-to-failure files: bad ones refused with the row and column named; the scores as the
literature defines them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from klantreis.cli.main import app
from klantreis.telemetry.fleet.run_to_failure import (
    RemainingLife,
    RunToFailureError,
    concordance,
    features,
    phm08_score,
    read_truth,
    read_units,
    rmse,
)

runner = CliRunner()


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def _units(path: Path, count: int, life: int, slope: float = -0.05) -> Path:
    """Units whose one sensor falls linearly towards their failure."""
    lines = ["unit,time,s1"]
    for u in range(count):
        length = life + u % 7
        lines += [f"u{u},{t},{1.0 + slope * (t - length) + 0.001 * (u % 3)}" for t in range(length)]
    return _write(path, "\n".join(lines) + "\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("unit,s1\nu1,1\n", "missing column(s) time"),
        ("unit,time\nu1,1\n", "no sensor columns"),
        ("unit,time,s1\nu1,1,0.5\nu1,2,high\n", "row 3, column 's1': 'high' is not a number"),
        ("unit,time,s1\nu1,1,0.5\nu1,1,0.6\n", "row 3, column 'time': 1 does not follow 1"),
        ("unit,time,s1\n,1,0.5\n", "row 2, column 'unit': empty"),
        ("unit,time,s1\nu1,1,nan\n", "row 2, column 's1': 'nan' is not finite"),
    ],
)
def test_a_bad_file_is_refused_with_its_row_and_column(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(RunToFailureError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_units(_write(tmp_path / "train.csv", text))


def test_a_test_file_must_have_the_training_sensors_and_a_truth_for_every_unit(
    tmp_path: Path,
) -> None:
    test = _write(tmp_path / "test.csv", "unit,time,s2\nu1,1,0.5\n")
    with pytest.raises(RunToFailureError, match="missing sensor column"):
        read_units(test, ("s1",))
    units = read_units(_write(tmp_path / "t.csv", "unit,time,s1\nu1,1,0.5\nu2,1,0.4\n"))
    with pytest.raises(RunToFailureError, match="no remaining time for test unit.*u2"):
        read_truth(_write(tmp_path / "truth.csv", "unit,remaining\nu1,10\n"), units)


def test_features_see_only_the_past() -> None:
    times = np.arange(40, dtype=float)
    values = np.column_stack([np.sin(times)])
    full = features(times, values)
    cut = features(times[:20], values[:20])
    assert np.allclose(full[:20], cut)  # what came later changes nothing before it


def test_the_scores_follow_their_definitions() -> None:
    assert rmse([3, 4], [0, 0]) == pytest.approx(np.sqrt(12.5))
    late, early = phm08_score([10], [0]), phm08_score([-10], [0])
    assert late == pytest.approx(np.e - 1) and early == pytest.approx(np.exp(10 / 13) - 1)
    assert late > early  # a late prediction costs more
    assert concordance([1, 2, 3], [10, 20, 30]) == 1.0
    assert concordance([3, 2, 1], [10, 20, 30]) == 0.0


def test_the_model_learns_what_the_sensor_says(tmp_path: Path) -> None:
    train = read_units(_units(tmp_path / "train.csv", 30, 60))
    model = RemainingLife.fit(train, cap=125)
    lines = ["unit,time,s1"] + [f"x,{t},{1.0 - 0.05 * (t - 70)}" for t in range(50)]
    test = read_units(_write(tmp_path / "test.csv", "\n".join(lines) + "\n"), train.sensors)
    assert abs(model.predict_last(test)["x"] - 20) < 8  # 70 - 50 rows left


def test_the_command_refuses_a_missing_truth_by_name(tmp_path: Path) -> None:
    train = _units(tmp_path / "train.csv", 12, 40)
    test = _write(tmp_path / "test.csv", "unit,time,s1\nz1,0,0.5\nz1,1,0.5\n")
    truth = _write(tmp_path / "truth.csv", "unit,remaining\nz9,3\n")
    result = runner.invoke(
        app,
        ["bench", "fleet", "--train", str(train), "--test", str(test), "--truth", str(truth)],
    )
    assert result.exit_code == 2 and "z1" in result.output
    assert runner.invoke(app, ["bench", "fleet"]).exit_code == 2


def test_the_twin_builds_its_own_files_and_the_json_comes_last() -> None:
    import json

    result = runner.invoke(app, ["bench", "fleet", "--twin", "--units", "20"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["train_units"] == 20 and figures["test_units"] == 10
    assert {"rmse", "phm08_score", "c_index", "baseline_rmse"} <= set(figures)
    assert 0 <= figures["c_index"] <= 1 and figures["rmse"] > 0
