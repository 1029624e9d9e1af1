"""The twin's customers: they read what the outbox delivered, book and move visits through
the slot engine, read the letter's half day, and answer surveys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from klantreis.domain.booking import Booking, TimeWindow
from klantreis.domain.case import CaseAction, CaseState, ServiceCase
from klantreis.domain.common import Channel
from klantreis.domain.messaging.outbox import OutboxMessage
from klantreis.domain.messaging.touchpoints import Touchpoint
from klantreis.services.feedback import answer_survey
from klantreis.services.ports import UnitOfWork
from klantreis.services.scheduling.assignment import assign_half_day
from klantreis.services.scheduling.booking import WindowTaken, book_window
from klantreis.services.scheduling.offers import offer_windows
from klantreis.sim.twin.behaviour import (
    Experience,
    answer_delay_hours,
    choose_window,
    effort_proxy,
    is_home,
    nps_proxy,
)
from klantreis.sim.twin.clock import local_date
from klantreis.sim.twin.config import BREAKDOWNS, Policy
from klantreis.sim.twin.ledger import CaseLog

if TYPE_CHECKING:
    from klantreis.sim.twin.world import World

POST_DAYS = 2  # a letter is read two days after it is sent
RETRY_AFTER = timedelta(days=2)  # no window suits them: they look again two days later
GIVES_UP_AFTER = 3  # ... and after this many looks they take the first window shown
WINDOW_TAKEN_RETRIES = 3  # a window taken meanwhile: they pick again at once
WAITING = (CaseState.OPENED, CaseState.INVITED, CaseState.NO_SHOW)
BOOKED = (CaseState.BOOKED, CaseState.PLANNED)


def read(world: World, uow: UnitOfWork, message: OutboxMessage) -> None:
    """A delivered message about a case: what the customer does about it, and when."""
    case = uow.cases.get(message.case_id or "")
    if case is None:
        return
    log = world.log_of(case)
    behaviour = world.behaviour(case.customer_id)
    lag = timedelta(days=POST_DAYS) if message.channel is Channel.LETTER else timedelta()
    if message.touchpoint is Touchpoint.INVITATION:
        log.invited_at = world.clock.now()
        if world.case_rng("ignores", case).random() >= behaviour.never_answers:
            later(world, case, "book", Channel.WEB, lag)
    elif message.touchpoint is Touchpoint.SURVEY:
        if world.case_rng("survey", case).random() < behaviour.answers_survey:
            later(world, case, "survey", None, lag)
    elif world.policy is Policy.LETTER and message.touchpoint in (
        Touchpoint.CONFIRMATION,
        Touchpoint.RESCHEDULED,
    ):
        later(world, case, "letter_read", None, lag)


def later(
    world: World, case: ServiceCase, name: str, arg: Any, lag: timedelta = timedelta()
) -> None:
    """The customer acts on it after their persona's delay (sooner for a breakdown)."""
    log = world.log_of(case)
    hours = answer_delay_hours(
        world.behaviour(case.customer_id),
        case.origin in BREAKDOWNS,
        world.case_rng(name, case, log.visits, log.tries),
    )
    world.at(world.clock.now() + lag + timedelta(hours=max(0.25, hours)), name, case.id, arg)


def _on_book(world: World, uow: UnitOfWork, case_id: str, channel: Channel) -> None:
    case = uow.cases.get(case_id)
    if case is not None and case.state in WAITING:
        customer_books(world, uow, case, channel)


def customer_books(
    world: World,
    uow: UnitOfWork,
    case: ServiceCase,
    channel: Channel,
    must_book: bool = False,
    not_before: datetime | None = None,
) -> None:
    """The customer picks a window from those offered (on the phone: ``must_book``)."""
    log = world.log_of(case)
    behaviour = world.behaviour(case.customer_id)
    key = world.households[case.customer_id].key
    for _ in range(WINDOW_TAKEN_RETRIES):
        shown = [
            (w, eco)
            for w, eco in offers_shown(world, uow, case)
            if not_before is None or w.start >= not_before
        ]
        rng = world.case_rng("choose", case, log.tries, log.visits)
        window = choose_window(behaviour, key, shown, world.policy.steered, rng)
        if window is None and (must_book or log.tries >= GIVES_UP_AFTER) and shown:
            window = shown[0][0]  # on the phone, or after looking for days: they make it work
        if window is None:
            log.tries += 1
            if shown or not must_book:
                world.at(world.clock.now() + RETRY_AFTER, "book", case.id, channel)
            return
        try:
            booking = book_window(uow, world.ctx, case.id, window.start, channel)
        except WindowTaken:
            continue
        log.chosen.add(booking.window.start)
        _maybe_change_plans(world, case, booking)
        return


