"""In-memory fakes of our own ports, for unit tests of services only."""

from __future__ import annotations

import copy
import dataclasses
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Self

from klantreis.core.api_key import ApiKeyInfo, Role
from klantreis.core.case import OPEN_STATES, CaseState, ServiceCase
from klantreis.core.common import Channel, GeoPoint
from klantreis.core.customer import Customer
from klantreis.core.device import Device, DeviceKind
from klantreis.core.errors import ConcurrentUpdate
from klantreis.core.journey import JourneyEvent
from klantreis.core.places import AreaDemand
from klantreis.core.technician import Technician
from klantreis.feedback.model import SurveyAnswer
from klantreis.inbound.model import InboundMessage, InboundStatus, SurgeAlert
from klantreis.messaging.outbox import OutboxMessage, Status
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.preferences.contact_change import ContactChange, Side
from klantreis.scheduling.availability import DayRule
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.ports import CalendarLink, DuplicateKey, StoredResponse
from klantreis.staff.audit import AuditEntry
from klantreis.staff.model import StaffSession, StaffUser
from klantreis.telemetry.ports import PlannedOpening, StoreOutcome
from klantreis.telemetry.readings import Reading
from klantreis.telemetry.visit_findings import VisitFinding


class _ById:
    def __init__(self) -> None:
        self.rows: dict[str, Any] = {}

    def get(self, object_id: str) -> Any:
        found = self.rows.get(object_id)
        return copy.deepcopy(found)

    def list(self, offset: int, limit: int, **_: Any) -> Sequence[Any]:
        return [copy.deepcopy(r) for r in list(self.rows.values())[offset : offset + limit]]

    def ids_by_external_id(self, external_ids: Iterable[str]) -> dict[str, str]:
        wanted = set(external_ids)
        return {r.external_id: r.id for r in self.rows.values() if r.external_id in wanted}

    def add(self, obj: Any) -> None:
        self.rows[obj.id] = copy.deepcopy(obj)

    def upsert_many(self, new: Sequence[Any], existing: Sequence[Any]) -> None:
        for obj in [*new, *existing]:
            self.add(obj)

    def count(self) -> int:
        return len(self.rows)


class FakeCustomers(_ById):
    def get(self, customer_id: str) -> Customer | None:
        return super().get(customer_id)  # type: ignore[no-any-return]

    def upsert_many(self, new: Sequence[Customer], existing: Sequence[Customer]) -> None:
        old = self.rows
        kept = [
            dataclasses.replace(c, books_for_me=old[c.id].books_for_me) if c.id in old else c
            for c in existing
        ]
        super().upsert_many(new, kept)

    def by_contact(self, address: str) -> Customer | None:
        """As the table: an e-mail address matched without case, a phone number exactly; a
        contact two customers share names neither."""
        cleaned = address.strip()
        if not cleaned:
            return None
        if "@" in cleaned:
            found = [c for c in self.rows.values() if c.email.lower() == cleaned.lower()]
        else:
            found = [c for c in self.rows.values() if c.phone == cleaned]
        return found[0] if len(found) == 1 else None

    def set_books_for_me(self, customer_id: str, allowed: bool) -> None:
        self.rows[customer_id] = dataclasses.replace(self.rows[customer_id], books_for_me=allowed)

    def ids_booking_for_them(self, customer_ids: Iterable[str]) -> set[str]:
        return {i for i in customer_ids if i in self.rows and self.rows[i].books_for_me}

    def demand_by_pc4(self) -> list[AreaDemand]:
        located: dict[str, list[GeoPoint]] = {}
        for customer in self.rows.values():
            if customer.address.location is not None:
                located.setdefault(customer.address.pc4, []).append(customer.address.location)
        return [
            AreaDemand(
                pc4,
                GeoPoint(
                    sum(p.latitude for p in points) / len(points),
                    sum(p.longitude for p in points) / len(points),
                ),
                float(len(points)),
            )
            for pc4, points in sorted(located.items())
        ]


