"""The technician closes the loop: what a predicted visit found is stored, shown per model
version, and changes the next training set."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.access import Role
from klantreis.core.case import CaseAction, CaseOrigin, Findings
from klantreis.core.cases import act_on_case, open_case
from klantreis.core.common import Language
from klantreis.core.device import DeviceKind
from klantreis.core.errors import Conflict, Unprocessable
from klantreis.core.records import CaseRecord
from klantreis.staff.model import StaffRole
from klantreis.telemetry.findings_service import prediction_precision, record_finding
from klantreis.telemetry.training import build_training_set
from klantreis.telemetry.visit_findings import Found
from tests.conftest import FixedClock
from tests.e2e.conftest import Api, keys_for
from tests.scheduling_world import utrecht
from tests.staff_world import sign_in_as
from tests.telemetry_world import add_fleet, send_history

VISIT = (CaseAction.INVITE, CaseAction.BOOK, CaseAction.PLAN, CaseAction.DEPART, CaseAction.ARRIVE)


def _predicted_case(container: Container, device_id: str, case_id: str = "p-1") -> str:
    with container.uow_factory() as uow:
        device = uow.devices.get(device_id)
        assert device is not None
        open_case(
            uow,
            container.clock,
            CaseRecord(
                customer_id=device.customer_id,
                device_id=device_id,
                origin=CaseOrigin.PREDICTED,
                required_skills=["boiler"],
                summary="pressure falling (predicted)",
            ),
            case_id,
            findings=Findings(
                cause="pressure_loss",
                description="pressure falling",
                urgency="soon",
                risk=0.7,
                failure_mode="pressure",
                model_version=3,
            ),
        )
        uow.commit()
    return case_id


def _visit(container: Container, case_id: str) -> None:
    with container.uow_factory() as uow:
        for action in VISIT:
            act_on_case(uow, container.clock, case_id, action)
        uow.commit()


def test_a_confirmed_wear_becomes_a_failure_the_next_training_learns_from(
    container: Container, clock: FixedClock
) -> None:
    now = clock.now()
    catalogue = container.appliances
    boiler = catalogue.kinds[DeviceKind.BOILER]
    devices = add_fleet(container, 20)
    send_history(container, devices, now - timedelta(days=50), 50, until=now, failure_share=0.0)
    with container.uow_factory(read_only=True) as uow:
        before = build_training_set(uow, catalogue, boiler, now - timedelta(days=50), now)
        device_id = uow.devices.list(0, 1)[0].id
    assert sum(sum(v) for v in before.labels.values()) == 0  # nothing ever failed
    clock.current = now - timedelta(days=20)
    case_id = _predicted_case(container, device_id)
    _visit(container, case_id)
    with container.uow_factory() as uow:
        record_finding(uow, clock, case_id, Found.WEAR_CONFIRMED)
        uow.commit()
    clock.current = now
    with container.uow_factory(read_only=True) as uow:
        after = build_training_set(uow, catalogue, boiler, now - timedelta(days=50), now)
        answers = uow.visit_findings.all()
    assert sum(after.labels["pressure"]) > 0  # the mended wear counts as the failure it was
    assert sum(sum(v) for m, v in after.labels.items() if m != "pressure") == 0
    assert prediction_precision(list(answers)) == {
        3: {"answered": 1, "wear_confirmed": 1, "precision": 1.0}
    }


def test_only_a_visit_that_took_place_to_a_predicted_or_maintenance_case_is_asked(
    container: Container, clock: FixedClock
) -> None:
    add_fleet(container, 2)
    with container.uow_factory(read_only=True) as uow:
        device_id = uow.devices.list(0, 1)[0].id
    case_id = _predicted_case(container, device_id)
    with container.uow_factory() as uow, pytest.raises(Conflict, match="has not taken place"):
        record_finding(uow, clock, case_id, Found.NOTHING_FOUND)
    with container.uow_factory() as uow:
        device = uow.devices.get(device_id)
        assert device is not None
        open_case(
            uow,
            clock,
            CaseRecord(customer_id=device.customer_id, origin=CaseOrigin.CUSTOMER_REQUEST),
            "c-9",
        )
        uow.commit()
    with container.uow_factory() as uow, pytest.raises(Unprocessable, match="predicted"):
        record_finding(uow, clock, "c-9", Found.NOTHING_FOUND)


@pytest.mark.parametrize(
    ("lang", "question", "button"),
    [("nl", "Wat vond u?", "Niets gevonden"), ("en", "What did you find?", "Nothing found")],
)
def test_the_technician_answers_with_one_tap_in_dutch_or_english(
    container: Container, clock: FixedClock, lang: str, question: str, button: str
) -> None:
    utrecht(container)
    add_fleet(container, 1)
    with container.uow_factory(read_only=True) as uow:
        device_id = uow.devices.list(0, 1)[0].id
    case_id = _predicted_case(container, device_id)
    with TestClient(create_app(container), base_url="https://testserver") as client:
        api = Api(client, keys_for(container), container)
        # Book and plan it through the API, then the technician of that plan is on site.
        offers = client.get(f"/api/v1/cases/{case_id}/offers", headers=api.as_(Role.PLANNER))
        start = offers.json()["offers"][0]["window_start"]
        booked = client.post(
            f"/api/v1/cases/{case_id}/booking",
            json={"window_start": start},
            headers={
                **api.as_(Role.PLANNER),
                "Idempotency-Key": f"finding-{lang}",
            },
        )
        assert booked.status_code == 201, booked.text
        with container.uow_factory() as uow:
            booking = uow.bookings.active_for_case(case_id)
            assert booking is not None
            uow.plans.replace_day(
                booking.day,
                [(booking.id, booking.technician_id, 0, booking.window.start)],
                clock.now(),
            )
            for action in (CaseAction.PLAN, CaseAction.DEPART, CaseAction.ARRIVE):
                act_on_case(uow, clock, case_id, action)
            uow.commit()
        csrf = sign_in_as(
            client,
            container,
            StaffRole.TECHNICIAN,
            technician_id=booking.technician_id,
            language=Language(lang),
        )
        page = client.get(f"/staff/technician?day={booking.day}")
        assert page.status_code == 200 and question in page.text and button in page.text
        form = {"day": booking.day.isoformat(), "csrf_token": csrf}
        saved = client.post(
            f"/staff/technician/{case_id}/finding",
            data={**form, "found": "nothing_found"},
            follow_redirects=False,
        )
        assert saved.status_code == 303
        refused = client.post(
            f"/staff/technician/{case_id}/finding",
            data={**form, "found": "melted"},
            follow_redirects=False,
        )
        assert refused.status_code == 422
        sign_in_as(client, container, StaffRole.ANALYST)
        shown = client.get("/staff/analytics")
        assert "<td>v3</td><td>1</td><td>0</td><td>0%</td>" in shown.text  # analysts see it
    with container.uow_factory(read_only=True) as uow:
        (answer,) = uow.visit_findings.all()
    assert answer.found is Found.NOTHING_FOUND and answer.model_version == 3
