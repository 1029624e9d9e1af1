"""How often one client may try: a sliding window per address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from klantreis.staff.throttle import Throttle

T0 = datetime(2026, 10, 25, 0, 55, tzinfo=UTC)  # the window spans the night the clocks go back


def test_the_window_slides_and_counts_each_client_alone() -> None:
    throttle = Throttle(attempts=3, per=timedelta(minutes=10))
    assert [throttle.wait_for("a", T0 + timedelta(minutes=m)) for m in (0, 1, 2)] == [None] * 3
    assert throttle.wait_for("a", T0 + timedelta(minutes=3)) == timedelta(minutes=7)
    assert throttle.wait_for("b", T0 + timedelta(minutes=3)) is None  # another address
    assert throttle.wait_for("a", T0 + timedelta(minutes=10, seconds=1)) is None
    assert throttle.wait_for("a", T0 + timedelta(minutes=10, seconds=2)) is not None
