"""The planner's days in the console, on both databases: an area closed for a day is no
longer offered there, a bad rule is refused by field, and a day planned again says what
was planned, what moved and what did not fit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.staff.model import StaffRole
from tests.scheduling_world import add_case, planned_tuesday
from tests.staff_world import sign_in_as

TUESDAY, FRIDAY = date(2026, 3, 31), date(2026, 3, 27)


@pytest.fixture
def console(world: Container) -> Iterator[TestClient]:
    with TestClient(
        create_app(world), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        yield client


def _offered_days(client: TestClient, world: Container, case_id: str) -> set[str]:
    page = client.get(f"/b/{world.links.token_for(case_id)}?times=all").text
    return {
        value[:10] for value in re.findall(r'name="window_start" id="w\w+" value="([^"]+)"', page)
    }


def test_the_planner_closes_an_area_for_a_day_and_it_is_no_longer_offered(
    world: Container, console: TestClient
) -> None:
    case_id = add_case(world, "c-d01", "3511 AB")
    assert "2026-03-27" in _offered_days(console, world, case_id)
    csrf = sign_in_as(console, world, StaffRole.PLANNER)
    closed = console.post(
        "/staff/planner/days/rules",
        data={
            "csrf_token": csrf,
            "day": FRIDAY.isoformat(),
            "kind": "close",
            "areas": "35",
            "note": "storm",
        },
    )
    assert closed.status_code == 200 and "Gesloten voor" in closed.text and "storm" in closed.text
    assert "2026-03-27" not in _offered_days(console, world, case_id)
    rule_id = re.search(r"/staff/planner/days/rules/(\w+)/remove", closed.text)
    assert rule_id
    removed = console.post(
        f"/staff/planner/days/rules/{rule_id.group(1)}/remove", data={"csrf_token": csrf}
    )
    assert removed.status_code == 200 and "Geen dagregels" in removed.text
    assert "2026-03-27" in _offered_days(console, world, case_id)
    with world.uow_factory(read_only=True) as uow:
        trail = [e.action.value for e in uow.audit.list(10) if e.subject_kind.value == "day"]
    assert trail == ["day_rule_removed", "day_rule_added"]


@pytest.mark.parametrize(
    ("form", "named"),
    [
        ({"day": "2026-03-01", "kind": "close", "areas": "35"}, "in the past"),
        ({"day": "2026-03-31", "kind": "close", "areas": "0999"}, "postcode_prefixes"),
        (
            {"day": "2026-03-31", "kind": "close", "areas": "3599"},
            "no postcode area starts with 3599",
        ),
        ({"day": "2026-03-31", "kind": "shut", "areas": "35"}, "kind"),
    ],
)
def test_a_bad_rule_is_refused_by_field_and_nothing_is_stored(
    world: Container, console: TestClient, form: dict[str, str], named: str
) -> None:
    csrf = sign_in_as(console, world, StaffRole.PLANNER)
    refused = console.post("/staff/planner/days/rules", data={"csrf_token": csrf, **form})
    assert refused.status_code == 422 and named in refused.text and "Dat lukte niet" in refused.text
    assert "Geen dagregels" in console.get("/staff/planner/days").text


def test_a_day_planned_again_says_what_was_planned_and_moved(
    world: Container, console: TestClient
) -> None:
    first, second = planned_tuesday(world)
    csrf = sign_in_as(console, world, StaffRole.PLANNER, StaffRole.AGENT)
    planned = console.post(
        "/staff/planner/days/replan", data={"csrf_token": csrf, "day": TUESDAY.isoformat()}
    )
    assert planned.status_code == 200
    outcome = planned.text.split('data-testid="replanned"')[1].split("</section>")[0]
    assert "2 bezoeken gepland, 0 naar een andere monteur." in outcome
    assert " km</li>" in outcome
    with world.uow_factory(read_only=True) as uow:
        stops = {row[0] for row in uow.plans.for_day(TUESDAY)}
        (entry,) = [e for e in uow.audit.list(10) if e.action.value == "day_replanned"]
    assert len(stops) == 2 and entry.detail["planned"] == "2"
    assert console.post("/staff/planner/days/replan", data={"day": "2026-03-31"}).status_code == 403
    past = console.post(
        "/staff/planner/days/replan", data={"csrf_token": csrf, "day": "2026-03-20"}
    )
    assert past.status_code == 422 and "in the past" in past.text


def test_the_days_are_the_planner_s(world: Container, console: TestClient) -> None:
    sign_in_as(console, world, StaffRole.AGENT)
    assert console.get("/staff/planner/days").status_code == 403


def test_a_pinned_visit_stays_with_its_technician_when_the_day_is_planned_again(
    world: Container, console: TestClient
) -> None:
    first, _ = planned_tuesday(world)
    csrf = sign_in_as(console, world, StaffRole.PLANNER)
    page = console.get(f"/staff/planner/cases/{first}").text
    booking_id = re.search(r'name="booking_id" value="(\w+)"', page)
    assert booking_id and "Houd dit bezoek bij monteur" in page
    form = {"csrf_token": csrf, "booking_id": booking_id.group(1)}
    pinned = console.post(
        f"/staff/planner/cases/{first}/pin", data={**form, "technician_id": "t-amsterdam"}
    )
    assert pinned.status_code == 200 and "Vastgezet" in pinned.text
    replanned = console.post(
        "/staff/planner/days/replan", data={"csrf_token": csrf, "day": TUESDAY.isoformat()}
    )
    assert "1 naar een andere monteur" in replanned.text
    with world.uow_factory(read_only=True) as uow:
        placed = {b: tech for b, tech, _, _ in uow.plans.for_day(TUESDAY)}
    assert placed[booking_id.group(1)] == "t-amsterdam"
    unpinned = console.post(f"/staff/planner/cases/{first}/unpin", data=form)
    assert unpinned.status_code == 200 and "Losgemaakt" in unpinned.text
    nobody = console.post(
        f"/staff/planner/cases/{first}/pin", data={**form, "technician_id": "t-nobody"}
    )
    assert nobody.status_code == 404
    csrf = sign_in_as(console, world, StaffRole.AGENT)
    assert (
        console.post(
            f"/staff/planner/cases/{first}/unpin", data={**form, "csrf_token": csrf}
        ).status_code
        == 403
    )


def test_the_days_page_shows_capacity_per_day_and_area(
    world: Container, console: TestClient
) -> None:
    planned_tuesday(world)
    sign_in_as(console, world, StaffRole.PLANNER)
    page = console.get("/staff/planner/days").text
    table = page.split('data-testid="capacity"')[1].split("</table>")[0]
    tuesday = next(row for row in table.split("<tr>") if "dinsdag 31 maart" in row)
    assert "<td>2.0</td><td>27.0</td><td>35xx 2.0</td>" in tuesday  # 2 h of 3 x 9 h booked
    assert 'class="chart-data"' in page and '"barmode":"stack"' in page


def test_planning_the_day_again_keeps_the_stop_in_progress_on_the_technician_s_route(
    world: Container, console: TestClient
) -> None:
    from datetime import UTC, datetime

    from klantreis.core.case import CaseAction
    from klantreis.core.cases import act_on_case
    from tests.conftest import FixedClock

    first, second = planned_tuesday(world)
    clock = world.clock
    assert isinstance(clock, FixedClock)
    clock.current = datetime(2026, 3, 31, 6, 30, tzinfo=UTC)  # Tuesday 08:30 in Amsterdam
    with world.uow_factory() as uow:
        for action in (CaseAction.DEPART, CaseAction.ARRIVE):
            act_on_case(uow, clock, first, action)
        uow.commit()
        (technician,) = {row[1] for row in uow.plans.for_day(TUESDAY)}
    csrf = sign_in_as(console, world, StaffRole.PLANNER)
    replanned = console.post(
        "/staff/planner/days/replan", data={"csrf_token": csrf, "day": TUESDAY.isoformat()}
    )
    assert replanned.status_code == 200
    sign_in_as(console, world, StaffRole.TECHNICIAN, technician_id=technician)
    route = console.get(f"/staff/technician?day={TUESDAY}").text
    assert route.count('<section aria-labelledby="stop') == 2  # the visit on site is still there
    assert route.index(f"/staff/technician/{first}") < route.index(f"/staff/technician/{second}")
