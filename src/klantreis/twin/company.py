"""The company's side of the twin, all through the services: telemetry, maintenance, the
fleet scan, the letter, phone bookings, delivery, planning, and the technicians' visits."""

from __future__ import annotations

from datetime import time, timedelta

from klantreis.app.ports import AppUnit
from klantreis.core.case import CaseAction, CaseOrigin, CaseState, ServiceCase
from klantreis.core.cases import act_on_case, open_case
from klantreis.core.common import Channel
from klantreis.core.ids import new_id
from klantreis.core.records import CaseRecord
from klantreis.messaging.delivery import deliver_due
from klantreis.messaging.outbox_service import Messenger
from klantreis.planning.day_plan import plan_day
from klantreis.planning.tracking import announce_whole_day_visits, close_visit
from klantreis.scheduling.assignment import assign_half_day
from klantreis.sim.population import SKILL_OF_KIND
from klantreis.telemetry.ingest import ingest_readings
from klantreis.telemetry.maintenance_service import run_maintenance
from klantreis.telemetry.scoring import scan_fleet
from klantreis.twin.behaviour import FIRST_TIME_FIX, PARTS_DAYS, SPOTS_WEAR_AT_SERVICE, is_home
from klantreis.twin.clock import at_local, local_date, office_hours
from klantreis.twin.config import BREAKDOWNS, LETTER_DAYS_AHEAD, Policy
from klantreis.twin.customers import BOOKED, WAITING, customer_books, later, read
from klantreis.twin.events import (
    AfterVisit,
    Arrive,
    Assign,
    Book,
    CallBreakdown,
    Close,
    Deliver,
    Event,
    Missed,
    OpenAndChase,
    PhoneBooking,
    Plan,
    Rearrange,
    Scan,
    Settle,
    Telemetry,
)
from klantreis.twin.ledger import CaseLog, DayFigures, RouteStop, route_shares
from klantreis.twin.world import Handler, World

CHASE_AFTER = timedelta(days=7)  # an invitation nobody acted on: the company calls
UNREACHED_AFTER = timedelta(hours=20)  # a case no invitation could go out for: we call
NO_ACCESS_WAIT = timedelta(minutes=10)
PLANNER_SECONDS = 1.0  # unused by the twin's solver, which stops by iterations
MAP_DAYS = timedelta(days=7)  # the report maps the first measured week's routes


def _on_telemetry(world: World, uow: AppUnit, _: Telemetry) -> None:
    """Readings since the last batch; appliances without telemetry that broke get a call."""
    now = world.clock.now()
    since, world.telemetry_since = world.telemetry_since, now
    assert since is not None
    items: list[object] = []
    for device in world.devices:
        if device.connected:
            items.extend(device.readings(since, now))
        elif device.failure_due(now):
            broke = device.break_down()
            call_at = office_hours(broke, world.rng("call", device.device_id))
            world.at(call_at, CallBreakdown(device.device_id))
    ingest_readings(uow, world.clock, world.catalogue, items, _inviting(world))


def _inviting(world: World) -> Messenger | None:
    """The messenger for invitations: none under the letter, where the company assigns."""
    return world.ctx.messenger if world.policy.customer_chooses else None


def _on_scan(world: World, uow: AppUnit, _: Scan) -> None:
    assert world.codec is not None
    scan_fleet(uow, world.clock, world.codec, world.catalogue, messenger=world.ctx.messenger)


def _on_open_and_chase(world: World, uow: AppUnit, _: OpenAndChase) -> None:
    """Maintenance opens what is due; then every case waiting on us gets its own turn (one
    unit of work each, so one that cannot be placed holds up no other)."""
    run_maintenance(uow, world.clock, messenger=_inviting(world))
    now = world.clock.now()
    for case in uow.cases.list(0, 1_000_000, state=CaseState.OPENED):
        if world.policy is Policy.LETTER:
            world.at(now, Assign(case.id))
        elif now - case.opened_at >= UNREACHED_AFTER:
            world.at(now, PhoneBooking(case.id))
    if world.policy.customer_chooses:
        for state in (CaseState.INVITED, CaseState.NO_SHOW):
            for case in uow.cases.list(0, 1_000_000, state=state):
                invited = world.log_of(case).invited_at
                if invited is not None and now - invited >= CHASE_AFTER:
                    world.at(now, PhoneBooking(case.id))


def _on_assign(world: World, uow: AppUnit, event: Assign) -> None:
    case_id = event.case_id
    """The letter: a planned visit gets a half day ten days ahead, as the planner sees fit;
    for a breakdown we call and arrange the first half day from tomorrow."""
    case = uow.cases.get(case_id)
    if case is None or case.state is not CaseState.OPENED:
        return
    if case.origin in BREAKDOWNS:
        world.call(uow, case, "breakdown arranged by phone")
        _arrange_breakdown(world, uow, case)
    else:
        first = local_date(world.clock.now()) + timedelta(days=LETTER_DAYS_AHEAD)
        assign_half_day(uow, world.ctx, case.id, first)
        world.log_of(case).company_moves += 1


