"""``klantreis analytics funnel`` over the stored event log, with its chart report."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from klantreis.app.bootstrap import bootstrap
from klantreis.app.config import Settings
from klantreis.app.migrate import upgrade
from klantreis.cli.main import app
from klantreis.core.case import CaseAction
from klantreis.core.cases import act_on_case
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


def _exposed(url: str, count: int, treated_rate: float, control_rate: float, skew: int = 0) -> None:
    from klantreis.core.common import Channel
    from klantreis.core.ids import new_id
    from klantreis.core.journey import JourneyEvent, Phase
    from klantreis.experiments.model import Experiment, assign

    experiment = Experiment("page-v2", ("control", "treatment"), (1.0, 1.0))
    container = bootstrap(Settings(database_url=url), clock=FixedClock(NOW))
    rng = random.Random(7)
    with container.uow_factory() as uow:
        for i in range(count):
            unit = f"household-{i}"
            variant = assign(experiment, unit)
            if skew and variant == "treatment" and i % skew == 0:
                continue
            at = NOW + timedelta(minutes=i)
            uow.events.append(
                JourneyEvent(
                    new_id(),
                    unit,
                    Phase.PLANNING,
                    "experiment_exposure",
                    Channel.WEB,
                    at,
                    properties={"experiment": "page-v2", "variant": variant},
                )
            )
            rate = treated_rate if variant == "treatment" else control_rate
            if rng.random() < rate:
                uow.events.append(
                    JourneyEvent(
                        new_id(),
                        unit,
                        Phase.PLANNING,
                        "case_book",
                        Channel.WEB,
                        at + timedelta(minutes=rng.randint(10, 600)),
                    )
                )
        uow.commit()
    container.dispose()


def test_an_experiment_with_a_planted_effect_names_the_winner(database: str) -> None:
    _exposed(database, 600, treated_rate=0.65, control_rate=0.30)
    result = runner.invoke(
        app, ["analytics", "experiment", "page-v2", "--baseline", "0.3", "--effect", "0.25"]
    )
    assert result.exit_code == 0, result.output
    assert "better" in result.output and "treatment converts better" in result.output


def test_an_experiment_on_too_little_data_says_so(database: str) -> None:
    _exposed(database, 40, treated_rate=0.9, control_rate=0.1)
    result = runner.invoke(
        app, ["analytics", "experiment", "page-v2", "--baseline", "0.3", "--effect", "0.25"]
    )
    assert "insufficient_data" in result.output and "not enough data yet" in result.output


def test_a_broken_split_withholds_the_result(database: str) -> None:
    _exposed(database, 600, treated_rate=0.65, control_rate=0.30, skew=3)
    result = runner.invoke(
        app, ["analytics", "experiment", "page-v2", "--baseline", "0.3", "--effect", "0.25"]
    )
    assert "sample_ratio_mismatch" in result.output


def test_an_experiment_without_a_sound_design_is_refused(database: str) -> None:
    result = runner.invoke(
        app, ["analytics", "experiment", "x", "--variants", "a", "--weights", "1"]
    )
    assert result.exit_code == 2 and "two or more distinct variants" in result.output
