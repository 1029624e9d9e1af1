"""The digital twin end to end on a small population: every policy runs through the real
services, the same seed gives the same table, and the report opens in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from klantreis.core.time_window import ASSIGNED_WINDOW_LENGTH, WINDOW_LENGTH
from klantreis.twin.config import Policy, TwinConfig
from klantreis.twin.fleet import EVERY_KIND
from klantreis.twin.outcomes import ALL
from klantreis.twin.report import ReportFiles, write_report
from klantreis.twin.run import TwinRun, run_all, run_policy
from tests.browser.test_booking_page import browser  # noqa: F401 - fixture

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("twin")]
SMALL = TwinConfig(
    households=200, technicians=3, weeks=3, seed=11, run_out_weeks=1, warm_up_weeks=1
)


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TwinRun, ReportFiles]]:
    folder = tmp_path_factory.mktemp("twin")
    run = run_all(SMALL, folder, workers=2)
    yield run, write_report(run, folder / "report")


def overall(run: TwinRun, policy: Policy) -> dict[str, object]:
    policy_run = next(r for r in run.runs if r.policy is policy)
    return next(f.as_dict() for f in policy_run.figures if f.group == ALL)


def windows_booked(database: Path) -> set[float]:
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT window_start, window_end FROM bookings")).all()
    engine.dispose()
    return {
        (datetime.fromisoformat(str(end)) - datetime.fromisoformat(str(start))).total_seconds()
        for start, end in rows
    }


def test_every_policy_ran_its_cases_through_the_services(twin: tuple[TwinRun, ReportFiles]) -> None:
    run, _ = twin
    assert [r.policy for r in run.runs] == list(Policy)
    for policy_run in run.runs:
        figures = overall(run, policy_run.policy)
        assert figures["cases"] > 0 and figures["km_per_visit"] is not None
        assert 0 < figures["visited_share"] <= 1
        # The ledger: every resolved case took some driving and its service, priced.
        hours = figures["hours_by_activity"]
        assert isinstance(hours, dict) and hours["driving"] > 0 and hours["on_site"] > 0
        assert figures["hours_per_resolved_case"] == pytest.approx(sum(hours.values()), abs=0.02)
        km = figures["km_per_resolved_case"]
        assert isinstance(km, float) and km > 0
        rates = SMALL.rates
        expected = figures["hours_per_resolved_case"] * rates.euro_per_hour + km * rates.euro_per_km
        assert figures["cost_per_resolved_case"] == pytest.approx(expected, rel=0.005)  # rounding
    letter = next(r for r in run.runs if r.policy is Policy.LETTER)
    steered = next(r for r in run.runs if r.policy is Policy.STEERED)
    unsteered = next(r for r in run.runs if r.policy is Policy.SELF_SCHEDULING)
    # The letter promises half days; self-scheduling 2-hour windows (the follow-ups included);
    # steered, some customers say the whole day (08:00-18:00) suits them.
    assert ASSIGNED_WINDOW_LENGTH.total_seconds() in windows_booked(letter.database)
    assert windows_booked(unsteered.database) == {WINDOW_LENGTH.total_seconds()}
    assert windows_booked(steered.database) <= {WINDOW_LENGTH.total_seconds(), 10 * 3600.0}
    predicted = {r.policy: r.prediction.predicted_cases for r in run.runs if r.prediction}
    assert predicted[Policy.PREDICTIVE] > 0
    assert predicted[Policy.LETTER] == predicted[Policy.STEERED] == 0
    prediction = next(r.prediction for r in run.runs if r.policy is Policy.PREDICTIVE)
    assert prediction is not None
    assert 0 <= prediction.predicted_on_wearing <= prediction.predicted_cases
    assert prediction.predicted_precision == round(
        prediction.predicted_on_wearing / prediction.predicted_cases, 2
    )
    letter_prediction = letter.prediction
    assert letter_prediction is not None and letter_prediction.predicted_precision is None


def test_the_same_seed_gives_the_same_table(
    twin: tuple[TwinRun, ReportFiles], tmp_path: Path
) -> None:
    run, _ = twin
    for policy in (Policy.LETTER, Policy.STEERED):
        again = run_policy(SMALL, policy, tmp_path)
        first = next(r for r in run.runs if r.policy is policy)
        assert again.as_dict() == first.as_dict()  # another process, the same figures


def test_the_report_opens_in_chromium_with_its_table_and_charts(
    twin: tuple[TwinRun, ReportFiles],
    browser,  # type: ignore[no-untyped-def] # noqa: F811
) -> None:
    run, files = twin
    assert [p.suffix for p in files.pngs] == [".png"] * 4
    page = browser.new_page()
    page.goto(files.html.resolve().as_uri())
    headers = page.locator("#policy-table tr").first.locator("th").all_inner_texts()
    assert headers[1:] == [p.label for p in Policy]
    kilometres = page.locator("#policy-table tr", has_text="Kilometres per visit")
    shown = kilometres.locator("td").all_inner_texts()[1:]
    assert shown == [str(overall(run, p)["km_per_visit"]) for p in Policy]
    cost = page.locator("#policy-table tr", has_text="Cost per resolved case")
    shown = cost.locator("td").all_inner_texts()[1:]
    assert shown == [str(overall(run, p)["cost_per_resolved_case"]) for p in Policy]
    assert page.locator("#hours-table tr", has_text="at a closed door").count() == 1
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.naturalWidth)")
    assert len(widths) == 4 and all(w > 500 for w in widths)  # the PNGs loaded
    page.close()


def test_with_every_kind_connected_each_kind_reports_and_has_its_model(tmp_path: Path) -> None:
    every = replace(SMALL, connected_kinds=EVERY_KIND)
    run = run_policy(every, Policy.PREDICTIVE, tmp_path)
    engine = create_engine(f"sqlite:///{run.database}")
    with engine.connect() as connection:
        reporting = {
            kind
            for (kind,) in connection.execute(
                text(
                    "SELECT DISTINCT d.kind FROM telemetry_readings r "
                    "JOIN devices d ON d.id = r.device_id"
                )
            )
        }
        modelled = {
            k for (k,) in connection.execute(text("SELECT appliance_kind FROM fleet_models"))
        }
    engine.dispose()
    assert reporting == {k.value for k in EVERY_KIND}
    assert modelled == reporting  # the reference fleet trained one model per kind
