"""The twin's world: a simulated clock, customers who act by their behaviour, technicians who
ring doorbells, and the real services doing the company's side through their ports.

Everything the company does goes through a service: telemetry is ingested and diagnosed,
maintenance and the fleet model open cases, the outbox sends messages (to the twin's
postbox, which is where customers read them), customers book through the slot engine, the
planner plans each day, technicians close visits, customers answer surveys.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from klantreis.domain.case import CaseAction, CaseOrigin, CaseState, ServiceCase
from klantreis.domain.common import Channel
from klantreis.domain.errors import IllegalTransition
from klantreis.domain.journey import Phase
from klantreis.domain.messaging.outbox import OutboxMessage, Outcome, SendResult
from klantreis.domain.messaging.touchpoints import Touchpoint
from klantreis.domain.planning import Unplannable
from klantreis.services.cases import act_on_case, open_case
from klantreis.services.errors import ServiceError
from klantreis.services.feedback import answer_survey
from klantreis.services.ids import new_id
from klantreis.services.journey import append_events
from klantreis.services.messaging.delivery import deliver_due
from klantreis.services.planning.day_plan import plan_day
from klantreis.services.planning.ports import DaySolver
from klantreis.services.planning.tracking import close_visit
from klantreis.services.ports import UnitOfWork
from klantreis.services.records import CaseRecord, EventRecord
from klantreis.services.scheduling.assignment import assign_half_day
from klantreis.services.scheduling.booking import BookingContext, WindowTaken, book_window
from klantreis.services.scheduling.days import ZONE
from klantreis.services.scheduling.offers import offer_windows
from klantreis.services.telemetry.ingest import ingest_readings
from klantreis.services.telemetry.maintenance import run_maintenance
from klantreis.services.telemetry.ports import ModelCodec
from klantreis.services.telemetry.scoring import scan_fleet
from klantreis.sim.population import SKILL_OF_KIND
from klantreis.sim.twin.behaviour import (
    BEHAVIOUR,
    FIRST_TIME_FIX,
    PARTS_DAYS,
    SPOTS_WEAR_AT_SERVICE,
    Behaviour,
    Experience,
    answer_delay_hours,
    choose_window,
    effort_proxy,
    is_home,
    nps_proxy,
)
from klantreis.sim.twin.config import LETTER_DAYS_AHEAD, Policy, TwinConfig
from klantreis.sim.twin.fleet import TwinDevice
from klantreis.sim.twin.setup import Household

BREAKDOWNS = frozenset({CaseOrigin.FAULT_REPORTED, CaseOrigin.CUSTOMER_REQUEST})
DELIVERY_HOURS = (7, 9, 11, 13, 15, 17, 19, 21)
POST_DAYS = 2  # a letter is read two days after it is sent
CHASE_AFTER = timedelta(days=7)  # an invitation nobody acted on: the company calls
NO_ACCESS_WAIT = timedelta(minutes=10)
BOOKING_TRIES = 3


class SimulatedClock:
    """The twin's time: it only moves forward."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def move_to(self, at: datetime) -> None:
        self.current = max(self.current, at)


class Postbox:
    """The customers' side of every channel: what the outbox delivers lands here."""

    def __init__(self) -> None:
        self.delivered: list[OutboxMessage] = []

    def send(self, message: OutboxMessage) -> SendResult:
        self.delivered.append(message)
        return SendResult(Outcome.DELIVERED, provider_id=f"twin-{message.id}")


@dataclass(slots=True)
class CaseLog:
    """What the twin remembers of a case beyond what the services store."""

    case_id: str
    customer_id: str
    device_id: str | None
    origin: CaseOrigin
    opened_at: datetime
    contacts: int = 0
    company_moves: int = 0
    chosen: set[datetime] = field(default_factory=set)  # window starts the customer agreed to
    visits: int = 0
    tries: int = 0
    invited_at: datetime | None = None
    letters_read: set[datetime] = field(default_factory=set)


@dataclass(slots=True)
class DayFigures:
    day: date
    km: float = 0.0
    visits: int = 0
    technicians_used: int = 0
    unplanned: int = 0


