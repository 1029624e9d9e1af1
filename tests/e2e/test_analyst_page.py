"""The analysts' page over a day with a resolved, rated visit: figures, charts, CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from klantreis.analytics.roadmap_file import load_roadmap
from klantreis.app.bootstrap import Container
from klantreis.core.common import Language
from klantreis.staff.model import StaffRole
from tests.e2e.conftest import Api
from tests.e2e.test_survey import visited  # noqa: F401 - fixture
from tests.staff_world import sign_in_as

World = tuple[Container, Api, list[str]]


def test_the_page_shows_the_lifecycle_funnel_pains_surveys_and_roadmap(visited: World) -> None:  # noqa: F811
    container, api, (first, _) = visited
    api.client.post(f"/s/{container.links.token_for(first)}", data={"nps": "4", "ces": "3"})
    sign_in_as(api.client, container, StaffRole.ANALYST, language=Language.EN)
    page = api.client.get("/staff/analytics")
    assert page.status_code == 200
    text = page.text
    assert '<th scope="row">visited</th><td>1</td>' in text
    assert '<th scope="row">first-time fix</th><td>100%</td>' in text
    assert 'data-testid="funnel-all"' in text and ">Resolved</td>" in text  # a name, not a key
    assert '"type":"sankey"' in text and '"type":"funnel"' in text
    assert 'src="/static/plotly.min.js"' in text  # served here, not inlined nor from a CDN
    assert "score:detractors" in text  # the rated visit is a pain point now
    assert "Book by phone" in text and "quick win" in text
    assert "booking-page-order" in text and "not enough data yet" in text
    by_technician = api.client.get("/staff/analytics?survey_by=technician").text
    assert "<h2>Surveys by technician</h2>" in by_technician and "<td>t-" in by_technician


def test_the_funnel_downloads_as_csv_per_group(visited: World) -> None:  # noqa: F811
    container, api, _ = visited
    sign_in_as(api.client, container, StaffRole.ANALYST)
    response = api.client.get("/staff/analytics/funnel.csv?by=persona")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert (
        rows[0]["group"] == "family"
        and rows[0]["step"] == "case_opened"
        and rows[0]["units"] == "2"
    )


def test_an_old_link_sends_to_sign_in_and_an_unknown_breakdown_is_refused(
    visited: World,  # noqa: F811
) -> None:
    container, api, _ = visited
    old = api.client.get("/a/any-old-signed-link", follow_redirects=False)
    assert old.status_code == 303
    assert old.headers["location"] == "/staff/sign-in?next=/staff/analytics"
    assert api.client.get("/staff/analytics", follow_redirects=False).status_code == 303
    sign_in_as(api.client, container, StaffRole.PLANNER)
    assert api.client.get("/staff/analytics").status_code == 403  # not a planner's page
    sign_in_as(api.client, container, StaffRole.ANALYST)
    assert api.client.get("/staff/analytics?by=shoe_size").status_code == 422
    dutch = api.client.get("/staff/analytics").text
    assert "Levensloop van meldingen" in dutch and ">Opgelost</td>" in dutch


def test_a_roadmap_entry_out_of_range_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "roadmap.toml"
    bad.write_text('[[initiative]]\nname = "x"\nvalue = 12\neffort = 3\n', "utf-8")
    with pytest.raises(ValueError, match="initiative 1: value: 12 is outside 1..10"):
        load_roadmap(bad)
    bad.write_text('[[initiative]]\nname = "x"\neffort = 3\n', "utf-8")
    with pytest.raises(ValueError, match="lacks 'value'"):
        load_roadmap(bad)


def test_an_experiment_declared_badly_is_named(tmp_path: Path) -> None:
    from klantreis.experiments.registry import load_experiments

    bad = tmp_path / "experiments.toml"
    bad.write_text(
        '[[experiment]]\nkey = "x"\nvariants = ["a", "b"]\nweights = [1, 1]\n'
        'metric = "case_book"\nbaseline = 0.98\nminimum_effect = 0.05\n',
        "utf-8",
    )
    with pytest.raises(ValueError, match="experiment 1: baseline"):
        load_experiments(bad)


def test_a_visit_where_nobody_opened_counts_once_in_the_no_access_rate(visited: World) -> None:  # noqa: F811
    from klantreis.analytics.lifecycle import lifecycle

    container, api, (_, second) = visited
    for action in ("arrive", "report_no_show"):  # the technician rang, nobody opened
        moved = api.client.post(
            f"/api/v1/cases/{second}/actions/{action}", headers=api.technician_of(second)
        )
        assert moved.status_code == 200, moved.text
    figures = lifecycle(container.engine)
    assert figures.no_access_rate == 0.5  # one of the two visits
    assert figures.first_time_fix_rate == 1.0