def _arrange_breakdown(world: World, uow: AppUnit, case: ServiceCase) -> None:
    """On the phone: the first half day from tomorrow in the customer's part of the day."""
    morning = world.behaviour(case.customer_id).preferred_hours[0] < 12
    tomorrow = local_date(world.clock.now()) + timedelta(days=1)
    booking = assign_half_day(uow, world.ctx, case.id, tomorrow, morning, Channel.PHONE)
    world.log_of(case).chosen.add(booking.window.start)


def _on_phone_booking(world: World, uow: AppUnit, event: PhoneBooking) -> None:
    case_id = event.case_id
    case = uow.cases.get(case_id)
    if case is not None and case.state in WAITING:
        world.call(uow, case, "we called to book")
        customer_books(world, uow, case, Channel.PHONE, must_book=True)


def _on_call_breakdown(world: World, uow: AppUnit, event: CallBreakdown) -> None:
    device_id = event.device_id
    """An appliance without telemetry broke: the customer calls us."""
    device = world.by_device[device_id]
    if uow.cases.open_cases_by_device([device_id]):
        return  # its open case's visit will see to it
    record = CaseRecord(
        customer_id=device.customer_id,
        device_id=device_id,
        origin=CaseOrigin.CUSTOMER_REQUEST,
        summary=f"{device.model}: broken, the customer called",
        required_skills=[SKILL_OF_KIND[device.kind]],
        duration_minutes=60,
        urgent=True,
    )
    case = open_case(uow, world.clock, record, new_id())
    world.call(uow, case, "reported a breakdown")
    if world.policy is Policy.LETTER:
        _arrange_breakdown(world, uow, case)
    else:
        customer_books(world, uow, case, Channel.PHONE, must_book=True)


def _on_deliver(world: World, uow: AppUnit, _: Deliver) -> None:
    """The worker's job: deliver everything due; customers then read it."""
    messenger = world.ctx.messenger
    assert messenger is not None  # the twin always announces changes
    senders = {channel: world.postbox for channel in Channel}
    while deliver_due(world.uow_factory, world.clock, senders, messenger, batch=500).claimed:
        pass  # delivery commits in units of its own
    delivered, world.postbox.delivered = world.postbox.delivered, []
    for message in delivered:
        if message.case_id:
            read(world, uow, message)


def _on_settle(world: World, uow: AppUnit, event: Settle) -> None:
    day = event.day
    """Half an hour before the cut-off the day after tomorrow is planned, so flexible visits
    settle in the ticked windows that suit the routes best (their customers are told)."""
    if any(b.flexible for b in uow.bookings.active_between(day, day)):
        plan_day(
            uow,
            world.clock,
            world.ctx.travel,
            world.solver,
            day,
            PLANNER_SECONDS,
            messenger=world.ctx.messenger,
        )


def _on_plan(world: World, uow: AppUnit, event: Plan) -> None:
    day = event.day
    travel = world.ctx.travel
    planned = plan_day(uow, world.clock, travel, world.solver, day, PLANNER_SECONDS)
    assert world.ctx.messenger is not None  # the twin always announces changes
    announce_whole_day_visits(uow, world.clock, world.ctx.messenger, day)
    figures = DayFigures(day, km=sum(planned.km.values()))
    homes = {c.technician_id: c.home for c in planned.crew}
    for technician_id, route in planned.plan.routes.items():
        figures.technicians_used += 1 if route else 0
        stops = [
            RouteStop(p.visit.case_id, p.visit.location, p.arrival, p.visit.service) for p in route
        ]
        shares = route_shares(homes[technician_id], stops, travel.km, travel.minutes)
        if route and world.config.start <= day < world.config.start + MAP_DAYS:
            points = [homes[technician_id], *(s.location for s in stops), homes[technician_id]]
            figures.routes.append((technician_id, [(p.latitude, p.longitude) for p in points]))
        for case_id, work in shares.items():
            world.cases.setdefault(case_id, CaseLog()).work.add(work)
        for stop in route:
            figures.visits += 1
            world.at(planned.arrival(stop.arrival), Arrive(stop.visit.booking_id))
    world.days.append(figures)


def _on_missed(world: World, uow: AppUnit, event: Missed) -> None:
    day = event.day
    """Visits the day's plan could not fit: each gets an apology and another visit."""
    for booking in uow.bookings.active_between(day, day):
        case = uow.cases.get(booking.case_id)
        if case is not None and case.state in BOOKED:
            world.at(world.clock.now(), Rearrange(case.id, day))