class FakeDevices(_ById):
    def with_contracts(self) -> Sequence[Device]:
        return sorted((d for d in self.rows.values() if d.contract is not None), key=lambda d: d.id)

    def serial_owners(self, serials: Iterable[str]) -> dict[str, str]:
        wanted = set(serials)
        return {d.serial: d.id for d in self.rows.values() if d.serial in wanted}

    def serial_kinds(self, serials: Iterable[str]) -> dict[str, tuple[str, DeviceKind]]:
        wanted = set(serials)
        return {d.serial: (d.id, d.kind) for d in self.rows.values() if d.serial in wanted}

    def list(
        self, offset: int, limit: int, customer_id: str | None = None, **_: Any
    ) -> Sequence[Device]:
        rows = [d for d in self.rows.values() if customer_id in (None, d.customer_id)]
        return rows[offset : offset + limit]


class FakeTechnicians(_ById):
    def get(self, technician_id: str) -> Technician | None:
        return super().get(technician_id)  # type: ignore[no-any-return]

    def add(self, obj: Any) -> None:
        super().add(obj)
        self.changes = getattr(self, "changes", 0) + 1

    def revision(self) -> int:
        return getattr(self, "changes", 0)


class FakeCases(_ById):
    def get(self, case_id: str, *, for_update: bool = False) -> ServiceCase | None:
        return super().get(case_id)  # type: ignore[no-any-return]

    def list(
        self,
        offset: int,
        limit: int,
        state: CaseState | None = None,
        customer_id: str | None = None,
        among: Collection[str] | None = None,
        **_: Any,
    ) -> Sequence[ServiceCase]:
        rows = [
            c
            for c in self.rows.values()
            if state in (None, c.state)
            and customer_id in (None, c.customer_id)
            and (among is None or c.id in among)
        ]
        return rows[offset : offset + limit]

    def open_cases_by_device(self, device_ids: Iterable[str]) -> dict[str, str]:
        wanted = set(device_ids)
        return {
            c.device_id: c.id
            for c in self.rows.values()
            if c.device_id in wanted and c.state in OPEN_STATES
        }

    def save(self, case: ServiceCase, expected_version: int) -> None:
        if self.rows[case.id].version != expected_version:
            raise ConcurrentUpdate("changed meanwhile")
        self.add(case)


class FakeEvents:
    def __init__(self) -> None:
        self.log: list[JourneyEvent] = []

    def recent(self, customer_id: str, touchpoint: str, since: datetime) -> list[JourneyEvent]:
        return [
            e
            for e in self.log
            if e.customer_id == customer_id and e.touchpoint == touchpoint and e.occurred_at > since
        ]

    def append(self, event: JourneyEvent) -> None:
        self.log.append(event)

    def append_many(self, events: Sequence[JourneyEvent]) -> None:
        self.log.extend(events)

    def list(
        self, offset: int, limit: int, customer_id: str | None = None, case_id: str | None = None
    ) -> Sequence[JourneyEvent]:
        rows = [
            e
            for e in self.log
            if customer_id in (None, e.customer_id) and case_id in (None, e.case_id)
        ]
        return rows[offset : offset + limit]


class FakeApiKeys:
    def __init__(self) -> None:
        self.roles: dict[str, str] = {}
        self.names: dict[str, tuple[str, str]] = {}  # key hash -> (id, name)
        self.infos: dict[str, ApiKeyInfo] = {}
        self.serials: dict[str, frozenset[str]] = {}
        self.technicians: dict[str, str] = {}  # key hash -> technician id

    def add(
        self,
        key_id: str,
        name: str,
        role: str,
        key_hash: str,
        at: datetime,
        serials: Sequence[str] | None = None,
        technician_id: str | None = None,
    ) -> None:
        self.roles[key_hash] = role
        self.names[key_hash] = (key_id, name)
        self.infos[key_hash] = ApiKeyInfo(
            key_id, name, Role(role), at, None, len(serials or ()), technician_id
        )
        self.serials[key_hash] = frozenset(serials or ())
        if technician_id is not None:
            self.technicians[key_hash] = technician_id

    def serials_for(self, key_hash: str) -> frozenset[str]:
        return self.serials.get(key_hash, frozenset())

    def technician_for(self, key_hash: str) -> str | None:
        return self.technicians.get(key_hash) if key_hash in self.roles else None

    def role_for(self, key_hash: str) -> str | None:
        return self.roles.get(key_hash)

    def revoke(self, key_id_or_name: str, at: datetime) -> int:
        gone = [h for h, found in self.names.items() if key_id_or_name in found and h in self.roles]
        for key_hash in gone:
            del self.roles[key_hash]
            self.infos[key_hash] = dataclasses.replace(self.infos[key_hash], revoked_at=at)
        return len(gone)

    def list(self) -> Sequence[ApiKeyInfo]:
        return sorted(self.infos.values(), key=lambda k: k.created_at, reverse=True)


