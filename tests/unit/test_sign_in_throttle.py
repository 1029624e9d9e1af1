"""How often one client may fail: a sliding window per address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from klantreis.staff.throttle import Throttle

T0 = datetime(2026, 10, 25, 0, 55, tzinfo=UTC)  # the window spans the night the clocks go back


def test_the_window_slides_and_counts_each_client_alone() -> None:
    throttle = Throttle(attempts=3, per=timedelta(minutes=10))
    for minutes in (0, 1, 2):
        assert throttle.wait_for("a", T0 + timedelta(minutes=minutes)) is None
        throttle.count("a", T0 + timedelta(minutes=minutes))
    assert throttle.wait_for("a", T0 + timedelta(minutes=3)) == timedelta(minutes=7)
    assert throttle.wait_for("b", T0 + timedelta(minutes=3)) is None  # another address
    assert throttle.wait_for("a", T0 + timedelta(minutes=10, seconds=1)) is None
    throttle.count("a", T0 + timedelta(minutes=10, seconds=1))
    assert throttle.wait_for("a", T0 + timedelta(minutes=10, seconds=2)) is not None


def test_what_succeeds_is_not_counted() -> None:
    throttle = Throttle(attempts=1, per=timedelta(minutes=10))
    for _ in range(50):  # fifty colleagues behind one office address, none of them wrong
        assert throttle.wait_for("office", T0) is None
