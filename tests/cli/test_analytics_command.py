"""``klantreis analytics funnel`` over the stored event log, with its chart report."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from klantreis.adapters.db.migrate import upgrade
from klantreis.bootstrap import bootstrap
from klantreis.config import Settings
from klantreis.domain.case import CaseAction
from klantreis.entrypoints.cli.main import app
from klantreis.services.cases import act_on_case
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, add_case

runner = CliRunner()


@pytest.fixture
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_url)
    clock = FixedClock(NOW)
    container = bootstrap(Settings(database_url=sqlite_url), clock=clock)
    upgrade(container.engine)
    for i in range(4):
        case_id = add_case(container, f"c-00{i}", persona="family" if i % 2 else "single_senior")
        if i < 3:
            clock.current += timedelta(hours=2)
            with container.uow_factory() as uow:
                act_on_case(uow, clock, case_id, CaseAction.INVITE)
                uow.commit()
    container.dispose()
    return sqlite_url


def test_the_funnel_of_the_stored_log_is_printed_and_drawn(database: str, tmp_path: Path) -> None:
    report = tmp_path / "journey.html"
    result = runner.invoke(
        app, ["analytics", "funnel", "--steps", "case_opened,case_invite", "--html", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "75.0%" in result.output  # three of four invited
    html = report.read_text("utf-8")
    assert '"type":"sankey"' in html and '"type":"funnel"' in html


def test_a_funnel_by_persona_gives_one_table_per_persona(database: str) -> None:
    result = runner.invoke(
        app, ["analytics", "funnel", "--steps", "case_opened,case_invite", "--by", "persona"]
    )
    assert "funnel: family" in result.output and "funnel: single_senior" in result.output


def test_an_unknown_step_is_named_with_the_touchpoints_there_are(database: str) -> None:
    result = runner.invoke(app, ["analytics", "funnel", "--steps", "case_opened,teleport"])
    assert result.exit_code == 2 and "teleport" in result.output and "case_invite" in result.output


def test_imported_events_are_checked_row_by_row_and_the_good_kept(
    database: str, tmp_path: Path
) -> None:
    file = tmp_path / "events.csv"
    file.write_text(
        "customer_id,phase,touchpoint,channel,occurred_at,properties\n"
        "k-c-000,information,website_visit,web,2026-03-20T10:00:00+01:00,"
        '"{""page"": ""/prijzen""}"\n'
        "k-c-000,information,website_vist,web,2026-03-20T10:05:00+01:00,\n"
        "ghost,information,website_visit,web,2026-03-20T10:06:00+01:00,\n"
        "k-c-001,information,website_visit,web,2026-03-20 10:07,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["events", "import", str(file)])
    assert result.exit_code == 1
    assert "row 3, field 'touchpoint'" in result.output
    assert "row 4, field 'customer_id'" in result.output
    assert "row 5, field 'occurred_at'" in result.output
    assert "1 events stored" in result.output
