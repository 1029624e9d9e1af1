"""Experiment analysis with a fixed horizon (statsmodels and scipy; no hand-rolled tests).

The method (docs/EXPERIMENTS.md): before the start the experiment states its baseline rate
and the smallest effect worth finding; that gives the sample per variant for 80 % power at a
two-sided alpha of 0.05 (Bonferroni-corrected across treatments). Results are shown only once
every variant has that sample, so looking early cannot inflate false positives. A sample-ratio
mismatch (chi-square against the planned split, p < 0.001) withholds the result: the
assignment or the logging is broken, and no comparison can be trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.stats import chisquare, ttest_ind
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_effectsize,
    proportions_ztest,
)

from klantreis.experiments.model import Experiment, expected_shares

ALPHA = 0.05
POWER = 0.8
SRM_ALPHA = 0.001


class Verdict(StrEnum):
    INSUFFICIENT_DATA = "insufficient_data"
    SAMPLE_RATIO_MISMATCH = "sample_ratio_mismatch"
    NO_DIFFERENCE = "no_significant_difference"
    BETTER = "better"
    WORSE = "worse"


@dataclass(frozen=True, slots=True)
class Comparison:
    variant: str
    rate: float
    control_rate: float
    difference: float
    ci_low: float
    ci_high: float
    p_value: float
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Report:
    experiment: str
    verdict: Verdict
    detail: str
    planned_per_variant: int
    units: dict[str, int]
    srm_p_value: float
    comparisons: list[Comparison]


def planned_sample(baseline: float, minimum_effect: float, treatments: int = 1) -> int:
    """Units per variant to find ``minimum_effect`` (absolute) with 80 % power."""
    if not 0 < baseline < 1 or not 0 < baseline + minimum_effect < 1 or minimum_effect == 0:
        raise ValueError("baseline and baseline + effect must be rates between 0 and 1")
    effect = abs(proportion_effectsize(baseline + minimum_effect, baseline))
    n = NormalIndPower().solve_power(effect, alpha=ALPHA / treatments, power=POWER, ratio=1.0)
    return int(n) + 1


def sample_ratio_p(experiment: Experiment, units: dict[str, int]) -> float:
    observed = [units.get(v, 0) for v in experiment.variants]
    total = sum(observed)
    if total == 0:
        return 1.0
    expected = [share * total for share in expected_shares(experiment)]
    return float(chisquare(observed, expected).pvalue)


def analyse(
    experiment: Experiment,
    units: dict[str, int],
    conversions: dict[str, int],
    baseline: float,
    minimum_effect: float,
) -> Report:
    """Compare each treatment's conversion rate with the control's."""
    treatments = len(experiment.variants) - 1
    planned = planned_sample(baseline, minimum_effect, treatments)
    srm = sample_ratio_p(experiment, units)
    base = Report(experiment.key, Verdict.NO_DIFFERENCE, "", planned, dict(units), srm, [])
    if srm < SRM_ALPHA:
        detail = (
            f"sample ratio mismatch (p = {srm:.2g}): the split is not the planned "
            f"{', '.join(f'{s:.0%}' for s in expected_shares(experiment))}; fix assignment or "
            "logging before reading results"
        )
        return _with(base, Verdict.SAMPLE_RATIO_MISMATCH, detail)
    short = {v: units.get(v, 0) for v in experiment.variants if units.get(v, 0) < planned}
    if short:
        detail = "not enough data yet: " + ", ".join(
            f"{v} has {n} of {planned} units" for v, n in short.items()
        )
        return _with(base, Verdict.INSUFFICIENT_DATA, detail)
    control = experiment.variants[0]
    comparisons = []
    for variant in experiment.variants[1:]:
        counts = [conversions.get(variant, 0), conversions.get(control, 0)]
        sizes = [units[variant], units[control]]
        _, p_value = proportions_ztest(counts, sizes)
        low, high = confint_proportions_2indep(
            counts[0], sizes[0], counts[1], sizes[1], alpha=ALPHA / treatments
        )
        rate, control_rate = counts[0] / sizes[0], counts[1] / sizes[1]
        verdict = Verdict.NO_DIFFERENCE
        if p_value < ALPHA / treatments:
            verdict = Verdict.BETTER if rate > control_rate else Verdict.WORSE
        comparisons.append(
            Comparison(
                variant,
                rate,
                control_rate,
                rate - control_rate,
                float(low),
                float(high),
                float(p_value),
                verdict,
            )
        )
    winners = [c for c in comparisons if c.verdict is Verdict.BETTER]
    verdict = Verdict.BETTER if winners else Verdict.NO_DIFFERENCE
    detail = "no variant differs significantly from the control"
    if winners:
        best = winners[0]
        detail = f"{best.variant} converts better ({best.rate:.1%} vs {best.control_rate:.1%})"
    return Report(experiment.key, verdict, detail, planned, dict(units), srm, comparisons)


def _with(report: Report, verdict: Verdict, detail: str) -> Report:
    return Report(
        report.experiment,
        verdict,
        detail,
        report.planned_per_variant,
        report.units,
        report.srm_p_value,
        [],
    )


@dataclass(frozen=True, slots=True)
class DurationComparison:
    variant: str
    median_hours: float
    control_median_hours: float
    p_value: float
    verdict: Verdict


def compare_durations(
    experiment: Experiment, hours: dict[str, list[float]], minimum_per_variant: int
) -> tuple[Verdict, str, list[DurationComparison]]:
    """A time metric (e.g. time to book, shorter is better): Welch's t-test on log hours, since
    waits are skewed; the same fixed horizon as for rates."""
    short = [v for v in experiment.variants if len(hours.get(v, [])) < minimum_per_variant]
    if short:
        detail = "not enough data yet: " + ", ".join(
            f"{v} has {len(hours.get(v, []))} of {minimum_per_variant}" for v in short
        )
        return Verdict.INSUFFICIENT_DATA, detail, []
    control = experiment.variants[0]
    treatments = len(experiment.variants) - 1
    base = np.log1p(np.array(hours[control]))
    found = []
    for variant in experiment.variants[1:]:
        sample = np.log1p(np.array(hours[variant]))
        p_value = float(ttest_ind(sample, base, equal_var=False).pvalue)
        verdict = Verdict.NO_DIFFERENCE
        if p_value < ALPHA / treatments:
            verdict = Verdict.BETTER if sample.mean() < base.mean() else Verdict.WORSE
        found.append(
            DurationComparison(
                variant,
                float(np.median(hours[variant])),
                float(np.median(hours[control])),
                p_value,
                verdict,
            )
        )
    faster = [c for c in found if c.verdict is Verdict.BETTER]
    if faster:
        best = faster[0]
        return (
            Verdict.BETTER,
            (
                f"{best.variant} is faster (median {best.median_hours:.1f} h vs "
                f"{best.control_median_hours:.1f} h)"
            ),
            found,
        )
    return Verdict.NO_DIFFERENCE, "no variant differs significantly from the control", found
