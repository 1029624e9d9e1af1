"""The planner's cases board, on both databases: keyset pages that add up to every case,
filters and a search that treats what is typed as text; a case's page with its history,
visit and journey in readable words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseAction
from klantreis.core.cases import act_on_case
from klantreis.staff.model import StaffRole
from tests.conftest import FixedClock
from tests.scheduling_world import add_case
from tests.staff_world import sign_in_as

CASES = 120


@pytest.fixture
def board(world: Container) -> Iterator[TestClient]:
    clock = world.clock
    assert isinstance(clock, FixedClock)
    for n in range(CASES):
        surname = "Jansen" if n % 10 == 0 else "Berg"
        add_case(world, f"c-b{n:03d}", "8011 CW" if n % 4 == 0 else "3511 AB", surname=surname)
        clock.current += timedelta(minutes=1)
    with world.uow_factory() as uow:
        for n in range(0, 30, 3):
            act_on_case(uow, clock, f"c-b{n:03d}", CaseAction.INVITE)
        uow.commit()
    with TestClient(
        create_app(world), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        yield client


def _ids(page: str) -> list[str]:
    return re.findall(r'<a href="/staff/planner/cases/(c-b\d+)">', page)


def _all_pages(client: TestClient, query: str) -> list[str]:
    seen: list[str] = []
    page = client.get(f"/staff/planner/cases?{query}").text
    for _ in range(10):
        seen += _ids(page)
        older = re.search(r'href="/staff/planner/cases\?([^"]+)" rel="next"', page)
        if not older:
            return seen
        page = client.get(f"/staff/planner/cases?{older.group(1).replace('&amp;', '&')}").text
    raise AssertionError("too many pages")


def test_the_pages_add_up_to_every_case_newest_first(world: Container, board: TestClient) -> None:
    sign_in_as(board, world, StaffRole.PLANNER)
    first = board.get("/staff/planner/cases").text
    assert len(_ids(first)) == 50 and _ids(first)[0] == f"c-b{CASES - 1:03d}"
    every = _all_pages(board, "")
    assert len(every) == CASES and len(set(every)) == CASES  # no case twice, none left out


def test_filters_and_search_narrow_the_board(world: Container, board: TestClient) -> None:
    sign_in_as(board, world, StaffRole.PLANNER)
    invited = _all_pages(board, "state=invited")
    assert sorted(invited) == [f"c-b{n:03d}" for n in range(0, 30, 3)]
    zwolle = _all_pages(board, "area=80")
    assert len(zwolle) == CASES // 4 and all(int(c[3:]) % 4 == 0 for c in zwolle)
    jansen = _all_pages(board, "q=ANSE")
    assert len(jansen) == CASES // 10
    assert (
        _all_pages(board, "q=%25") == [] and _all_pages(board, "q=_") == []
    )  # text, not a pattern
    serial_or_postcode = _all_pages(board, "q=8011&state=invited")
    assert serial_or_postcode and all(int(c[3:]) % 4 == 0 for c in serial_or_postcode)
    assert board.get("/staff/planner/cases?state=lost").status_code == 422
    assert board.get("/staff/planner/cases?area=0A").status_code == 422


def test_a_case_page_shows_its_history_and_journey_in_words(
    world: Container, board: TestClient
) -> None:
    sign_in_as(board, world, StaffRole.AGENT)  # customer service reads the file too
    page = board.get("/staff/planner/cases/c-b000")
    assert page.status_code == 200
    history = page.text.split('data-testid="history"')[1].split("</table>")[0]
    assert "invite" in history and "invited" in history
    journey = page.text.split('data-testid="journey"')[1].split("</table>")[0]
    assert "Melding geopend" in journey and "Uitgenodigd om te plannen" in journey
    assert board.get("/staff/planner/cases/nobody").status_code == 404
    sign_in_as(board, world, StaffRole.TECHNICIAN, technician_id="t-utrecht")
    assert board.get("/staff/planner/cases").status_code == 403