@dataclass(slots=True)
class World:
    config: TwinConfig
    policy: Policy
    clock: SimulatedClock
    uow_factory: Callable[..., UnitOfWork]
    ctx: BookingContext
    solver: DaySolver
    codec: ModelCodec | None
    households: dict[str, Household]
    devices: list[TwinDevice]
    postbox: Postbox = field(default_factory=Postbox)
    cases: dict[str, CaseLog] = field(default_factory=dict)
    days: list[DayFigures] = field(default_factory=list)
    refusals: dict[str, int] = field(default_factory=dict)
    _queue: list[tuple[datetime, int, str, tuple[Any, ...]]] = field(default_factory=list)
    _order: itertools.count[int] = field(default_factory=itertools.count)
    by_device: dict[str, TwinDevice] = field(default_factory=dict)
    _telemetry_since: datetime | None = None

    # -- the calendar of the run ------------------------------------------------------------

    def run(self, progress: Callable[[], None] | None = None) -> None:
        day = self.config.start
        self._telemetry_since = _at(day, time(0)) - timedelta(days=1)
        self.by_device = {d.device_id: d for d in self.devices}
        while day < self.config.end:
            self._schedule_day(day)
            self._run_until(_at(day + timedelta(days=1), time(0)))
            if progress:
                progress()
            day += timedelta(days=1)

    def _schedule_day(self, day: date) -> None:
        self.at(_at(day, time(5, 30)), "telemetry")
        if self.policy is Policy.PREDICTIVE and day.weekday() == 0:
            self.at(_at(day, time(5, 45)), "scan")
        self.at(_at(day, time(6)), "open_and_chase")
        self.at(_at(day, time(6, 30)), "plan", day)
        for hour in DELIVERY_HOURS:
            self.at(_at(day, time(hour)), "deliver")
        self.at(_at(day, time(22)), "missed", day)

    def at(self, moment: datetime, name: str, *args: Any) -> None:
        heapq.heappush(self._queue, (moment, next(self._order), name, args))

    def _run_until(self, end: datetime) -> None:
        while self._queue and self._queue[0][0] < end:
            moment, _, name, args = heapq.heappop(self._queue)
            self.clock.move_to(moment)
            handler = getattr(self, f"_on_{name}")
            with self.uow_factory() as uow:
                try:
                    handler(uow, *args)
                except (ServiceError, IllegalTransition) as refused:
                    uow.rollback()
                    key = f"{name}: {type(refused).__name__}"
                    self.refusals[key] = self.refusals.get(key, 0) + 1
                    continue
                uow.commit()

    # -- the company ------------------------------------------------------------------------

    def _on_telemetry(self, uow: UnitOfWork) -> None:
        now = self.clock.now()
        since, self._telemetry_since = self._telemetry_since, now
        assert since is not None
        items: list[object] = []
        for device in self.devices:
            if device.connected:
                items.extend(device.readings(since, now))
            elif device.failure_due(now):
                device.failed_at = device.failure.at if device.failure else now
                self.at(
                    _office_hours(device.failed_at, self._rng("call", device.device_id)),
                    "call_breakdown",
                    device.device_id,
                )
        messenger = self.ctx.messenger if self.policy.customer_chooses else None
        ingest_readings(uow, self.clock, items, messenger)

    def _on_scan(self, uow: UnitOfWork) -> None:
        assert self.codec is not None
        scan_fleet(uow, self.clock, self.codec, messenger=self.ctx.messenger)

    def _on_open_and_chase(self, uow: UnitOfWork) -> None:
        """Maintenance opens what is due; then every case waiting on us gets its own turn
        (one unit of work each, so one that cannot be placed holds up no other)."""
        messenger = self.ctx.messenger if self.policy.customer_chooses else None
        run_maintenance(uow, self.clock, messenger=messenger)
        now = self.clock.now()
        for case in uow.cases.list(0, 1_000_000, state=CaseState.OPENED):
            if self.policy is Policy.LETTER:
                self.at(now, "assign", case.id)
            elif now - case.opened_at >= timedelta(hours=20):
                self.at(now, "phone_booking", case.id)  # no channel reached them: we call
        if self.policy.customer_chooses:
            for state in (CaseState.INVITED, CaseState.NO_SHOW):
                for case in uow.cases.list(0, 1_000_000, state=state):
                    log = self.log_of(case)
                    if log.invited_at is not None and now - log.invited_at >= CHASE_AFTER:
                        self.at(now, "phone_booking", case.id)

    def _on_assign(self, uow: UnitOfWork, case_id: str) -> None:
        case = uow.cases.get(case_id)
        if case is not None and case.state is CaseState.OPENED:
            self._assign(uow, case, self.log_of(case))

    def _on_phone_booking(self, uow: UnitOfWork, case_id: str) -> None:
        case = uow.cases.get(case_id)
        if case is not None and case.state in (
            CaseState.OPENED,
            CaseState.INVITED,
            CaseState.NO_SHOW,
        ):
            self._phone_booking(uow, case, self.log_of(case))

    def _assign(self, uow: UnitOfWork, case: ServiceCase, log: CaseLog) -> None:
        """The letter: a planned visit gets a half day ten days ahead, as the planner sees
        fit; a breakdown is arranged by phone for the first half day from tomorrow."""
        today = self.clock.now().astimezone(ZONE).date()
        if case.origin in BREAKDOWNS:
            log.contacts += 1
            self._contact(uow, case, "breakdown arranged by phone")
            morning = self.behaviour(case.customer_id).preferred_hours[0] < 12
            booking = assign_half_day(
                uow, self.ctx, case.id, today + timedelta(days=1), morning, Channel.PHONE
            )
            log.chosen.add(booking.window.start)
        else:
            booking = assign_half_day(
                uow, self.ctx, case.id, today + timedelta(days=LETTER_DAYS_AHEAD)
            )
            log.company_moves += 1

    def _phone_booking(self, uow: UnitOfWork, case: ServiceCase, log: CaseLog) -> None:
        log.contacts += 1
        self._contact(uow, case, "we called to book")
        self._customer_books(uow, case, log, Channel.PHONE, must_book=True)

    def _on_plan(self, uow: UnitOfWork, day: date) -> None:
        planned = plan_day(uow, self.clock, self.ctx.travel, self.solver, day, 1.0)
        figures = DayFigures(day, km=sum(planned.km.values()))
        for route in planned.plan.routes.values():
            if route:
                figures.technicians_used += 1
            for stop in route:
                figures.visits += 1
                self.at(planned.arrival(stop.arrival), "arrive", stop.visit.booking_id)
        figures.unplanned = sum(
            1 for p in planned.plan.problems if p.reason is not Unplannable.NO_SHIFT
        )
        self.days.append(figures)

    def _on_missed(self, uow: UnitOfWork, day: date) -> None:
        """Visits the day's plan could not fit: we apologise and arrange another."""
        for booking in uow.bookings.active_between(day, day):
            case = uow.cases.get(booking.case_id)
            if case is not None and case.state in (CaseState.BOOKED, CaseState.PLANNED):
                self.at(self.clock.now(), "rearrange", case.id, day)

    def _on_rearrange(self, uow: UnitOfWork, case_id: str, day: date) -> None:
        case = uow.cases.get(case_id)
        if case is None:
            return
        log = self.log_of(case)
        log.contacts += 1
        self._contact(uow, case, "apology: the visit could not be fitted")
        if self.policy is Policy.LETTER:
            assign_half_day(uow, self.ctx, case.id, day + timedelta(days=1))
            log.company_moves += 1
        else:
            self._customer_books(uow, case, log, Channel.PHONE, must_book=True)

    def _on_deliver(self, uow: UnitOfWork) -> None:
        uow.rollback()  # delivery runs its own units of work
        senders = {channel: self.postbox for channel in Channel}
        assert self.ctx.messenger is not None  # the twin always announces changes
        while deliver_due(
            self.uow_factory, self.clock, senders, self.ctx.messenger, batch=500
        ).claimed:
            pass
        delivered, self.postbox.delivered = self.postbox.delivered, []
        for message in delivered:
            if message.case_id:
                self._read(uow, message)

    # -- the technicians --------------------------------------------------------------------

    def _on_arrive(self, uow: UnitOfWork, booking_id: str) -> None:
        booking = uow.bookings.get(booking_id)
        case = uow.cases.get(booking.case_id) if booking and booking.active else None
        if (
            booking is None
            or case is None
            or case.state not in (CaseState.PLANNED, CaseState.EN_ROUTE)
        ):
            return
        if case.state is CaseState.PLANNED:
            act_on_case(uow, self.clock, case.id, CaseAction.DEPART, channel=Channel.TECHNICIAN)
        act_on_case(uow, self.clock, case.id, CaseAction.ARRIVE, channel=Channel.TECHNICIAN)
        log = self.log_of(case)
        household = self.households[case.customer_id]
        home = is_home(
            self.behaviour(case.customer_id),
            booking.window,
            booking.window.start in log.chosen,
            household.key,
            log.visits,
        )
        log.visits += 1
        if not home:
            self.at(self.clock.now() + NO_ACCESS_WAIT, "close", case.id, CaseAction.REPORT_NO_SHOW)
            return
        fixed = self._rng("fix", case.id, log.visits).random() < FIRST_TIME_FIX
        outcome = CaseAction.RESOLVE if fixed else CaseAction.REQUIRE_FOLLOW_UP
        self.at(
            self.clock.now() + timedelta(minutes=booking.service_minutes), "close", case.id, outcome
        )

    def _on_close(self, uow: UnitOfWork, case_id: str, outcome: CaseAction) -> None:
        close_visit(uow, self.clock, case_id, outcome, messenger=self.ctx.messenger)
        case = uow.cases.get(case_id)
        assert case is not None
        if outcome is CaseAction.RESOLVE:
            device = self.by_device.get(case.device_id or "")
            if device is not None:
                looked = case.origin is CaseOrigin.PREDICTED or (
                    case.origin is CaseOrigin.PERIODIC_MAINTENANCE
                    and self._rng("spot", case.id).random() < SPOTS_WEAR_AT_SERVICE
                )
                device.repair(self.clock.now(), looked)
        else:
            self.at(self.clock.now(), "after_visit", case.id, outcome)

    def _on_after_visit(self, uow: UnitOfWork, case_id: str, outcome: CaseAction) -> None:
        """A second visit is needed (parts), or nobody was home: arrange the next one."""
        case = uow.cases.get(case_id)
        assert case is not None
        log = self.log_of(case)
        today = self.clock.now().astimezone(ZONE).date()
        if outcome is CaseAction.REQUIRE_FOLLOW_UP:
            not_before = _at(today + timedelta(days=PARTS_DAYS), time(0))
            if self.policy is Policy.LETTER:
                assign_half_day(uow, self.ctx, case.id, today + timedelta(days=PARTS_DAYS))
                log.company_moves += 1
            else:
                self._customer_books(uow, case, log, Channel.TECHNICIAN, True, not_before)
        elif self.policy is Policy.LETTER:  # nobody home: a card through the door
            behaviour = self.behaviour(case.customer_id)
            if self._rng("card", case.id, log.visits).random() < behaviour.calls_when_away:
                log.contacts += 1
                self._contact(uow, case, "called after a missed visit")
                booking = assign_half_day(
                    uow,
                    self.ctx,
                    case.id,
                    today + timedelta(days=2),
                    behaviour.preferred_hours[0] < 12,
                    Channel.PHONE,
                )
                log.chosen.add(booking.window.start)
            else:
                assign_half_day(uow, self.ctx, case.id, today + timedelta(days=LETTER_DAYS_AHEAD))
                log.company_moves += 1
        else:  # nobody home: the card carries their booking link
            log.invited_at = self.clock.now()
            self._later(case, log, "book", Channel.WEB)

    # -- the customers ----------------------------------------------------------------------

    def _read(self, uow: UnitOfWork, message: OutboxMessage) -> None:
        case = uow.cases.get(message.case_id or "")
        if case is None:
            return
        log = self.log_of(case)
        lag = timedelta(days=POST_DAYS) if message.channel is Channel.LETTER else timedelta()
        if message.touchpoint is Touchpoint.INVITATION:
            log.invited_at = self.clock.now()
            if (
                self._rng("ignores", case.id).random()
                >= self.behaviour(case.customer_id).never_answers
            ):
                self._later(case, log, "book", Channel.WEB, lag)
        elif message.touchpoint is Touchpoint.SURVEY:
            if (
                self._rng("survey", case.id).random()
                < self.behaviour(case.customer_id).answers_survey
            ):
                self._later(case, log, "survey", None, lag)
        elif self.policy is Policy.LETTER and message.touchpoint in (
            Touchpoint.CONFIRMATION,
            Touchpoint.RESCHEDULED,
        ):
            self._later(case, log, "letter_read", None, lag)

    def _later(
        self, case: ServiceCase, log: CaseLog, name: str, arg: Any, lag: timedelta = timedelta()
    ) -> None:
        hours = answer_delay_hours(
            self.behaviour(case.customer_id),
            case.origin in BREAKDOWNS,
            self._rng(name, case.id, log.visits, log.tries),
        )
        self.at(self.clock.now() + lag + timedelta(hours=max(0.25, hours)), name, case.id, arg)

    def _on_book(self, uow: UnitOfWork, case_id: str, channel: Channel) -> None:
        case = uow.cases.get(case_id)
        if case is None or case.state not in (
            CaseState.OPENED,
            CaseState.INVITED,
            CaseState.NO_SHOW,
        ):
            return
        self._customer_books(uow, case, self.log_of(case), channel)

    def _customer_books(
        self,
        uow: UnitOfWork,
        case: ServiceCase,
        log: CaseLog,
        channel: Channel,
        must_book: bool = False,
        not_before: datetime | None = None,
    ) -> None:
        behaviour = self.behaviour(case.customer_id)
        household = self.households[case.customer_id]
        for _attempt in range(BOOKING_TRIES):
            offering = offer_windows(
                uow,
                case.id,
                self.clock.now(),
                self.ctx.travel,
                self.ctx.holidays,
                self.ctx.settings,
            )
            offers = (
                offering.offers
                if self.policy.steered
                else sorted(offering.offers, key=lambda o: o.window.start)
            )
            shown = [
                (o.window, o.eco)
                for o in offers
                if not_before is None or o.window.start >= not_before
            ]
            rng = self._rng("choose", case.id, log.tries, log.visits)
            window = choose_window(behaviour, household.key, shown, self.policy.steered, rng)
            if window is None and (must_book or log.tries >= BOOKING_TRIES) and shown:
                window = shown[0][0]  # on the phone, or after trying for days: they make it work
            if window is None:
                log.tries += 1
                if shown or not must_book:
                    self.at(self.clock.now() + timedelta(days=2), "book", case.id, channel)
                return
            try:
                booking = book_window(uow, self.ctx, case.id, window.start, channel)
            except WindowTaken:
                continue
            log.chosen.add(booking.window.start)
            if self._rng("changes", case.id, log.visits).random() < behaviour.changes_plans:
                lead = (booking.window.start - self.clock.now()).total_seconds() / 3600 - 20
                if lead > 1:
                    moment = self.clock.now() + timedelta(
                        hours=self._rng("when", case.id).uniform(1, lead)
                    )
                    self.at(moment, "move", case.id, None)
            return

    def _on_move(self, uow: UnitOfWork, case_id: str, _arg: None) -> None:
        """Plans changed: the customer moves their visit (self-service, or by phone)."""
        case = uow.cases.get(case_id)
        booking = uow.bookings.active_for_case(case_id)
        if (
            case is None
            or booking is None
            or case.state not in (CaseState.BOOKED, CaseState.PLANNED)
        ):
            return
        log = self.log_of(case)
        household = self.households[case.customer_id]
        offering = offer_windows(
            uow, case.id, self.clock.now(), self.ctx.travel, self.ctx.holidays, self.ctx.settings
        )
        offers = (
            offering.offers
            if self.policy.steered
            else sorted(offering.offers, key=lambda o: o.window.start)
        )
        shown = [(o.window, o.eco) for o in offers if o.window != booking.window]
        window = choose_window(
            self.behaviour(case.customer_id),
            household.key,
            shown,
            self.policy.steered,
            self._rng("move", case.id),
        )
        if window is not None:
            moved = book_window(uow, self.ctx, case.id, window.start, Channel.WEB)
            log.chosen.add(moved.window.start)

    def _on_letter_read(self, uow: UnitOfWork, case_id: str, _arg: None) -> None:
        """The letter names a half day: can someone be home? If not, some call to move it."""
        case = uow.cases.get(case_id)
        booking = uow.bookings.active_for_case(case_id)
        if (
            case is None
            or booking is None
            or case.state not in (CaseState.BOOKED, CaseState.PLANNED)
        ):
            return
        log = self.log_of(case)
        if booking.window.start in log.chosen or booking.window.start in log.letters_read:
            return
        log.letters_read.add(booking.window.start)
        behaviour = self.behaviour(case.customer_id)
        household = self.households[case.customer_id]
        if is_home(behaviour, booking.window, False, household.key, log.visits):
            return
        if (
            self._rng("calls", case.id, booking.window.start.isoformat()).random()
            >= behaviour.calls_when_away
        ):
            return  # nobody will be home, and nobody tells us
        log.contacts += 1
        self._contact(uow, case, "called to move the half day")
        today = self.clock.now().astimezone(ZONE).date()
        first = max(today + timedelta(days=2), booking.day + timedelta(days=1))
        moved = assign_half_day(
            uow, self.ctx, case.id, first, behaviour.preferred_hours[0] < 12, Channel.PHONE
        )
        log.chosen.add(moved.window.start)

    def _on_call_breakdown(self, uow: UnitOfWork, device_id: str) -> None:
        """An appliance without telemetry broke: the customer calls us."""
        device = self.by_device[device_id]
        if uow.cases.open_cases_by_device([device_id]):
            return
        record = CaseRecord(
            customer_id=device.customer_id,
            device_id=device_id,
            origin=CaseOrigin.CUSTOMER_REQUEST,
            summary=f"{device.model}: broken, the customer called",
            required_skills=[SKILL_OF_KIND[device.kind]],
            duration_minutes=60,
            urgent=True,
        )
        case = open_case(uow, self.clock, record, new_id())
        log = self.log_of(case)
        log.contacts += 1
        self._contact(uow, case, "reported a breakdown")
        if self.policy is Policy.LETTER:
            self._assign(uow, case, log)
            log.contacts -= 1  # the call that reported it arranged the visit too
        else:
            self._customer_books(uow, case, log, Channel.PHONE, must_book=True)

    def _on_survey(self, uow: UnitOfWork, case_id: str, _arg: None) -> None:
        case = uow.cases.get(case_id)
        if case is None or uow.surveys.for_case(case_id) is not None:
            return
        log = self.log_of(case)
        experience = self.experience(case, log)
        rng = self._rng("nps", case.id)
        answer_survey(
            uow,
            self.clock,
            case.id,
            nps_proxy(self.behaviour(case.customer_id), experience, rng),
            effort_proxy(experience, log.contacts),
        )

    # -- bookkeeping --------------------------------------------------------------------------

    def experience(self, case: ServiceCase, log: CaseLog) -> Experience:
        resolved = next(
            (t.at for t in case.history if t.action is CaseAction.RESOLVE), self.clock.now()
        )
        device = self.by_device.get(case.device_id or "")
        downtime = 0.0
        if device is not None and device.failed_at is not None:
            end = device.repaired_at or self.clock.now()
            downtime = max(0.0, (end - device.failed_at).total_seconds() / 86_400)
        return Experience(
            no_access=sum(1 for t in case.history if t.action is CaseAction.REPORT_NO_SHOW),
            company_moves=log.company_moves,
            days_to_visit=(resolved - case.opened_at).total_seconds() / 86_400,
            downtime_days=downtime,
            chose_window=bool(log.chosen),
        )

    def log_of(self, case: ServiceCase) -> CaseLog:
        log = self.cases.get(case.id)
        if log is None:
            log = CaseLog(case.id, case.customer_id, case.device_id, case.origin, case.opened_at)
            self.cases[case.id] = log
        return log

    def behaviour(self, customer_id: str) -> Behaviour:
        return BEHAVIOUR[self.households[customer_id].persona]

    def _contact(self, uow: UnitOfWork, case: ServiceCase, what: str) -> None:
        append_events(
            uow,
            [
                EventRecord(
                    customer_id=case.customer_id,
                    case_id=case.id,
                    phase=Phase.INFORMATION,
                    touchpoint="callcenter_call",
                    channel=Channel.PHONE,
                    occurred_at=self.clock.now(),
                    properties={"about": what},
                )
            ],
        )

    def _rng(self, *parts: object) -> random.Random:
        """A draw fixed by the seed and what it is about: the same under every policy, so
        policies differ only where their choices differ."""
        return random.Random("|".join(str(p) for p in (self.config.seed, *parts)))


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, ZONE).astimezone(UTC)


def _office_hours(moment: datetime, rng: random.Random) -> datetime:
    """When someone whose appliance broke at ``moment`` calls: the next working hours."""
    local = moment.astimezone(ZONE)
    day = local.date()
    if local.hour >= 17 or local.weekday() >= 5:
        day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    earliest = max(moment, _at(day, time(8)))
    return earliest + timedelta(minutes=rng.uniform(0, 120))
