"""The journey configuration holds every touchpoint the services write, and refuses a bad
configuration by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from klantreis.core.case import CaseAction
from klantreis.core.journey_config import load_journey
from klantreis.messaging.touchpoints import STAFF_TOUCHPOINTS, Touchpoint

WRITTEN_BY_SERVICES = (
    ["case_opened", "inbound_message", "callback_requested", "callback_attempt"]
    + ["survey_answered"]
    + ["detractor_follow_up", "calendar_linked", "calendar_unlinked", "link_renewal_requested"]
    + [f"case_{a.value}" for a in CaseAction]
    + [f"message_{t.value}" for t in Touchpoint if t not in STAFF_TOUCHPOINTS]
)


def test_every_touchpoint_the_services_write_is_in_the_journey() -> None:
    catalog = load_journey()
    assert sorted(set(WRITTEN_BY_SERVICES) - set(catalog.touchpoints)) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[touchpoints]\nx = { phase = "dreaming" }\n', "touchpoint 'x'"),
        ('[touchpoints]\nx = { phase = "sharing", channels = ["pigeon"] }\n', "pigeon"),
        ("[touchpoints]\nx = { channels = [] }\n", "'phase'"),
        ("[touchpoints\n", "not valid TOML"),
        ("", "no touchpoints"),
    ],
)
def test_a_bad_journey_file_is_refused_by_name(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "journey.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ValueError, match=message):
        load_journey(path)