def _on_rearrange(world: World, uow: AppUnit, event: Rearrange) -> None:
    case_id, day = event.case_id, event.day
    case = uow.cases.get(case_id)
    if case is None:
        return
    world.call(uow, case, "apology: the visit could not be fitted")
    if world.policy is Policy.LETTER:
        assign_half_day(uow, world.ctx, case.id, day + timedelta(days=1))
        world.log_of(case).company_moves += 1
    else:
        customer_books(world, uow, case, Channel.PHONE, must_book=True)


def _on_arrive(world: World, uow: AppUnit, event: Arrive) -> None:
    booking_id = event.booking_id
    """The technician rings the bell: someone opens, or not."""
    booking = uow.bookings.get(booking_id)
    case = uow.cases.get(booking.case_id) if booking and booking.active else None
    if booking is None or case is None or case.state not in (CaseState.PLANNED, CaseState.EN_ROUTE):
        return
    if case.state is CaseState.PLANNED:  # the day's first visit: nobody set it on its way
        act_on_case(uow, world.clock, case.id, CaseAction.DEPART, channel=Channel.TECHNICIAN)
    act_on_case(uow, world.clock, case.id, CaseAction.ARRIVE, channel=Channel.TECHNICIAN)
    log = world.log_of(case)
    chosen = booking.window.start in log.chosen
    key = world.households[case.customer_id].key
    home = is_home(world.behaviour(case.customer_id), booking.window, chosen, key, log.visits)
    log.visits += 1
    now = world.clock.now()
    if not home:
        log.work.at_closed_door += NO_ACCESS_WAIT.total_seconds() / 60
        world.at(now + NO_ACCESS_WAIT, Close(case.id, CaseAction.REPORT_NO_SHOW))
        return
    log.work.on_site += booking.service_minutes
    fixed = world.case_rng("fix", case, log.visits).random() < FIRST_TIME_FIX
    outcome = CaseAction.RESOLVE if fixed else CaseAction.REQUIRE_FOLLOW_UP
    world.at(now + timedelta(minutes=booking.service_minutes), Close(case.id, outcome))


def _on_close(world: World, uow: AppUnit, event: Close) -> None:
    case_id, outcome = event.case_id, event.outcome
    close_visit(uow, world.clock, case_id, outcome, messenger=world.ctx.messenger)
    case = uow.cases.get(case_id)
    assert case is not None
    if outcome is not CaseAction.RESOLVE:
        world.at(world.clock.now(), AfterVisit(case.id, outcome))
        return
    device = world.by_device.get(case.device_id or "")
    if device is not None:
        looked = case.origin is CaseOrigin.PREDICTED or (
            case.origin is CaseOrigin.PERIODIC_MAINTENANCE
            and world.case_rng("spot", case).random() < SPOTS_WEAR_AT_SERVICE
        )
        device.repair(world.clock.now(), looked)


def _on_after_visit(world: World, uow: AppUnit, event: AfterVisit) -> None:
    case_id, outcome = event.case_id, event.outcome
    """A second visit is needed (parts), or nobody was home: arrange the next one."""
    case = uow.cases.get(case_id)
    assert case is not None
    log = world.log_of(case)
    today = local_date(world.clock.now())
    if outcome is CaseAction.REQUIRE_FOLLOW_UP:
        parts_day = today + timedelta(days=PARTS_DAYS)
        if world.policy is Policy.LETTER:
            assign_half_day(uow, world.ctx, case.id, parts_day)
            log.company_moves += 1
        else:  # booked with the technician, on the doorstep
            not_before = at_local(parts_day, time(0))
            customer_books(world, uow, case, Channel.TECHNICIAN, True, not_before)
    elif world.policy is Policy.LETTER:  # nobody home: a card through the door
        behaviour = world.behaviour(case.customer_id)
        if world.case_rng("card", case, log.visits).random() < behaviour.calls_when_away:
            world.call(uow, case, "called after a missed visit")
            first, morning = today + timedelta(days=2), behaviour.preferred_hours[0] < 12
            booking = assign_half_day(uow, world.ctx, case.id, first, morning, Channel.PHONE)
            log.chosen.add(booking.window.start)
        else:
            assign_half_day(uow, world.ctx, case.id, today + timedelta(days=LETTER_DAYS_AHEAD))
            log.company_moves += 1
    else:  # nobody home: the card carries their booking link
        log.invited_at = world.clock.now()
        later(world, case, Book(case.id, Channel.WEB))


HANDLERS: dict[type[Event], Handler] = {
    Telemetry: _on_telemetry,
    Scan: _on_scan,
    OpenAndChase: _on_open_and_chase,
    Assign: _on_assign,
    PhoneBooking: _on_phone_booking,
    CallBreakdown: _on_call_breakdown,
    Deliver: _on_deliver,
    Plan: _on_plan,
    Settle: _on_settle,
    Missed: _on_missed,
    Rearrange: _on_rearrange,
    Arrive: _on_arrive,
    Close: _on_close,
    AfterVisit: _on_after_visit,
}
