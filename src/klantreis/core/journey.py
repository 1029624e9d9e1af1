"""The customer's journey: every touchpoint is an event in a phase, on a channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from klantreis.core.common import Channel, to_utc
from klantreis.core.domain_errors import InvalidValue


class Phase(StrEnum):
    INSPIRATION = "inspiration"
    INFORMATION = "information"
    PLANNING = "planning"
    BUYING = "buying"
    SERVICE = "service"
    SHARING = "sharing"


class JourneyTouchpoint(StrEnum):
    """Every touchpoint the product itself writes. The journey catalogue must define each one
    (and may define more, for events other systems send); ``case_<action>`` and
    ``message_<message>`` exist for every case action and every kind of message."""

    CASE_OPENED = "case_opened"
    CASE_INVITE = "case_invite"
    CASE_BOOK = "case_book"
    CASE_RESCHEDULE = "case_reschedule"
    CASE_PLAN = "case_plan"
    CASE_DEPART = "case_depart"
    CASE_ARRIVE = "case_arrive"
    CASE_RESOLVE = "case_resolve"
    CASE_REPORT_NO_SHOW = "case_report_no_show"
    CASE_REQUIRE_FOLLOW_UP = "case_require_follow_up"
    CASE_CANCEL = "case_cancel"
    CASE_CLOSE = "case_close"
    MESSAGE_INVITATION = "message_invitation"
    MESSAGE_CONFIRMATION = "message_confirmation"
    MESSAGE_BOOKED_FOR_YOU = "message_booked_for_you"
    MESSAGE_REMINDER = "message_reminder"
    MESSAGE_ON_THE_WAY = "message_on_the_way"
    MESSAGE_RESCHEDULED = "message_rescheduled"
    MESSAGE_CANCELLED = "message_cancelled"
    MESSAGE_SURVEY = "message_survey"
    MESSAGE_APOLOGY = "message_apology"
    MESSAGE_CALLBACK = "message_callback"
    MESSAGE_REPLY = "message_reply"
    MESSAGE_NEW_LINK = "message_new_link"
    MESSAGE_CONTACT_CONFIRM = "message_contact_confirm"
    MESSAGE_CONTACT_NOTICE = "message_contact_notice"
    CALENDAR_LINKED = "calendar_linked"
    CALENDAR_UNLINKED = "calendar_unlinked"
    CALLBACK_REQUESTED = "callback_requested"
    CALLBACK_ATTEMPT = "callback_attempt"
    LINK_RENEWAL_REQUESTED = "link_renewal_requested"
    INBOUND_MESSAGE = "inbound_message"
    DETRACTOR_FOLLOW_UP = "detractor_follow_up"
    SURVEY_ANSWERED = "survey_answered"
    CALLCENTER_CALL = "callcenter_call"
    BOOKING_PAGE_VIEWED = "booking_page_viewed"
    EXPERIMENT_EXPOSURE = "experiment_exposure"

    @property
    def phase(self) -> Phase:
        """Where on the journey this touchpoint sits (the catalogue must agree)."""
        return _PHASE_OF.get(self, Phase.INFORMATION)

    @classmethod
    def of_case_action(cls, action: str) -> JourneyTouchpoint:
        return cls(f"case_{action}")

    @classmethod
    def of_message(cls, message: str) -> JourneyTouchpoint:
        return cls(f"message_{message}")


# The touchpoints outside the information phase (where every message the product sends sits).
_PHASE_OF = {
    touchpoint: phase
    for phase, touchpoints in {
        Phase.PLANNING: (
            JourneyTouchpoint.CASE_BOOK,
            JourneyTouchpoint.CASE_RESCHEDULE,
            JourneyTouchpoint.CASE_PLAN,
            JourneyTouchpoint.CASE_CANCEL,
            JourneyTouchpoint.CALENDAR_LINKED,
            JourneyTouchpoint.CALENDAR_UNLINKED,
            JourneyTouchpoint.CALLBACK_REQUESTED,
            JourneyTouchpoint.CALLBACK_ATTEMPT,
            JourneyTouchpoint.LINK_RENEWAL_REQUESTED,
            JourneyTouchpoint.BOOKING_PAGE_VIEWED,
            JourneyTouchpoint.EXPERIMENT_EXPOSURE,
        ),
        Phase.SERVICE: (
            JourneyTouchpoint.CASE_OPENED,
            JourneyTouchpoint.CASE_DEPART,
            JourneyTouchpoint.CASE_ARRIVE,
            JourneyTouchpoint.CASE_RESOLVE,
            JourneyTouchpoint.CASE_REPORT_NO_SHOW,
            JourneyTouchpoint.CASE_REQUIRE_FOLLOW_UP,
            JourneyTouchpoint.CASE_CLOSE,
            JourneyTouchpoint.INBOUND_MESSAGE,
            JourneyTouchpoint.DETRACTOR_FOLLOW_UP,
        ),
        Phase.SHARING: (JourneyTouchpoint.SURVEY_ANSWERED,),
    }.items()
    for touchpoint in touchpoints
}


@dataclass(frozen=True, slots=True)
class JourneyEvent:
    """An immutable record of one touchpoint; events are only ever appended."""

    id: str
    customer_id: str
    phase: Phase
    touchpoint: str
    channel: Channel
    occurred_at: datetime
    case_id: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "occurred_at", to_utc("occurred_at", self.occurred_at))
        if not self.touchpoint or not self.touchpoint.replace("_", "").isalnum():
            raise InvalidValue("touchpoint", f"'{self.touchpoint}' is not a snake_case name")
