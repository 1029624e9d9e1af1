"""The event log as analytics reads it: journey events with the customer's persona and school
region and the case's device model, one unit per case (or per customer without a case)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, Executable, func, select

from klantreis.core.db.engine import reading
from klantreis.core.db.tables import customers, devices, journey_events, service_cases


def read_frame(engine: Engine, query: Executable) -> pd.DataFrame:
    with reading(engine) as connection:
        return pd.read_sql_query(query, connection)


def event_frame(engine: Engine, by_case: bool = True) -> pd.DataFrame:
    e, c, s, d = journey_events, customers, service_cases, devices
    unit = func.coalesce(e.c.case_id, e.c.customer_id) if by_case else e.c.customer_id
    query = (
        select(
            unit.label("unit"),
            e.c.touchpoint,
            e.c.channel,
            e.c.occurred_at,
            func.coalesce(c.c.persona, "unknown").label("persona"),
            func.coalesce(c.c.school_region, "unknown").label("region"),
            func.coalesce(d.c.model, "none").label("device_model"),
        )
        .select_from(e)
        .outerjoin(c, c.c.id == e.c.customer_id)
        .outerjoin(s, s.c.id == e.c.case_id)
        .outerjoin(d, d.c.id == s.c.device_id)
    )
    frame = read_frame(engine, query)
    frame["occurred_at"] = pd.to_datetime(frame["occurred_at"], utc=True).dt.tz_convert(None)
    return frame
