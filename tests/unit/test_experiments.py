"""Experiments against known answers: stable assignment, an A/A test that stays quiet at the
stated rate, a planted effect that is found, too little data and a broken split refused."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from klantreis.core.domain_errors import InvalidValue
from klantreis.experiments.analysis import Verdict, analyse, planned_sample
from klantreis.experiments.model import Experiment, assign, bucket

AB = Experiment("booking-page-v2", ("control", "treatment"), (1.0, 1.0))
BASELINE, EFFECT = 0.30, 0.05


def test_a_household_always_gets_the_same_variant_and_the_split_follows_the_weights() -> None:
    assert all(assign(AB, f"k-{i}") == assign(AB, f"k-{i}") for i in range(100))
    uneven = Experiment("uneven", ("a", "b", "c"), (2.0, 1.0, 1.0))
    counts = Counter(assign(uneven, f"k-{i}") for i in range(40_000))
    assert counts["a"] / 40_000 == pytest.approx(0.5, abs=0.01)
    assert counts["b"] / 40_000 == pytest.approx(0.25, abs=0.01)


def test_experiments_assign_independently_of_each_other() -> None:
    first = [bucket("one", f"k-{i}") < 0.5 for i in range(20_000)]
    second = [bucket("two", f"k-{i}") < 0.5 for i in range(20_000)]
    agreement = sum(a == b for a, b in zip(first, second, strict=True)) / 20_000
    assert agreement == pytest.approx(0.5, abs=0.02)


def _simulate(rng: np.random.Generator, n: int, control: float, treatment: float):  # type: ignore[no-untyped-def]
    units = {"control": n, "treatment": n}
    conversions = {
        "control": int(rng.binomial(n, control)),
        "treatment": int(rng.binomial(n, treatment)),
    }
    return analyse(AB, units, conversions, BASELINE, EFFECT)


def test_an_a_a_test_is_significant_no_more_often_than_alpha() -> None:
    rng = np.random.default_rng(20)
    n = planned_sample(BASELINE, EFFECT)
    runs = 600
    false_alarms = sum(
        _simulate(rng, n, BASELINE, BASELINE).verdict is not Verdict.NO_DIFFERENCE
        for _ in range(runs)
    )
    # alpha = 5 %: 30 expected; a binomial 99.9 % band is about 13..52
    assert 13 <= false_alarms <= 52


def test_a_planted_effect_is_found_about_as_often_as_the_planned_power() -> None:
    rng = np.random.default_rng(21)
    n = planned_sample(BASELINE, EFFECT)
    runs = 300
    found = sum(
        _simulate(rng, n, BASELINE, BASELINE + EFFECT).verdict is Verdict.BETTER
        for _ in range(runs)
    )
    assert 0.72 <= found / runs <= 0.88  # planned power 80 %


def test_a_clear_winner_is_reported_with_its_interval() -> None:
    n = planned_sample(BASELINE, EFFECT)
    report = analyse(
        AB,
        {"control": n, "treatment": n},
        {"control": int(n * 0.30), "treatment": int(n * 0.40)},
        BASELINE,
        EFFECT,
    )
    (comparison,) = report.comparisons
    assert report.verdict is Verdict.BETTER and "treatment converts better" in report.detail
    assert comparison.ci_low > 0 and comparison.difference == pytest.approx(0.10, abs=0.001)


def test_too_little_data_says_so_instead_of_naming_a_winner() -> None:
    report = analyse(
        AB, {"control": 200, "treatment": 200}, {"control": 40, "treatment": 90}, BASELINE, EFFECT
    )
    assert report.verdict is Verdict.INSUFFICIENT_DATA and report.comparisons == []
    assert f"of {planned_sample(BASELINE, EFFECT)} units" in report.detail


def test_a_sample_ratio_mismatch_withholds_the_result() -> None:
    n = planned_sample(BASELINE, EFFECT)
    report = analyse(
        AB,
        {"control": n + 400, "treatment": n},
        {"control": int(n * 0.3), "treatment": int(n * 0.4)},
        BASELINE,
        EFFECT,
    )
    assert report.verdict is Verdict.SAMPLE_RATIO_MISMATCH and report.comparisons == []


@pytest.mark.parametrize(
    ("variants", "weights"), [(("a",), (1.0,)), (("a", "a"), (1.0, 1.0)), (("a", "b"), (1.0, 0.0))]
)
def test_an_experiment_without_a_sound_design_is_refused(
    variants: tuple[str, ...], weights: tuple[float, ...]
) -> None:
    with pytest.raises(InvalidValue):
        Experiment("x", variants, weights)


def test_an_impossible_baseline_is_refused() -> None:
    with pytest.raises(ValueError, match="rates between 0 and 1"):
        planned_sample(0.98, 0.05)


def test_time_to_book_a_a_stays_quiet_and_a_faster_variant_is_found() -> None:
    from klantreis.experiments.analysis import compare_durations

    rng = np.random.default_rng(5)
    quiet = sum(
        compare_durations(
            AB,
            {
                "control": list(rng.exponential(20, 300)),
                "treatment": list(rng.exponential(20, 300)),
            },
            300,
        )[0]
        is not Verdict.NO_DIFFERENCE
        for _ in range(300)
    )
    assert 2 <= quiet <= 30  # 5 % of 300 = 15
    verdict, detail, _ = compare_durations(
        AB,
        {"control": list(rng.exponential(20, 400)), "treatment": list(rng.exponential(12, 400))},
        300,
    )
    assert verdict is Verdict.BETTER and "treatment is faster" in detail
    verdict, detail, _ = compare_durations(
        AB, {"control": [1.0] * 10, "treatment": [2.0] * 10}, 300
    )
    assert verdict is Verdict.INSUFFICIENT_DATA and "10 of 300" in detail