class FakeDayRules:
    def __init__(self) -> None:
        self.rules: dict[str, DayRule] = {}
        self.areas: dict[str, frozenset[int]] = {}

    def add(self, rule: DayRule) -> None:
        self.rules[rule.id] = rule

    def between(self, first: date, last: date) -> Sequence[DayRule]:
        return sorted(
            (r for r in self.rules.values() if first <= r.day <= last), key=lambda r: r.day
        )

    def remove(self, rule_id: str) -> bool:
        return self.rules.pop(rule_id, None) is not None

    def area_weekdays(self) -> dict[str, frozenset[int]]:
        return dict(self.areas)

    def set_area_weekdays(self, prefix: str, weekdays: frozenset[int], at: datetime) -> None:
        self.areas[prefix] = weekdays

    def remove_area_weekdays(self, prefix: str) -> bool:
        return self.areas.pop(prefix, None) is not None


class FakeOutbox:
    """Messages by id, one per dedupe key, as the table's unique index keeps them."""

    def __init__(self) -> None:
        self.rows: dict[str, OutboxMessage] = {}
        self.blocks: dict[str, set[Channel]] = {}

    def add(self, message: OutboxMessage) -> bool:
        if any(m.dedupe_key == message.dedupe_key for m in self.rows.values()):
            return False
        self.rows[message.id] = copy.deepcopy(message)
        return True

    def get(self, message_id: str) -> OutboxMessage | None:
        found = self.rows.get(message_id)
        return copy.deepcopy(found) if found else None

    def save(self, message: OutboxMessage) -> None:
        self.rows[message.id] = copy.deepcopy(message)

    def list(
        self, status: Status | None = None, customer_id: str | None = None, limit: int = 1000
    ) -> Sequence[OutboxMessage]:
        found = [
            copy.deepcopy(m)
            for m in sorted(self.rows.values(), key=lambda m: (m.send_after, m.id))
            if status in (None, m.status) and customer_id in (None, m.customer_id)
        ]
        return found[:limit]

    def counts(self) -> dict[Status, int]:
        counted: dict[Status, int] = {}
        for m in self.rows.values():
            counted[m.status] = counted.get(m.status, 0) + 1
        return counted

    def withdraw(self, case_id: str, touchpoint: Touchpoint) -> int:
        waiting = [
            m
            for m in self.rows.values()
            if m.case_id == case_id and m.touchpoint is touchpoint and m.status is Status.PENDING
        ]
        for m in waiting:
            m.status = Status.WITHDRAWN
        return len(waiting)

    def blocked(self, customer_id: str) -> set[Channel]:
        return set(self.blocks.get(customer_id, set()))

    def block(self, customer_id: str, channel: Channel, reason: str, at: datetime) -> None:
        self.blocks.setdefault(customer_id, set()).add(channel)


class FakeIdempotency:
    """``taken_by_a_twin``: keys another request stored first (``add`` raises for them)."""

    def __init__(self) -> None:
        self.answers: dict[str, StoredResponse] = {}
        self.taken_by_a_twin: dict[str, StoredResponse] = {}

    def get(self, key: str) -> StoredResponse | None:
        return self.answers.get(key)

    def add(self, key: str, response: StoredResponse, at: datetime) -> None:
        if key in self.answers or key in self.taken_by_a_twin:
            raise DuplicateKey(key)
        self.answers[key] = response


class FakeCalendarLinks:
    def __init__(self) -> None:
        self.links: dict[str, CalendarLink] = {}

    def get(self, customer_id: str) -> CalendarLink | None:
        return self.links.get(customer_id)

    def put(self, link: CalendarLink) -> None:
        self.links[link.customer_id] = link

    def remove(self, customer_id: str) -> bool:
        return self.links.pop(customer_id, None) is not None


