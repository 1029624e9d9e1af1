"""The twin's events are typed and each kind has exactly one handler."""

from __future__ import annotations

from klantreis.twin import events
from klantreis.twin.bus import HANDLERS


def _kinds() -> set[type[events.Event]]:
    return {
        kind
        for kind in vars(events).values()
        if isinstance(kind, type) and issubclass(kind, events.Event) and kind is not events.Event
    }


def test_every_kind_of_event_has_one_handler_and_nothing_else_is_handled() -> None:
    assert set(HANDLERS) == _kinds()


def test_each_kind_keeps_its_own_name_for_draws_and_refusals() -> None:
    names = [kind.name for kind in _kinds()]
    assert len(names) == len(set(names)) == 18
    assert events.Book.name == "book" and events.AfterVisit.name == "after_visit"
