"""The service case's state machine: every legal move, every illegal one refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantreis.core.case import (
    TRANSITIONS,
    CaseAction,
    CaseOrigin,
    CaseState,
    ServiceCase,
    allowed_actions,
)
from klantreis.core.domain_errors import IllegalTransition, InvalidValue

T0 = datetime(2026, 5, 11, 8, 0, tzinfo=UTC)


def new_case() -> ServiceCase:
    return ServiceCase(
        id="c1", customer_id="k1", device_id=None, origin=CaseOrigin.FAULT_REPORTED, opened_at=T0
    )


def case_in(state: CaseState) -> ServiceCase:
    case = new_case()
    case.state = state
    return case


def test_a_case_walks_the_happy_path_from_opened_to_closed() -> None:
    case = new_case()
    for step, action in enumerate(
        [
            CaseAction.INVITE,
            CaseAction.BOOK,
            CaseAction.PLAN,
            CaseAction.DEPART,
            CaseAction.ARRIVE,
            CaseAction.RESOLVE,
            CaseAction.CLOSE,
        ]
    ):
        case.apply(action, T0 + timedelta(hours=step))
    assert case.state is CaseState.CLOSED
    assert [t.to_state for t in case.history][-1] is CaseState.CLOSED
    assert case.version == 7


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (state, action)
        for action, (sources, _) in TRANSITIONS.items()
        for state in CaseState
        if state not in sources
    ],
)
def test_an_illegal_move_raises_and_changes_nothing(state: CaseState, action: CaseAction) -> None:
    case = case_in(state)
    with pytest.raises(IllegalTransition) as refused:
        case.apply(action, T0)
    assert refused.value.state == state.value and refused.value.action == action.value
    assert case.state is state and case.version == 0 and case.history == []


def test_a_closed_case_accepts_no_action_at_all() -> None:
    assert allowed_actions(CaseState.CLOSED) == []


def test_rescheduling_returns_to_booked_and_is_counted() -> None:
    case = case_in(CaseState.PLANNED)
    case.apply(CaseAction.RESCHEDULE, T0)
    case.apply(CaseAction.RESCHEDULE, T0)
    assert case.state is CaseState.BOOKED
    assert case.reschedule_count == 2


def test_a_no_show_can_be_booked_again_or_cancelled() -> None:
    assert CaseAction.BOOK in allowed_actions(CaseState.NO_SHOW)
    assert CaseAction.CANCEL in allowed_actions(CaseState.NO_SHOW)
    assert CaseAction.RESOLVE not in allowed_actions(CaseState.NO_SHOW)


def test_a_move_needs_an_aware_time() -> None:
    with pytest.raises(InvalidValue, match="time zone"):
        new_case().apply(CaseAction.INVITE, datetime(2026, 5, 11, 8, 0))


@given(st.lists(st.sampled_from(list(CaseAction)), max_size=40))
def test_any_sequence_of_requests_leaves_a_consistent_history(actions: list[CaseAction]) -> None:
    """Whatever is asked, only legal moves happen and the history chains state to state."""
    case = new_case()
    for action in actions:
        before = case.state
        try:
            case.apply(action, T0)
        except IllegalTransition:
            assert case.state is before
    state = CaseState.OPENED
    for transition in case.history:
        sources, target = TRANSITIONS[transition.action]
        assert transition.from_state is state and state in sources
        assert transition.to_state is target
        state = target
    assert state is case.state
    assert case.version == len(case.history)