def offers_shown(world: World, uow: UnitOfWork, case: ServiceCase) -> list[tuple[TimeWindow, bool]]:
    """The windows on the booking page, in the order shown: cheapest first when steered,
    in time order otherwise; with whether each is marked efficient."""
    ctx = world.ctx
    offers = offer_windows(
        uow, case.id, world.clock.now(), ctx.travel, ctx.holidays, ctx.settings
    ).offers
    if not world.policy.steered:
        offers = sorted(offers, key=lambda o: o.window.start)
    return [(o.window, o.eco) for o in offers]


def _maybe_change_plans(world: World, case: ServiceCase, booking: Booking) -> None:
    """Some customers' plans change: they move the visit once, before the day before."""
    behaviour = world.behaviour(case.customer_id)
    if (
        world.case_rng("changes", case, world.log_of(case).visits).random()
        >= behaviour.changes_plans
    ):
        return
    lead_hours = (booking.window.start - world.clock.now()).total_seconds() / 3600 - 20
    if lead_hours > 1:
        after = timedelta(hours=world.case_rng("when", case).uniform(1, lead_hours))
        world.at(world.clock.now() + after, "move", case.id, None)


def _on_move(world: World, uow: UnitOfWork, case_id: str, _arg: None) -> None:
    case = uow.cases.get(case_id)
    booking = uow.bookings.active_for_case(case_id)
    if case is None or booking is None or case.state not in BOOKED:
        return
    shown = [(w, eco) for w, eco in offers_shown(world, uow, case) if w != booking.window]
    window = choose_window(
        world.behaviour(case.customer_id),
        world.households[case.customer_id].key,
        shown,
        world.policy.steered,
        world.case_rng("move", case),
    )
    if window is not None:
        moved = book_window(uow, world.ctx, case.id, window.start, Channel.WEB)
        world.log_of(case).chosen.add(moved.window.start)


def _on_letter_read(world: World, uow: UnitOfWork, case_id: str, _arg: None) -> None:
    """The letter names a half day: can someone be home? If not, some call to move it."""
    case = uow.cases.get(case_id)
    booking = uow.bookings.active_for_case(case_id)
    if case is None or booking is None or case.state not in BOOKED:
        return
    log = world.log_of(case)
    start = booking.window.start
    if start in log.chosen or start in log.letters_read:
        return
    log.letters_read.add(start)
    behaviour = world.behaviour(case.customer_id)
    if is_home(
        behaviour, booking.window, False, world.households[case.customer_id].key, log.visits
    ):
        return
    if world.case_rng("calls", case, start.isoformat()).random() >= behaviour.calls_when_away:
        return  # nobody will be home, and nobody tells us
    world.call(uow, case, "called to move the half day")
    today = local_date(world.clock.now())
    first = max(today + timedelta(days=2), booking.day + timedelta(days=1))
    moved = assign_half_day(
        uow, world.ctx, case.id, first, behaviour.preferred_hours[0] < 12, Channel.PHONE
    )
    log.chosen.add(moved.window.start)


def _on_survey(world: World, uow: UnitOfWork, case_id: str, _arg: None) -> None:
    case = uow.cases.get(case_id)
    if case is None or uow.surveys.for_case(case_id) is not None:
        return
    log = world.log_of(case)
    lived = experience(world, case, log)
    answer_survey(
        uow,
        world.clock,
        case.id,
        nps_proxy(world.behaviour(case.customer_id), lived, world.case_rng("nps", case)),
        effort_proxy(lived, log.contacts),
    )


def experience(world: World, case: ServiceCase, log: CaseLog) -> Experience:
    now = world.clock.now()
    resolved = next((t.at for t in case.history if t.action is CaseAction.RESOLVE), now)
    device = world.by_device.get(case.device_id or "")
    downtime = 0.0
    if device is not None and device.failed_at is not None:
        end = device.repaired_at or now
        downtime = max(0.0, (end - device.failed_at).total_seconds() / 86_400)
    return Experience(
        no_access=sum(1 for t in case.history if t.action is CaseAction.REPORT_NO_SHOW),
        company_moves=log.company_moves,
        days_to_visit=(resolved - case.opened_at).total_seconds() / 86_400,
        downtime_days=downtime,
        chose_window=bool(log.chosen),
    )


HANDLERS: dict[str, Callable[..., None]] = {
    "book": _on_book,
    "move": _on_move,
    "letter_read": _on_letter_read,
    "survey": _on_survey,
}
