"""The telemetry, model and maintenance commands: bad rows and bad files named."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from klantreis.app.bootstrap import bootstrap
from klantreis.app.config import Settings
from klantreis.app.migrate import upgrade
from klantreis.cli.main import app
from tests.telemetry_world import add_fleet

runner = CliRunner()


@pytest.fixture
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_url)
    container = bootstrap(Settings(database_url=sqlite_url))
    upgrade(container.engine)
    add_fleet(container, 2)
    container.dispose()
    return sqlite_url


def _count(url: str) -> int:
    container = bootstrap(Settings(database_url=url))
    with container.uow_factory(read_only=True) as uow:
        count = uow.telemetry.count()
    container.dispose()
    return count


def test_ingesting_a_file_names_each_bad_row_and_keeps_the_good(
    database: str, tmp_path: Path
) -> None:
    at = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    file = tmp_path / "readings.csv"
    file.write_text(
        "serial,at,flow_temp_c,return_temp_c,pressure_bar,ignition_attempts,burner_hours,fault_code\n"
        f"B0000,{at},61.0,45.0,1.6,1,1200.5,\n"
        f"NOPE,{at},61.0,45.0,1.6,1,1200.5,\n"
        f"B0001,{at},61.0,45.0,42,1,1200.5,\n"
        f"B0001,not-a-time,61.0,45.0,1.5,1,1200.5,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["telemetry", "ingest", str(file)])
    assert result.exit_code == 1
    assert "row 3, field 'serial'" in result.output
    assert "row 4, field 'pressure_bar'" in result.output
    assert "row 5, field 'at'" in result.output
    assert "1 stored" in result.output
    assert _count(database) == 1
    again = runner.invoke(app, ["telemetry", "ingest", str(file)])
    assert "0 stored" in again.output and "1 already known" in again.output


def test_json_lines_are_read_and_a_broken_line_is_named(database: str, tmp_path: Path) -> None:
    at = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    file = tmp_path / "readings.jsonl"
    file.write_text(
        f'{{"serial": "B0000", "at": "{at}", "pressure_bar": 1.5}}\n{{"serial": "B0000", "at"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["telemetry", "ingest", str(file)])
    assert result.exit_code == 1 and "row 2, field 'reading'" in result.output
    assert _count(database) == 1


def test_loading_a_file_that_is_no_model_is_refused_with_the_reason(
    database: str, tmp_path: Path
) -> None:
    file = tmp_path / "model.kfm"
    file.write_bytes(b"PK but not really")
    result = runner.invoke(app, ["model", "load", str(file)])
    assert result.exit_code == 2 and "not a Klantreis model file" in result.output


def test_scanning_before_any_training_says_what_to_do(database: str) -> None:
    result = runner.invoke(app, ["model", "scan"])
    assert result.exit_code == 2 and "klantreis model train" in result.output


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("KLANTREIS_PREDICT_VISIT_EURO", "0", "KLANTREIS_PREDICT_VISIT_EURO"),
        ("KLANTREIS_PREDICT_DOWNTIME_DAYS", "-1", "KLANTREIS_PREDICT_DOWNTIME_DAYS"),
        (
            "KLANTREIS_PREDICT_DOWNTIME_EURO_PER_DAY",
            '{"family": 25, "pets": 3}',
            "KLANTREIS_PREDICT_DOWNTIME_EURO_PER_DAY",
        ),
        (
            "KLANTREIS_PREDICT_DOWNTIME_EURO_PER_DAY",
            '{"family": 25}',
            "no rate for business",
        ),
    ],
)
def test_a_bad_rate_for_the_scan_is_refused_by_its_setting(
    database: str, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    result = runner.invoke(app, ["model", "scan"])
    assert result.exit_code == 2 and named in result.output


def test_a_maintenance_window_with_notice_past_its_lead_is_refused(database: str) -> None:
    result = runner.invoke(app, ["maintenance", "--lead-days", "14", "--notice-days", "21"])
    assert result.exit_code == 2 and "notice (21) < lead (14)" in result.output
