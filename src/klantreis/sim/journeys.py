"""A generated journey event log for analytics benchmarks and tests: every unit walks the
service journey step by step, dropping out with a step's probability, with realistic waits."""

from __future__ import annotations

import numpy as np
import pandas as pd

# (touchpoint, probability of reaching it from the step before, mean hours after it, channel)
STEPS = (
    ("case_opened", 1.00, 0.0, "device"),
    ("message_invitation", 0.97, 3.0, "email"),
    ("booking_page_viewed", 0.82, 20.0, "web"),
    ("case_book", 0.86, 0.3, "web"),
    ("message_confirmation", 0.99, 0.05, "email"),
    ("message_reminder", 0.93, 60.0, "sms"),
    ("case_depart", 0.96, 14.0, "technician"),
    ("case_arrive", 0.97, 0.6, "technician"),
    ("case_resolve", 0.88, 1.1, "technician"),
    ("survey_answered", 0.35, 26.0, "email"),
)
PERSONAS = np.array(["family", "single_senior", "business", "institution"])
REGIONS = np.array(["noord", "midden", "zuid"])
MODELS = np.array(
    [
        "Remeha Tzerra Ace",
        "Intergas Xtreme 36",
        "Nefit EcomLine HR",
        "Vaillant ecoTEC plus",
        "ATAG i36C",
        "Daikin Altherma 3",
        "Bosch SMV4HVX00E",
        "Miele WWD 320",
    ]
)


def generate_events(count: int, seed: int = 1, start: str = "2025-01-01") -> pd.DataFrame:
    """About ``count`` events (cut to exactly ``count``), units in time order of arrival."""
    rng = np.random.default_rng(seed)
    expected_per_unit = sum(np.cumprod([p for _, p, _, _ in STEPS]))
    units = int(count / expected_per_unit * 1.08) + 1  # a little over: the log is cut to size
    reach = rng.random((units, len(STEPS))) < np.array([p for _, p, _, _ in STEPS])
    alive = np.cumprod(reach, axis=1).astype(bool)
    # Seniors book more slowly and drop out more at the booking page: a pain point to find.
    persona = rng.choice(len(PERSONAS), units, p=[0.5, 0.28, 0.15, 0.07])
    senior = persona == 1
    alive[senior, 2:] &= rng.random((int(senior.sum()), 1)) < 0.8
    waits = rng.exponential([h for _, _, h, _ in STEPS], (units, len(STEPS)))
    waits[senior, 3] *= 3
    offsets = np.cumsum(waits, axis=1)
    began = pd.Timestamp(start).value + rng.integers(0, 365 * 86_400, units) * 1_000_000_000
    unit_index, step_index = np.nonzero(alive)
    moments = began[unit_index] + (offsets[unit_index, step_index] * 3.6e12).astype(np.int64)
    # One in twenty who booked moves the booking later: a second case_book (a re-booking).
    booked = np.nonzero(alive[:, 3] & (rng.random(units) < 0.05))[0]
    rebooked_at = began[booked] + (
        (offsets[booked, 3] + rng.exponential(30.0, booked.size)) * 3.6e12
    ).astype(np.int64)
    unit_index = np.concatenate([unit_index, booked])
    step_index = np.concatenate([step_index, np.full(booked.size, 3)])
    moments = np.concatenate([moments, rebooked_at])
    frame = pd.DataFrame(
        {
            "unit": unit_index.astype(np.int64),
            "touchpoint": pd.Categorical.from_codes(step_index, [s[0] for s in STEPS]),
            "channel": pd.Categorical(np.array([s[3] for s in STEPS])[step_index]),
            "occurred_at": pd.to_datetime(moments),
            "persona": pd.Categorical.from_codes(persona[unit_index], PERSONAS),
            "region": pd.Categorical.from_codes(rng.integers(0, 3, units)[unit_index], REGIONS),
            "device_model": pd.Categorical.from_codes(
                rng.integers(0, len(MODELS), units)[unit_index], MODELS
            ),
        }
    )
    return frame.iloc[:count]
