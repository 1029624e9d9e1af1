"""Customers in storage, mapped to and from the domain's dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from klantreis.core.common import Channel, GeoPoint
from klantreis.core.customer import (
    Absence,
    Address,
    Consent,
    Customer,
    Purpose,
    QuietHours,
)
from klantreis.core.db.repositories._common import bulk_insert, bulk_update, ids_by_external_id
from klantreis.core.db.rows import from_row, to_row
from klantreis.core.db.tables import customers
from klantreis.core.places import AreaDemand

# Fields kept in several columns, or as JSON lists of their parts.
_COMPOSITE = ("address", "consents", "channel_preferences", "quiet_hours", "absences")


def customer_to_row(c: Customer) -> dict[str, Any]:
    location = c.address.location
    return {
        **to_row(c, skip=_COMPOSITE),
        "street": c.address.street,
        "house_number": c.address.house_number,
        "postcode": c.address.postcode,
        "city": c.address.city,
        "latitude": location.latitude if location else None,
        "longitude": location.longitude if location else None,
        "consents": [
            {"purpose": k.purpose.value, "channel": k.channel.value, "granted": k.granted}
            for k in c.consents
        ],
        "channel_preferences": [ch.value for ch in c.channel_preferences],
        "quiet_start": c.quiet_hours.start if c.quiet_hours else None,
        "quiet_end": c.quiet_hours.end if c.quiet_hours else None,
        "absences": [
            {"start": a.start.isoformat(), "end": a.end.isoformat(), "reason": a.reason}
            for a in c.absences
        ],
    }


def row_to_customer(r: Any) -> Customer:
    location = GeoPoint(r.latitude, r.longitude) if r.latitude is not None else None
    given = {
        "address": Address(r.street, r.house_number, r.postcode, r.city, location),
        "consents": [
            Consent(Purpose(k["purpose"]), Channel(k["channel"]), bool(k["granted"]))
            for k in r.consents
        ],
        "channel_preferences": [Channel(ch) for ch in r.channel_preferences],
        "quiet_hours": QuietHours(r.quiet_start, r.quiet_end) if r.quiet_start else None,
        "absences": [
            Absence(
                datetime.fromisoformat(a["start"]),
                datetime.fromisoformat(a["end"]),
                a.get("reason", ""),
            )
            for a in r.absences
        ],
    }
    return from_row(Customer, r, given)


class SqlCustomerRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, customer_id: str) -> Customer | None:
        row = self._session.execute(select(customers).where(customers.c.id == customer_id)).first()
        return row_to_customer(row) if row else None

    def list(self, offset: int, limit: int) -> Sequence[Customer]:
        rows = self._session.execute(
            select(customers).order_by(customers.c.id).offset(offset).limit(limit)
        )
        return [row_to_customer(r) for r in rows]

    def ids_by_external_id(self, external_ids: Iterable[str]) -> dict[str, str]:
        return ids_by_external_id(self._session, customers, external_ids)

    def add(self, customer: Customer) -> None:
        self._session.execute(insert(customers).values(customer_to_row(customer)))

    def upsert_many(self, new: Sequence[Customer], existing: Sequence[Customer]) -> None:
        bulk_insert(self._session, customers, [customer_to_row(c) for c in new])
        # The standing permission to book is the customer's alone (set_books_for_me): an
        # import from the firm's records must not take it away.
        rows = [customer_to_row(c) for c in existing]
        bulk_update(self._session, customers, rows, keep=("books_for_me",))

    def set_books_for_me(self, customer_id: str, allowed: bool) -> None:
        self._session.execute(
            update(customers).where(customers.c.id == customer_id).values(books_for_me=allowed)
        )

    def ids_booking_for_them(self, customer_ids: Iterable[str]) -> set[str]:
        wanted = list(customer_ids)
        if not wanted:
            return set()
        rows = self._session.execute(
            select(customers.c.id).where(
                customers.c.id.in_(wanted), customers.c.books_for_me.is_(True)
            )
        )
        return {r.id for r in rows}

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(customers)) or 0)

    def demand_by_pc4(self) -> Sequence[AreaDemand]:
        pc4 = func.substr(customers.c.postcode, 1, 4)
        rows = self._session.execute(
            select(
                pc4, func.avg(customers.c.latitude), func.avg(customers.c.longitude), func.count()
            )
            .where(customers.c.latitude.is_not(None), customers.c.longitude.is_not(None))
            .group_by(pc4)
            .order_by(pc4)
        )
        return [
            AreaDemand(str(p), GeoPoint(float(lat), float(lon)), float(n))
            for p, lat, lon, n in rows
        ]

    def by_contact(self, address: str) -> Customer | None:
        cleaned = address.strip()
        if not cleaned:
            return None
        if "@" in cleaned:
            condition = func.lower(customers.c.email) == cleaned.lower()
        else:
            condition = customers.c.phone == cleaned
        rows = self._session.execute(select(customers).where(condition).limit(2)).all()
        return row_to_customer(rows[0]) if len(rows) == 1 else None