class FakeBookings(_ById):
    def get(self, booking_id: str) -> Booking | None:
        return super().get(booking_id)  # type: ignore[no-any-return]

    def active_for_case(self, case_id: str) -> Booking | None:
        return next((b for b in self.rows.values() if b.case_id == case_id and b.active), None)

    def latest_for_case(self, case_id: str) -> Booking | None:
        mine = [b for b in self.rows.values() if b.case_id == case_id]
        return max(mine, key=lambda b: b.created_at) if mine else None

    def active_on(self, technician_id: str, day: date) -> Sequence[Booking]:
        return [
            b
            for b in self.rows.values()
            if b.active and b.technician_id == technician_id and b.day == day
        ]

    def active_between(self, first: date, last: date) -> Sequence[Booking]:
        return [b for b in self.rows.values() if b.active and first <= b.day <= last]

    def deactivate(self, booking_id: str) -> None:
        self.rows[booking_id] = dataclasses.replace(self.rows[booking_id], active=False)


class FakeTelemetry:
    """Readings by (device, moment): a replayed reading is not stored twice."""

    def __init__(self) -> None:
        self.readings: dict[tuple[str, datetime], Reading] = {}

    def store(self, readings: Sequence[Reading]) -> StoreOutcome:
        new = [r for r in readings if r.key not in self.readings]
        self.readings.update((r.key, r) for r in new)
        return StoreOutcome(len(new), [r for r in new if r.fault_code])

    def window(self, device_ids: Iterable[str], since: datetime) -> dict[str, list[Reading]]:
        wanted = set(device_ids)
        found: dict[str, list[Reading]] = {}
        for r in sorted(self.readings.values(), key=lambda r: r.measured_at):
            if r.device_id in wanted and r.measured_at >= since:
                found.setdefault(r.device_id, []).append(r)
        return found

    def count(self) -> int:
        return len(self.readings)


class FakeSurveys:
    def __init__(self) -> None:
        self.answers: dict[str, SurveyAnswer] = {}

    def add(self, answer: SurveyAnswer) -> bool:
        if answer.case_id in self.answers:
            return False
        self.answers[answer.case_id] = answer
        return True

    def for_case(self, case_id: str) -> SurveyAnswer | None:
        return self.answers.get(case_id)

    def all(self) -> list[SurveyAnswer]:
        return list(self.answers.values())


class FakeInbound:
    """Messages and alerts; ``sent`` and ``opened`` stand for the outbox's and the cases' counts
    that the surge's likely cause reads."""

    def __init__(self) -> None:
        self.messages: dict[str, InboundMessage] = {}
        self.raised: list[SurgeAlert] = []
        self.sent: Counter[str] = Counter()
        self.opened: Counter[str] = Counter()

    def add(self, message: InboundMessage) -> None:
        self.messages[message.id] = copy.deepcopy(message)

    def count(self, intent: str, since: datetime, until: datetime) -> int:
        return sum(
            1
            for m in self.messages.values()
            if m.intent == intent and since <= m.received_at < until
        )

    def queue(self, limit: int = 500) -> list[InboundMessage]:
        waiting = [m for m in self.messages.values() if m.status is InboundStatus.QUEUED]
        return sorted(waiting, key=lambda m: m.received_at)[:limit]

    def get(self, message_id: str) -> InboundMessage | None:
        found = self.messages.get(message_id)
        return copy.deepcopy(found) if found else None

    def set_status(self, message_id: str, status: InboundStatus) -> None:
        self.messages[message_id].status = status

    def add_alert(self, alert: SurgeAlert) -> None:
        self.raised.append(alert)

    def alerts(self, since: datetime) -> list[SurgeAlert]:
        return sorted((a for a in self.raised if a.raised_at >= since), key=lambda a: a.raised_at)

    def sent_since(self, since: datetime) -> Counter[str]:
        return Counter(self.sent)

    def cases_opened_since(self, since: datetime) -> Counter[str]:
        return Counter(self.opened)


class FakeContactChanges:
    """As the table: a newer request for a field supersedes the one before it."""

    def __init__(self) -> None:
        self.changes: dict[str, ContactChange] = {}
        self.hashes: dict[str, tuple[str, Side]] = {}  # secret's hash -> (change id, side)

    def add(self, change: ContactChange, token_hash: str, approve_hash: str | None) -> None:
        for other in list(self.changes.values()):
            if (other.customer_id, other.field) == (change.customer_id, change.field):
                self.changes[other.id] = dataclasses.replace(other, superseded=True)
        self.changes[change.id] = change
        self.hashes[token_hash] = (change.id, Side.NEW)
        if approve_hash is not None:
            self.hashes[approve_hash] = (change.id, Side.OLD)

    def by_token_hash(
        self, token_hash: str, *, for_update: bool = False
    ) -> tuple[ContactChange, Side] | None:
        found = self.hashes.get(token_hash)
        return (self.changes[found[0]], found[1]) if found else None

    def requested_since(self, customer_id: str, since: datetime) -> int:
        return sum(
            1
            for c in self.changes.values()
            if c.customer_id == customer_id and c.requested_at >= since
        )

    def say_yes(self, change_id: str, side: Side, at: datetime) -> None:
        field = "confirmed_at" if side is Side.NEW else "approved_at"
        self.changes[change_id] = dataclasses.replace(self.changes[change_id], **{field: at})


