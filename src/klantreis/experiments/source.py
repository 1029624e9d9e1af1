"""An experiment's numbers from the event log: who was exposed to which variant (the first
``experiment_exposure`` event of the household), and who then reached the metric's touchpoint."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from sqlalchemy import Engine, select

from klantreis.core.db.engine import reading
from klantreis.core.db.tables import journey_events
from klantreis.core.journey import JourneyTouchpoint

EXPOSURE = JourneyTouchpoint.EXPERIMENT_EXPOSURE.value


def experiment_counts(
    engine: Engine, experiment_key: str, metric: str
) -> tuple[dict[str, int], dict[str, int]]:
    """(units per variant, units per variant that reached ``metric`` after exposure)."""
    units, hours = experiment_outcomes(engine, experiment_key, metric)
    return units, {variant: len(times) for variant, times in hours.items()}


def experiment_outcomes(
    engine: Engine, experiment_key: str, metric: str
) -> tuple[dict[str, int], dict[str, list[float]]]:
    """(units per variant, per variant the hours from exposure to ``metric`` of those who
    reached it)."""
    e = journey_events.c
    first_seen: dict[str, tuple[datetime, str]] = {}
    with reading(engine) as connection:
        exposures = connection.execute(
            select(e.customer_id, e.occurred_at, e.properties)
            .where(e.touchpoint == EXPOSURE)
            .order_by(e.occurred_at)
        )
        for customer_id, at, properties in exposures:
            if (properties or {}).get("experiment") != experiment_key:
                continue
            first_seen.setdefault(customer_id, (at, str(properties.get("variant"))))
        reached = connection.execute(
            select(e.customer_id, e.occurred_at).where(e.touchpoint == metric)
        )
        first_reached: dict[str, datetime] = {}
        for customer_id, at in reached:
            seen = first_seen.get(customer_id)
            earlier = first_reached.get(customer_id)
            if seen is not None and at >= seen[0] and (earlier is None or at < earlier):
                first_reached[customer_id] = at
    units = Counter(variant for _, variant in first_seen.values())
    hours: dict[str, list[float]] = defaultdict(list)
    for customer_id, at in first_reached.items():
        exposed_at, variant = first_seen[customer_id]
        hours[variant].append((at - exposed_at).total_seconds() / 3600)
    return dict(units), dict(hours)
