"""Funnels and paths in DuckDB, checked against a plain Python reading of the same events."""

from __future__ import annotations

from datetime import datetime, timedelta
from statistics import median

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantreis.analytics.engine import JourneyAnalytics

START = datetime(2026, 3, 1, 8)
STEPS = ["opened", "invited", "booked", "visited"]


def frame(events: list[tuple[int, str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": [e[0] for e in events],
            "touchpoint": [e[1] for e in events],
            "channel": ["web"] * len(events),
            "occurred_at": [START + timedelta(hours=e[2]) for e in events],
            "persona": [e[3] for e in events],
            "region": ["midden"] * len(events),
            "device_model": ["Remeha Tzerra Ace"] * len(events),
        }
    )


def brute_force(
    events: list[tuple[int, str, int, str]], steps: list[str]
) -> list[tuple[int, float | None]]:
    reached = [0] * len(steps)
    waits: list[list[float]] = [[] for _ in steps]
    for unit in {e[0] for e in events}:
        mine = sorted((e[2], e[1]) for e in events if e[0] == unit)
        previous = None
        for k, step in enumerate(steps):
            times = [t for t, tp in mine if tp == step and (previous is None or t >= previous)]
            if not times:
                break
            reached[k] += 1
            if previous is not None:
                waits[k].append(float(min(times) - previous))
            previous = min(times)
    return [(reached[k], median(waits[k]) if waits[k] else None) for k in range(len(steps))]


EVENTS = st.lists(
    st.tuples(
        st.integers(1, 12),
        st.sampled_from(STEPS + ["noise"]),
        st.integers(0, 200),
        st.sampled_from(["family", "business"]),
    ),
    min_size=1,
    max_size=80,
)


@given(events=EVENTS)
@settings(max_examples=150, deadline=None, derandomize=True)
def test_the_funnel_matches_a_plain_reading_even_with_repeated_and_out_of_order_steps(
    events: list[tuple[int, str, int, str]],
) -> None:
    # one persona per unit, as customers have
    events = [(u, tp, t, "family" if u % 2 else "business") for u, tp, t, _ in events]
    if not any(tp == STEPS[0] for _, tp, _, _ in events):
        events.append((1, STEPS[0], 0, "family"))
    analytics = JourneyAnalytics(threads=1)
    analytics.load(frame(events))
    present = [s for s in STEPS if any(tp == s for _, tp, _, _ in events)]
    if len(present) < 2 or present[0] != STEPS[0]:
        return
    (funnel,) = analytics.funnel(present)
    expected = brute_force(events, present)
    assert [s.units for s in funnel.steps] == [n for n, _ in expected]
    for step, (_, wait) in zip(funnel.steps[1:], expected[1:], strict=True):
        assert step.median_hours_from_previous == (None if wait is None else round(wait, 2))


def test_a_breakdown_gives_one_funnel_per_group_with_conversions() -> None:
    events = [
        (1, "opened", 0, "family"),
        (1, "invited", 2, "family"),
        (1, "booked", 5, "family"),
        (2, "opened", 0, "family"),
        (2, "invited", 1, "family"),
        (3, "opened", 0, "business"),
        (3, "invited", 4, "business"),
        (3, "booked", 6, "business"),
    ]
    analytics = JourneyAnalytics()
    analytics.load(frame(events))
    funnels = {f.group: f for f in analytics.funnel(["opened", "invited", "booked"], by="persona")}
    assert [s.units for s in funnels["family"].steps] == [2, 2, 1]
    assert funnels["family"].steps[2].conversion_from_previous == 0.5
    assert funnels["business"].steps[1].median_hours_from_previous == 4.0


@pytest.mark.parametrize(
    ("steps", "by", "message"),
    [
        (["opened"], None, "at least two steps"),
        (["opened", "opened"], None, "each step once"),
        (["opened", "teleported"], None, "no events for step"),
        (["opened", "invited"], "shoe_size", "cannot break down"),
    ],
)
def test_a_funnel_that_cannot_be_asked_says_why(
    steps: list[str], by: str | None, message: str
) -> None:
    analytics = JourneyAnalytics()
    analytics.load(frame([(1, "opened", 0, "family"), (1, "invited", 1, "family")]))
    with pytest.raises(ValueError, match=message):
        analytics.funnel(steps, by=by)


def test_events_without_a_needed_column_are_refused() -> None:
    with pytest.raises(ValueError, match="persona"):
        JourneyAnalytics().load(frame([(1, "opened", 0, "family")]).drop(columns=["persona"]))


def test_paths_count_the_steps_from_one_touchpoint_to_the_next() -> None:
    events = [
        (1, "opened", 0, "family"),
        (1, "invited", 1, "family"),
        (1, "booked", 2, "family"),
        (2, "opened", 0, "family"),
        (2, "invited", 1, "family"),
        (2, "visited", 3, "family"),
    ]
    analytics = JourneyAnalytics()
    analytics.load(frame(events))
    paths = analytics.paths()
    assert ("1. opened", "2. invited", 2) in paths
    assert ("2. invited", "3. booked", 1) in paths and ("2. invited", "3. visited", 1) in paths