class FakeMaintenance:
    """Planned openings by (device, due date), as the table keys them."""

    def __init__(self) -> None:
        self.openings: dict[tuple[str, date], PlannedOpening] = {}

    def planned(self, device_ids: Iterable[str]) -> set[tuple[str, date]]:
        wanted = set(device_ids)
        return {key for key in self.openings if key[0] in wanted}

    def load_from(self, day: date) -> dict[date, int]:
        return dict(Counter(o.open_on for o in self.openings.values() if o.open_on >= day))

    def add_many(self, openings: Sequence[PlannedOpening]) -> None:
        for opening in openings:
            self.openings[(opening.device_id, opening.due_on)] = opening

    def due_to_open(self, day: date) -> list[PlannedOpening]:
        due = [o for o in self.openings.values() if o.open_on <= day and o.case_id is None]
        return sorted(due, key=lambda o: (o.open_on, o.device_id))

    def mark_opened(self, device_id: str, due_on: date, case_id: str) -> None:
        key = (device_id, due_on)
        self.openings[key] = dataclasses.replace(self.openings[key], case_id=case_id)

    def opened_by(self, device_id: str, due_on: date) -> str | None:
        found = self.openings.get((device_id, due_on))
        return found.case_id if found else None


class FakeVisitFindings:
    """One finding per case: a second answer replaces the first."""

    def __init__(self) -> None:
        self.by_case: dict[str, VisitFinding] = {}

    def record(self, finding: VisitFinding) -> None:
        self.by_case[finding.case_id] = finding

    def for_devices(self, device_ids: Iterable[str]) -> dict[str, list[VisitFinding]]:
        wanted = set(device_ids)
        found: dict[str, list[VisitFinding]] = {}
        for finding in self.by_case.values():
            if finding.device_id in wanted:
                found.setdefault(finding.device_id, []).append(finding)
        return found

    def all(self) -> Sequence[VisitFinding]:
        return list(self.by_case.values())


class FakePlans:
    """The day plans' rows (booking, technician, position, arrival) by day, and the pins;
    reads the bookings to know a planned booking's case and whether it still stands."""

    def __init__(self, bookings: FakeBookings) -> None:
        self.bookings = bookings
        self.days: dict[date, list[tuple[str, str, int, datetime]]] = {}
        self.pinned: dict[str, str] = {}

    def replace_day(
        self, day: date, rows: Sequence[tuple[str, str, int, datetime]], at: datetime
    ) -> None:
        self.days[day] = list(rows)

    def for_day(self, day: date) -> Sequence[tuple[str, str, int, datetime]]:
        return sorted(self.days.get(day, []), key=lambda r: (r[1], r[2]))

    def cases_of_technician(self, technician_id: str, from_day: date) -> frozenset[str]:
        found = set()
        for day, rows in self.days.items():
            for booking_id, technician, _, _ in rows:
                booking = self.bookings.get(booking_id)
                if day >= from_day and technician == technician_id and booking and booking.active:
                    found.add(booking.case_id)
        return frozenset(found)

    def arrival_of(self, booking_id: str) -> tuple[str, int, datetime] | None:
        for rows in self.days.values():
            for booking, technician, position, arrival in rows:
                if booking == booking_id:
                    return technician, position, arrival
        return None

    def next_after(self, booking_id: str) -> str | None:
        for rows in self.days.values():
            here = next((r for r in rows if r[0] == booking_id), None)
            if here is not None:
                later = sorted(
                    (r for r in rows if r[1] == here[1] and r[2] > here[2]), key=lambda r: r[2]
                )
                return later[0][0] if later else None
        return None

    def pin(self, booking_id: str, technician_id: str) -> None:
        self.pinned[booking_id] = technician_id

    def unpin(self, booking_id: str) -> bool:
        return self.pinned.pop(booking_id, None) is not None

    def pins(self, booking_ids: Sequence[str]) -> dict[str, str]:
        return {b: self.pinned[b] for b in booking_ids if b in self.pinned}


