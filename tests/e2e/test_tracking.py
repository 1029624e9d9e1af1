"""Following a visit: closing one sets the next on its way; the tracking page shows the ETA."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.access import Role
from klantreis.core.case import CaseState, Findings
from tests.conftest import FixedClock
from tests.e2e.conftest import Api, keys_for
from tests.scheduling_world import NOW, planned_tuesday, utrecht

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY = datetime(2026, 3, 31, tzinfo=AMS).date()


@pytest.fixture
def planned_day(database_url: str, tmp_path: Path) -> Iterator[tuple[Container, Api, list[str]]]:
    settings = Settings(database_url=database_url, photo_dir=str(tmp_path / "photos"))
    container = bootstrap(settings, clock=FixedClock(NOW))
    utrecht(container)
    cases = planned_tuesday(container)
    with TestClient(
        create_app(container), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        yield container, Api(client, keys_for(container), container), cases
    container.dispose()


def test_closing_a_visit_sets_the_technician_on_the_way_to_the_next(
    planned_day: tuple[Container, Api, list[str]],
) -> None:
    container, api, (first, second) = planned_day
    page = api.client.get(f"/t/{container.links.token_for(second)}")
    assert page.status_code == 200 and "De monteur komt naar verwachting tussen" in page.text
    technician = api.technician_of(first)
    for action in ("depart", "arrive", "resolve"):
        moved = api.client.post(
            f"/api/v1/cases/{first}/actions/{action}",
            headers=technician,
            json={"reason": "ok"},
        )
        assert moved.status_code == 200, moved.text
    with container.uow_factory() as uow:
        nxt = uow.cases.get(second)
        events = uow.events.list(0, 50, case_id=second)
    assert nxt is not None and nxt.state is CaseState.EN_ROUTE
    assert events[-1].properties.get("touchpoint") == "on_the_way"
    page = api.client.get(f"/t/{container.links.token_for(second)}")
    assert "onderweg" in page.text
    assert re.search(r"tussen 1[01]:\d\d en 1[012]:\d\d", page.text)  # inside 10:00-12:00
    english = api.client.get(f"/t/{container.links.token_for(second)}?lang=en")
    assert "on the way" in english.text


def test_an_outcome_on_a_case_not_on_site_is_refused(
    planned_day: tuple[Container, Api, list[str]],
) -> None:
    _, api, (first, _) = planned_day
    response = api.client.post(
        f"/api/v1/cases/{first}/actions/resolve", headers=api.technician_of(first)
    )
    assert response.status_code == 409


def test_a_forged_tracking_link_gets_the_refused_page(
    planned_day: tuple[Container, Api, list[str]],
) -> None:
    _, api, _ = planned_day
    page = api.client.get("/t/not-a-real-token")
    assert page.status_code == 403 and "niet geldig" in page.text


def test_the_technician_sees_the_day_with_context_and_records_outcomes(
    planned_day: tuple[Container, Api, list[str]],
) -> None:
    from klantreis.staff.model import StaffRole
    from tests.staff_world import sign_in_as

    container, api, (first, second) = planned_day
    with container.uow_factory() as uow:
        (tech_id,) = {row[1] for row in uow.plans.for_day(TUESDAY)}
        case = uow.cases.get(first, for_update=True)
        assert case is not None
        case.findings = Findings(
            "low_pressure",
            "water pressure too low",
            "soon",
            ("expansion vessel",),
            ("pressure fell to 0.62 bar",),
        )
        uow.cases.save(case, case.version)
        uow.commit()
    csrf = sign_in_as(api.client, container, StaffRole.TECHNICIAN, technician_id=tech_id)
    page = api.client.get(f"/staff/technician?day={TUESDAY}")
    assert page.status_code == 200
    assert page.text.count("Geachte heer Van der Berg") == 2 and "Storing E119" in page.text
    assert "pressure fell to 0.62 bar" in page.text
    assert "<strong>Meenemen:</strong> expansion vessel" in page.text
    assert "openstreetmap.org/directions" in page.text  # a navigation link per stop
    form = {"day": TUESDAY.isoformat(), "csrf_token": csrf}
    for action in ("depart", "arrive", "resolve"):
        done = api.client.post(f"/staff/technician/{first}", data={**form, "action": action})
        assert done.status_code == 200 and "Opgeslagen" in done.text
    no_token = {"day": TUESDAY.isoformat(), "action": "depart"}
    assert api.client.post(f"/staff/technician/{second}", data=no_token).status_code == 403
    with container.uow_factory() as uow:
        states = [uow.cases.get(c).state for c in (first, second)]  # type: ignore[union-attr]
    assert states == [CaseState.RESOLVED, CaseState.EN_ROUTE]
    nobody = api.client.post("/staff/technician/nobody", data={**form, "action": "arrive"})
    assert nobody.status_code == 404
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    noted = api.client.post(
        f"/staff/technician/{first}/note",
        data={**form, "note": "Expansievat vervangen"},
        files={"photo": ("vat.jpg", png, "image/jpeg")},  # what it claims does not count
    )
    assert noted.status_code == 200 and "Expansievat vervangen" in noted.text
    photo = re.search(r'href="(/staff/technician/photos/\w+)"', noted.text)
    assert photo
    shown = api.client.get(photo.group(1))
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/png"
    assert shown.content == png
    fake = api.client.post(
        f"/staff/technician/{first}/note",
        data={**form, "note": "x"},
        files={"photo": ("virus.jpg", b"MZ\x90\x00 not a photo", "image/jpeg")},
    )
    assert fake.status_code == 422 and "JPEG, PNG or WebP" in fake.text
    big = b"\xff\xd8\xff" + b"\x00" * 5_100_000
    too_big = api.client.post(
        f"/staff/technician/{first}/note",
        data=form,
        files={"photo": ("big.jpg", big, "image/jpeg")},
    )
    assert too_big.status_code == 422 and "5 MB" in too_big.text
    only_a_photo = api.client.post(
        f"/staff/technician/{first}/note", data=form, files={"photo": ("p.png", png, "image/png")}
    )
    assert only_a_photo.status_code == 200 and "Notitie bewaard." in only_a_photo.text
    empty = api.client.post(f"/staff/technician/{first}/note", data={**form, "note": " "})
    assert empty.status_code == 422
    elsewhere = api.client.post("/staff/technician/nobody/note", data={**form, "note": "x"})
    assert elsewhere.status_code == 404
    with container.uow_factory(read_only=True) as uow:
        assert len(uow.visit_notes.for_cases([first])[first]) == 2  # the refused ones: nothing
    with container.uow_factory(read_only=True) as uow:
        trail = [(e.action.value, e.subject_id, e.detail) for e in uow.audit.list(10)]
    steps = [(a, s, d["step"]) for a, s, d in trail if a == "case_step"]
    assert steps == [
        ("case_step", first, "resolve"),
        ("case_step", first, "arrive"),
        ("case_step", first, "depart"),
    ]  # who did what to which case, newest first


def test_the_planner_sees_each_technicians_load_and_kilometres(
    planned_day: tuple[Container, Api, list[str]],
) -> None:
    from klantreis.staff.model import StaffRole
    from tests.staff_world import sign_in_as

    container, api, cases = planned_day
    data = api.client.get(f"/api/v1/plans/{TUESDAY}", headers=api.as_(Role.PLANNER)).json()
    busy = [t for t in data if t["stops"]]
    assert sum(len(t["stops"]) for t in busy) == 2
    assert {s["case_id"] for t in busy for s in t["stops"]} == set(cases)
    assert all(t["km"] > 0 and 0 < t["load_pct"] <= 100 for t in busy)
    sign_in_as(api.client, container, StaffRole.PLANNER)
    page = api.client.get(f"/staff/planner?day={TUESDAY}")
    assert page.status_code == 200 and "<meter" in page.text
    assert f"/staff/technician?day={TUESDAY}&amp;technician=" in page.text
    drawn = page.text.split('data-testid="route-map"')[1].split("</figure>")[0]
    assert drawn.count("<polyline") == 1 and drawn.count("<circle") == 2  # one route, two stops
    assert (
        api.client.get("/api/v1/plans/not-a-day", headers=api.as_(Role.PLANNER)).status_code == 422
    )


def test_pinning_names_what_does_not_exist(planned_day: tuple[Container, Api, list[str]]) -> None:
    container, api, (first, _) = planned_day
    with container.uow_factory() as uow:
        booking = uow.bookings.active_for_case(first)
    assert booking is not None
    url = f"/api/v1/bookings/{booking.id}/pin"
    headers = api.as_(Role.PLANNER)
    assert (
        api.client.put(url, json={"technician_id": "t-utrecht"}, headers=headers).status_code == 204
    )
    missing_tech = api.client.put(url, json={"technician_id": "ghost"}, headers=headers)
    assert missing_tech.status_code == 404 and "ghost" in missing_tech.json()["detail"]
    assert (
        api.client.put(
            "/api/v1/bookings/nope/pin", json={"technician_id": "t-utrecht"}, headers=headers
        ).status_code
        == 404
    )
    assert api.client.delete(url, headers=headers).status_code == 204
    assert api.client.delete(url, headers=headers).status_code == 404
