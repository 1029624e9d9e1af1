"""An experiment's numbers from the event log: who was exposed to which variant (the first
``experiment_exposure`` event of the household), and who then reached the metric's touchpoint."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Engine, select

from klantreis.adapters.db.tables import journey_events

EXPOSURE = "experiment_exposure"


def experiment_counts(
    engine: Engine, experiment_key: str, metric: str
) -> tuple[dict[str, int], dict[str, int]]:
    """(units per variant, units per variant that reached ``metric`` after exposure)."""
    e = journey_events.c
    first_seen: dict[str, tuple[object, str]] = {}
    with engine.connect() as connection:
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
        converted = {
            customer_id
            for customer_id, at in reached
            if customer_id in first_seen and at >= first_seen[customer_id][0]  # type: ignore[operator]
        }
    units = Counter(variant for _, variant in first_seen.values())
    conversions = Counter(first_seen[c][1] for c in converted)
    return dict(units), dict(conversions)
