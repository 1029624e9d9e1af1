"""Journey events are written one way: through ``record_event``, never built by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from klantreis.core.common import Channel
from klantreis.core.journey import JourneyTouchpoint, Phase
from klantreis.core.journey_log import record_case_event, record_event
from tests.fakes import FakeUnitOfWork

SOURCE = Path(__file__).parents[2] / "src" / "klantreis"
# The event's own definition, the helper that builds it, and the repository that reads rows back.
ALLOWED = {"core/journey.py", "core/journey_log.py", "core/db/repositories/events.py"}


def test_no_module_builds_a_journey_event_by_hand() -> None:
    builders = sorted(
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "JourneyEvent(" in path.read_text("utf-8")
        and str(path.relative_to(SOURCE)) not in ALLOWED
    )
    assert builders == []


def test_a_recorded_event_is_appended_with_its_own_copy_of_the_properties() -> None:
    uow = FakeUnitOfWork()
    properties = {"nps": 9}
    at = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # the night the clocks go back
    event = record_event(
        uow,
        JourneyTouchpoint.SURVEY_ANSWERED,
        Channel.WEB,
        at,
        customer_id="c-1",
        case_id="case-1",
        properties=properties,
    )
    properties["nps"] = 0
    assert uow.events.list(0, 10, "c-1", None) == [event]
    assert event.properties == {"nps": 9}
    assert event.occurred_at == at and event.id
    assert event.phase is Phase.SHARING  # the touchpoint's phase, not the caller's


def test_a_case_event_is_on_the_journey_of_the_case_customer() -> None:
    from klantreis.core.case import CaseOrigin, ServiceCase

    uow = FakeUnitOfWork()
    at = datetime(2026, 3, 29, 1, tzinfo=UTC)  # the night the clocks go forward
    case = ServiceCase(
        id="case-7",
        customer_id="c-7",
        device_id=None,
        origin=CaseOrigin.FAULT_REPORTED,
        opened_at=at,
    )
    event = record_case_event(uow, case, JourneyTouchpoint.CASE_OPENED, Channel.DEVICE, at)
    assert (event.customer_id, event.case_id, event.phase) == (
        case.customer_id,
        case.id,
        Phase.SERVICE,
    )


def test_every_case_action_and_kind_of_message_has_its_journey_touchpoint() -> None:
    from klantreis.core.case import CaseAction
    from klantreis.core.journey import JourneyTouchpoint
    from klantreis.messaging.touchpoints import STAFF_TOUCHPOINTS, Touchpoint

    for action in CaseAction:
        assert JourneyTouchpoint.of_case_action(action.value) == f"case_{action.value}"
    for message in set(Touchpoint) - STAFF_TOUCHPOINTS:
        assert JourneyTouchpoint.of_message(message.value) == f"message_{message.value}"
    assert {Touchpoint.PASSWORD_RESET} == STAFF_TOUCHPOINTS  # on nobody's journey


def test_the_packaged_catalogue_defines_every_touchpoint_the_product_writes() -> None:
    from klantreis.core.journey import JourneyTouchpoint
    from klantreis.core.journey_config import load_journey

    catalogue = load_journey()
    assert {t.value for t in JourneyTouchpoint} <= set(catalogue.touchpoints)


def test_a_catalogue_lacking_a_touchpoint_the_product_writes_is_refused_by_name(
    tmp_path: Path,
) -> None:
    import pytest

    from klantreis.core.journey_config import load_journey

    packaged = (SOURCE / "core" / "data" / "journey.toml").read_text("utf-8")
    lacking = tmp_path / "journey.toml"
    survey = _line_of(packaged, "survey_answered")
    lacking.write_text(packaged.replace(survey, ""))
    with pytest.raises(ValueError, match="writes touchpoints it lacks: survey_answered"):
        load_journey(lacking)


def test_a_catalogue_that_moves_a_product_touchpoint_to_another_phase_is_refused_by_name(
    tmp_path: Path,
) -> None:
    import pytest

    from klantreis.core.journey_config import load_journey

    packaged = (SOURCE / "core" / "data" / "journey.toml").read_text("utf-8")
    moved = tmp_path / "journey.toml"
    survey = _line_of(packaged, "survey_answered")
    assert 'phase = "sharing"' in survey
    moved.write_text(packaged.replace(survey, survey.replace("sharing", "service")))
    with pytest.raises(
        ValueError, match="survey_answered \\(the product writes it in 'sharing'\\)"
    ):
        load_journey(moved)


def _line_of(catalogue: str, touchpoint: str) -> str:
    (line,) = [line for line in catalogue.splitlines(True) if line.startswith(f"{touchpoint} =")]
    return line


def test_every_touchpoint_the_product_writes_has_a_dutch_and_an_english_name() -> None:
    from klantreis.core.common import Language
    from klantreis.core.journey import JourneyTouchpoint
    from klantreis.core.journey_config import load_journey

    catalogue = load_journey()
    for touchpoint in JourneyTouchpoint:
        assert set(catalogue.touchpoints[touchpoint.value].titles) == set(Language), touchpoint
    assert catalogue.title("case_book", Language.NL) == "Afspraak gemaakt"
    assert catalogue.title("case_book", Language.EN) == "Visit booked"
    assert catalogue.title("crm_note_added", Language.NL) == "crm note added"  # not in it