class FakeStaff:
    def __init__(self) -> None:
        self.users: dict[str, StaffUser] = {}
        self.sessions: dict[str, tuple[StaffSession, str]] = {}  # by id: (session, token hash)
        self.resets: dict[str, tuple[str, datetime, datetime | None]] = {}  # hash: user, expiry

    def add(self, user: StaffUser) -> None:
        assert all(u.email != user.email for u in self.users.values()), "unique e-mail"
        self.users[user.id] = user

    def save(self, user: StaffUser) -> None:
        self.users[user.id] = user

    def get(self, user_id: str) -> StaffUser | None:
        return self.users.get(user_id)

    def by_email(self, email: str, *, for_update: bool = False) -> StaffUser | None:
        return next((u for u in self.users.values() if u.email == email), None)

    def by_oidc_subject(self, subject: str) -> StaffUser | None:
        return next((u for u in self.users.values() if u.oidc_subject == subject), None)

    def list(self) -> Sequence[StaffUser]:
        return sorted(self.users.values(), key=lambda u: u.email)

    def count(self) -> int:
        return len(self.users)

    def open_session(self, session: StaffSession, token_hash: str) -> None:
        self.sessions[session.id] = (session, token_hash)

    def session_by_token_hash(self, token_hash: str) -> StaffSession | None:
        return next((s for s, h in self.sessions.values() if h == token_hash), None)

    def touch_session(self, session_id: str, at: datetime) -> None:
        session, token = self.sessions[session_id]
        self.sessions[session_id] = (dataclasses.replace(session, last_seen_at=at), token)

    def end_session(self, session_id: str, at: datetime) -> None:
        session, token = self.sessions[session_id]
        if session.ended_at is None:
            self.sessions[session_id] = (dataclasses.replace(session, ended_at=at), token)

    def end_sessions_of(self, user_id: str, at: datetime) -> int:
        live = [s for s, _ in self.sessions.values() if s.user_id == user_id and not s.ended_at]
        for session in live:
            self.end_session(session.id, at)
        return len(live)

    def add_reset(self, user_id: str, token_hash: str, at: datetime, expires: datetime) -> None:
        for key, (owner, until, used) in list(self.resets.items()):
            if owner == user_id and used is None:
                self.resets[key] = (owner, until, at)
        self.resets[token_hash] = (user_id, expires, None)

    def take_reset(self, token_hash: str, at: datetime) -> str | None:
        owner, until, used = self.resets.get(token_hash, ("", at, at))
        if used is not None or until <= at:
            return None
        self.resets[token_hash] = (owner, until, at)
        return owner


class FakeAuditLog:
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    def append(self, entry: AuditEntry) -> None:
        self.entries.append(entry)

    def list(
        self,
        limit: int,
        before: tuple[datetime, str] | None = None,
        subject_id: str | None = None,
    ) -> Sequence[AuditEntry]:
        newest = sorted(self.entries, key=lambda e: (e.at, e.id), reverse=True)
        return [
            e
            for e in newest
            if (before is None or (e.at, e.id) < before)
            and (subject_id is None or e.subject_id == subject_id)
        ][:limit]


class FakeUnitOfWork:
    """Keeps everything in memory; ``committed`` counts commits so tests can see the boundary."""

    def __init__(self) -> None:
        self.customers = FakeCustomers()
        self.devices = FakeDevices()
        self.technicians = FakeTechnicians()
        self.cases = FakeCases()
        self.events = FakeEvents()
        self.api_keys = FakeApiKeys()
        self.day_rules = FakeDayRules()
        self.outbox = FakeOutbox()
        self.idempotency = FakeIdempotency()
        self.calendar_links = FakeCalendarLinks()
        self.bookings = FakeBookings()
        self.telemetry = FakeTelemetry()
        self.surveys = FakeSurveys()
        self.inbound = FakeInbound()
        self.contact_changes = FakeContactChanges()
        self.maintenance = FakeMaintenance()
        self.visit_findings = FakeVisitFindings()
        self.plans = FakePlans(self.bookings)
        self.staff = FakeStaff()
        self.audit = FakeAuditLog()
        self.committed = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        return None

    def commit(self) -> None:
        self.committed += 1

    def rollback(self) -> None:
        return None
