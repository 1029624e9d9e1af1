"""Rules of the predictive decision: when a visit pays, how a probability moves to another
fleet, and when a failure is expected."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from klantreis.core.customer import Persona
from klantreis.core.domain_errors import InvalidValue
from klantreis.telemetry.failure_time import FailureTime, fix_before
from klantreis.telemetry.predicted_visits import VisitEconomics, fleet_rate, shifted

ECONOMICS = VisitEconomics()


def test_a_visit_pays_sooner_where_a_breakdown_costs_more() -> None:
    lines = {p: ECONOMICS.break_even(p) for p in Persona}
    assert lines[Persona.INSTITUTION] < lines[Persona.BUSINESS] < lines[Persona.SINGLE_SENIOR]
    assert lines[Persona.SINGLE_SENIOR] < lines[Persona.FAMILY] < 1
    family = lines[Persona.FAMILY]
    assert ECONOMICS.worth_a_visit(family + 0.01, Persona.FAMILY)
    assert not ECONOMICS.worth_a_visit(family - 0.01, Persona.FAMILY)
    # 75 euro for a visit against 75 + 4 days x 25 euro for a family's breakdown.
    assert family == pytest.approx(75 / 175)


@pytest.mark.parametrize(
    "change",
    [{"visit_euro": 0.0}, {"downtime_days": -1.0}, {"repair_premium_euro": math.nan}],
)
def test_impossible_rates_are_refused_by_name(change: dict[str, float]) -> None:
    with pytest.raises(InvalidValue, match=next(iter(change))):
        VisitEconomics(**change)  # type: ignore[arg-type]


def test_a_rate_for_every_persona_is_required() -> None:
    with pytest.raises(InvalidValue, match="no rate for"):
        VisitEconomics(downtime_euro_per_day={Persona.FAMILY: 25.0})


def test_a_probability_moves_with_the_fleet_s_failure_rate() -> None:
    assert shifted(0.5, 0.1, 0.1) == pytest.approx(0.5)  # the same fleet: unchanged
    assert shifted(0.5, 0.2, 0.05) < 0.5 < shifted(0.5, 0.05, 0.2)
    # The odds scale by the ratio of the base rates' odds: 1 x (0.05/0.95)/(0.2/0.8).
    assert shifted(0.5, 0.2, 0.05) == pytest.approx((0.05 / 0.95) / (0.25 + 0.05 / 0.95))
    with pytest.raises(InvalidValue):
        shifted(0.5, 0.0, 0.1)


def test_a_young_fleet_is_judged_by_the_training_rate_until_its_own_failures_speak() -> None:
    assert fleet_rate(0, 0.0, 14, 0.1) == pytest.approx(0.1)
    seen = fleet_rate(2, 200_000.0, 14, 0.1)  # 2 failures in 200,000 device-days: rare
    assert seen < 0.02
    assert fleet_rate(2, 200.0, 14, 0.1) > 0.1  # 2 in 200 device-days: common


def test_the_fix_before_date_is_the_early_quantile_of_the_failure_time() -> None:
    failure = FailureTime(median_days=10.0, log_sigma=0.5)
    assert failure.share_by(10.0) == pytest.approx(0.5)
    assert failure.share_by(failure.quantile_days(0.2)) == pytest.approx(0.2)
    now = datetime(2026, 3, 26, 9, tzinfo=UTC)  # Thursday
    early = failure.quantile_days(0.2)  # 6.57 days: Wednesday 22:34 UTC, 00:34 on Thursday
    assert 6.5 < early < 6.6 and fix_before(now, failure) == date(2026, 4, 2)  # in CEST
    soon = FailureTime(median_days=0.5, log_sigma=0.2)
    assert fix_before(now, soon) == date(2026, 3, 29)  # tomorrow and the day after stay


def test_a_fix_before_date_across_the_switch_to_winter_time_is_a_local_day() -> None:
    just_after_midnight = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # Sunday 00:30, CEST
    # 96 hours on it is 23:30 on Wednesday, not 00:30 on Thursday: the clocks went back.
    assert fix_before(just_after_midnight, FailureTime(4.0, 0.0)) == date(2026, 10, 28)


@pytest.mark.parametrize(("median", "sigma"), [(0.0, 0.5), (5.0, -0.1), (math.inf, 0.3)])
def test_an_impossible_failure_time_is_refused(median: float, sigma: float) -> None:
    with pytest.raises(InvalidValue):
        FailureTime(median, sigma)
