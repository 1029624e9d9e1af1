"""Bookings and the per-technician-day rows that serialise booking on one day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from klantreis.core.common import GeoPoint
from klantreis.core.db.repositories._common import upsert_insert
from klantreis.core.db.rows import from_row, to_row
from klantreis.core.db.tables import customers, service_cases
from klantreis.core.time_window import TimeWindow
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.ports import BookedVisit
from klantreis.scheduling.tables import bookings, technician_days


def _to_row(b: Booking) -> dict[str, Any]:
    return {
        **to_row(b, skip=("window", "location", "ticked")),
        "window_start": b.window.start,
        "window_end": b.window.end,
        "latitude": b.location.latitude,
        "longitude": b.location.longitude,
        "ticked_starts": [t.isoformat() for t in b.ticked] or None,
    }


def _from_row(r: Any) -> Booking:
    window = TimeWindow(r.window_start, r.window_end)
    ticked = tuple(datetime.fromisoformat(t) for t in r.ticked_starts or ())
    location = GeoPoint(r.latitude, r.longitude)
    return from_row(Booking, r, {"window": window, "location": location, "ticked": ticked})


class SqlBookingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, booking: Booking) -> None:
        self._session.execute(insert(bookings).values(_to_row(booking)))

    def get(self, booking_id: str) -> Booking | None:
        row = self._session.execute(select(bookings).where(bookings.c.id == booking_id)).first()
        return _from_row(row) if row else None

    def active_for_case(self, case_id: str) -> Booking | None:
        row = self._session.execute(
            select(bookings).where(bookings.c.case_id == case_id, bookings.c.active.is_(True))
        ).first()
        return _from_row(row) if row else None

    def latest_for_case(self, case_id: str) -> Booking | None:
        row = self._session.execute(
            select(bookings)
            .where(bookings.c.case_id == case_id)
            .order_by(bookings.c.sequence.desc(), bookings.c.created_at.desc())
            .limit(1)
        ).first()
        return _from_row(row) if row else None

    def active_between(self, first: date, last: date) -> Sequence[Booking]:
        rows = self._session.execute(
            select(bookings).where(
                bookings.c.day >= first, bookings.c.day <= last, bookings.c.active.is_(True)
            )
        )
        return [_from_row(r) for r in rows]

    def booked_minutes_by_area(
        self, first: date, last: date, prefix_digits: int = 2
    ) -> Sequence[tuple[date, str, int]]:
        b, c, k = bookings.c, service_cases.c, customers.c
        area = func.substr(k.postcode, 1, prefix_digits)
        rows = self._session.execute(
            select(b.day, area.label("area"), func.sum(b.service_minutes).label("minutes"))
            .join(service_cases, c.id == b.case_id)
            .join(customers, k.id == c.customer_id)
            .where(b.day >= first, b.day <= last, b.active.is_(True))
            .group_by(b.day, area)
            .order_by(b.day, area)
        )
        return [(r.day, str(r.area), int(r.minutes)) for r in rows]

    def active_on(self, technician_id: str, day: date) -> Sequence[Booking]:
        rows = self._session.execute(
            select(bookings).where(
                bookings.c.technician_id == technician_id,
                bookings.c.day == day,
                bookings.c.active.is_(True),
            )
        )
        return [_from_row(r) for r in rows]

    def visits_between(
        self, first: date, last: date, after_id: str | None = None
    ) -> Sequence[BookedVisit]:
        c = bookings.c
        newer = (c.id > after_id,) if after_id is not None else ()
        rows = self._session.execute(
            select(
                c.technician_id,
                c.day,
                c.case_id,
                c.window_start,
                c.window_end,
                c.service_minutes,
                c.latitude,
                c.longitude,
                c.route_rank,
            ).where(c.day >= first, c.day <= last, c.active.is_(True), *newer)
        )
        return [BookedVisit(*row) for row in rows]

    def plan_version(self, first: date, last: date) -> tuple[int, str | None]:
        # Ids are time-ordered: any new booking raises the maximum, any removal lowers the count.
        c = bookings.c
        count, newest = self._session.execute(
            select(func.count(), func.max(c.id)).where(
                c.day >= first, c.day <= last, c.active.is_(True)
            )
        ).one()
        return int(count), newest

    def deactivate(self, booking_id: str) -> None:
        self._session.execute(
            update(bookings).where(bookings.c.id == booking_id).values(active=False)
        )

    def lock_day(self, technician_id: str, day: date, capacity_minutes: int) -> int:
        """Lock the technician's day (creating its row if needed); return its booked minutes."""
        dialect_insert = upsert_insert(self._session)
        # A day without its row yet (bookings loaded in bulk, say) starts from what is booked.
        already = (
            select(func.coalesce(func.sum(bookings.c.service_minutes), 0))
            .where(
                bookings.c.technician_id == technician_id,
                bookings.c.day == day,
                bookings.c.active.is_(True),
            )
            .scalar_subquery()
        )
        self._session.execute(
            dialect_insert(technician_days)
            .values(
                technician_id=technician_id,
                day=day,
                booked_minutes=already,
                capacity_minutes=capacity_minutes,
            )
            .on_conflict_do_nothing()
        )
        booked = self._session.scalar(
            select(technician_days.c.booked_minutes)
            .where(technician_days.c.technician_id == technician_id, technician_days.c.day == day)
            .with_for_update()
        )
        return int(booked or 0)

    def add_booked_minutes(self, technician_id: str, day: date, minutes: int) -> None:
        """Raises IntegrityError if this would exceed the day's capacity (a CHECK constraint)."""
        self._session.execute(
            update(technician_days)
            .where(technician_days.c.technician_id == technician_id, technician_days.c.day == day)
            .values(booked_minutes=technician_days.c.booked_minutes + minutes)
        )
