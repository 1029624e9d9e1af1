"""The service case and the state machine every case moves through."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from klantreis.core.common import to_utc
from klantreis.core.domain_errors import IllegalTransition, InvalidValue


class CaseOrigin(StrEnum):
    PREDICTED = "predicted"
    FAULT_REPORTED = "fault_reported"
    PERIODIC_MAINTENANCE = "periodic_maintenance"
    CUSTOMER_REQUEST = "customer_request"


class CaseState(StrEnum):
    OPENED = "opened"
    INVITED = "invited"
    BOOKED = "booked"
    PLANNED = "planned"
    EN_ROUTE = "en_route"
    ON_SITE = "on_site"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


# States in which a case still asks for work; a device in one of these gets no second case.
OPEN_STATES = frozenset(
    {
        CaseState.OPENED,
        CaseState.INVITED,
        CaseState.BOOKED,
        CaseState.PLANNED,
        CaseState.EN_ROUTE,
        CaseState.ON_SITE,
        CaseState.NO_SHOW,
    }
)


class CaseAction(StrEnum):
    INVITE = "invite"
    BOOK = "book"
    RESCHEDULE = "reschedule"
    PLAN = "plan"
    DEPART = "depart"
    ARRIVE = "arrive"
    RESOLVE = "resolve"
    REPORT_NO_SHOW = "report_no_show"
    REQUIRE_FOLLOW_UP = "require_follow_up"
    CANCEL = "cancel"
    CLOSE = "close"


S = CaseState
# The whole state machine: action -> (states it may start from, state it leads to).
TRANSITIONS: dict[CaseAction, tuple[frozenset[CaseState], CaseState]] = {
    CaseAction.INVITE: (frozenset({S.OPENED, S.INVITED}), S.INVITED),
    CaseAction.BOOK: (frozenset({S.OPENED, S.INVITED, S.NO_SHOW}), S.BOOKED),
    CaseAction.RESCHEDULE: (frozenset({S.BOOKED, S.PLANNED}), S.BOOKED),
    CaseAction.PLAN: (frozenset({S.BOOKED, S.PLANNED}), S.PLANNED),
    CaseAction.DEPART: (frozenset({S.PLANNED}), S.EN_ROUTE),
    CaseAction.ARRIVE: (frozenset({S.EN_ROUTE}), S.ON_SITE),
    CaseAction.RESOLVE: (frozenset({S.ON_SITE}), S.RESOLVED),
    CaseAction.REPORT_NO_SHOW: (frozenset({S.EN_ROUTE, S.ON_SITE}), S.NO_SHOW),
    # Needs parts or a second visit: the case goes back to be booked again.
    CaseAction.REQUIRE_FOLLOW_UP: (frozenset({S.ON_SITE}), S.OPENED),
    CaseAction.CANCEL: (
        frozenset({S.OPENED, S.INVITED, S.BOOKED, S.PLANNED, S.NO_SHOW}),
        S.CANCELLED,
    ),
    CaseAction.CLOSE: (frozenset({S.RESOLVED, S.CANCELLED}), S.CLOSED),
}


def allowed_actions(state: CaseState) -> list[CaseAction]:
    return [action for action, (sources, _) in TRANSITIONS.items() if state in sources]


@dataclass(frozen=True, slots=True)
class Transition:
    """One move of a case, kept as its history."""

    action: CaseAction
    from_state: CaseState
    to_state: CaseState
    at: datetime
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Findings:
    """Why a device asked for a visit: the diagnosed cause and the signals behind it."""

    cause: str
    description: str
    urgency: str
    parts: tuple[str, ...] = ()
    explanation: tuple[str, ...] = ()
    risk: float | None = None
    failure_mode: str | None = None
    model_version: int | None = None
    # A predicted failure's deadline: the first local day a visit would likely be too late.
    fix_before: date | None = None


@dataclass(slots=True)
class ServiceCase:
    """A reason to visit a customer's device, from opening to closing.

    ``version`` counts the moves made, so that storage can refuse a move made on a stale copy.
    """

    id: str
    customer_id: str
    device_id: str | None
    origin: CaseOrigin
    opened_at: datetime
    summary: str = ""
    required_skills: frozenset[str] = frozenset()
    duration_minutes: int = 60
    urgent: bool = False
    state: CaseState = CaseState.OPENED
    findings: Findings | None = None
    reschedule_count: int = 0
    version: int = 0
    history: list[Transition] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.opened_at = to_utc("opened_at", self.opened_at)
        if not 5 <= self.duration_minutes <= 8 * 60:
            raise InvalidValue("duration_minutes", f"{self.duration_minutes} is outside 5..480")

    def apply(self, action: CaseAction, at: datetime, reason: str = "") -> Transition:
        """Move the case by ``action``; raise ``IllegalTransition`` if the state forbids it."""
        at = to_utc("at", at)
        sources, target = TRANSITIONS[action]
        if self.state not in sources:
            raise IllegalTransition(self.id, self.state.value, action.value)
        transition = Transition(action, self.state, target, at, reason)
        self.state = target
        if action is CaseAction.RESCHEDULE:
            self.reschedule_count += 1
        self.version += 1
        self.history.append(transition)
        return transition
