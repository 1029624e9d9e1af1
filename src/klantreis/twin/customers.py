"""The twin's customers: they read what the outbox delivered, book and move visits through
the slot engine, read the letter's half day, and answer surveys."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.app.ports import AppUnit
from klantreis.core.case import CaseAction, CaseState, ServiceCase
from klantreis.core.common import Channel
from klantreis.core.errors import Unprocessable
from klantreis.core.time_window import TimeWindow
from klantreis.feedback.service import answer_survey
from klantreis.messaging.outbox import OutboxMessage
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.scheduling.assignment import assign_half_day
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.booking_service import WindowTaken, book_whole_day, book_window
from klantreis.scheduling.days import ZONE
from klantreis.scheduling.flexible import book_windows
from klantreis.scheduling.offers import offer_windows
from klantreis.scheduling.slots import Offer
from klantreis.twin.behaviour import (
    Experience,
    answer_delay_hours,
    choose_window,
    effort_proxy,
    free_all_day,
    is_free,
    is_home,
    nps_proxy,
)
from klantreis.twin.clock import local_date
from klantreis.twin.config import BREAKDOWNS, Policy
from klantreis.twin.events import Book, Event, LetterRead, Move, Survey
from klantreis.twin.ledger import CaseLog
from klantreis.twin.world import Handler, World

POST_DAYS = 2  # a letter is read two days after it is sent
RETRY_AFTER = timedelta(days=2)  # no window suits them: they look again two days later
GIVES_UP_AFTER = 3  # ... and after this many looks they take the first window shown
WINDOW_TAKEN_RETRIES = 3  # a window taken meanwhile: they pick again at once
WAITING = (CaseState.OPENED, CaseState.INVITED, CaseState.NO_SHOW)
BOOKED = (CaseState.BOOKED, CaseState.PLANNED)


def read(world: World, uow: AppUnit, message: OutboxMessage) -> None:
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
            later(world, case, Book(case.id, Channel.WEB), lag)
    elif message.touchpoint is Touchpoint.SURVEY:
        if world.case_rng("survey", case).random() < behaviour.answers_survey:
            later(world, case, Survey(case.id), lag)
    elif world.policy is Policy.LETTER and message.touchpoint in (
        Touchpoint.CONFIRMATION,
        Touchpoint.RESCHEDULED,
    ):
        later(world, case, LetterRead(case.id), lag)


def later(world: World, case: ServiceCase, event: Event, lag: timedelta = timedelta()) -> None:
    """The customer acts on it after their persona's delay (sooner for a breakdown)."""
    log = world.log_of(case)
    hours = answer_delay_hours(
        world.behaviour(case.customer_id),
        case.origin in BREAKDOWNS,
        world.case_rng(event.name, case, log.visits, log.tries),
    )
    world.at(world.clock.now() + lag + timedelta(hours=max(0.25, hours)), event)


def _on_book(world: World, uow: AppUnit, event: Book) -> None:
    case_id, channel = event.case_id, event.channel
    case = uow.cases.get(case_id)
    if case is not None and case.state in WAITING:
        customer_books(world, uow, case, channel)


def customer_books(
    world: World,
    uow: AppUnit,
    case: ServiceCase,
    channel: Channel,
    must_book: bool = False,
    not_before: datetime | None = None,
) -> None:
    """The customer picks a window from those offered (on the phone: ``must_book``)."""
    log = world.log_of(case)
    if not_before is None and _books_whole_day(world, uow, case, channel):
        return
    for _ in range(WINDOW_TAKEN_RETRIES):
        page = offers_shown(world, uow, case, not_before)
        shown = page.all_times
        rng = world.case_rng("choose", case, log.tries, log.visits)
        window = _choose_on_page(world, case, page, rng)
        if window is None and (must_book or log.tries >= GIVES_UP_AFTER) and shown:
            window = shown[0][0]  # on the phone, or after looking for days: they make it work
        if window is None:
            log.tries += 1
            if shown or not must_book:
                world.at(world.clock.now() + RETRY_AFTER, Book(case.id, channel))
            return
        ticks = [window.start, *_also_suits(world, case, page, window)]
        try:
            booking = book_windows(uow, world.ctx, case.id, ticks, channel)
        except WindowTaken:
            continue
        log.chosen.update(booking.ticked or (booking.window.start,))
        _maybe_change_plans(world, case, booking)
        return


@dataclass(frozen=True, slots=True)
class PageShown:
    """What the booking page shows, each window with whether it is marked efficient: the
    short list first (steered policies), and every window behind "show all times"."""

    recommended: list[tuple[TimeWindow, bool]]
    all_times: list[tuple[TimeWindow, bool]]


def _books_whole_day(world: World, uow: AppUnit, case: ServiceCase, channel: Channel) -> bool:
    """Steered: some customers say the whole day suits them, on the first day shown (the
    short list's days first) that their own calendar leaves wholly free."""
    behaviour = world.behaviour(case.customer_id)
    log = world.log_of(case)
    draw = world.case_rng("whole_day", case, log.tries, log.visits).random()
    if not world.policy.steered or draw >= behaviour.whole_day:
        return False
    page = offers_shown(world, uow, case)
    key = world.households[case.customer_id].key
    grid = world.ctx.settings.grid
    days = dict.fromkeys(local_date(w.start) for w, _ in page.recommended + page.all_times)
    for day in days:
        if free_all_day(key, grid.windows(day, ZONE), behaviour.busy):
            try:
                booking = book_whole_day(uow, world.ctx, case.id, day, channel)
            except (WindowTaken, Unprocessable):
                continue
            log.chosen.add(booking.window.start)
            _maybe_change_plans(world, case, booking)
            return True
    return False


def offers_shown(
    world: World, uow: AppUnit, case: ServiceCase, not_before: datetime | None = None
) -> PageShown:
    """The windows on the booking page, in the order shown: the recommended list and then
    all times cheapest first when steered; all times in time order otherwise."""
    ctx = world.ctx
    offering = offer_windows(
        uow,
        case.id,
        world.clock.now(),
        ctx.travel,
        ctx.holidays,
        ctx.settings,
        world.plan_cache,
        world.areas,
    )

    def shown(offers: list[Offer]) -> list[tuple[TimeWindow, bool]]:
        return [
            (o.window, o.eco) for o in offers if not_before is None or o.window.start >= not_before
        ]

    if not world.policy.steered:
        return PageShown([], shown(sorted(offering.offers, key=lambda o: o.window.start)))
    return PageShown(shown(offering.recommended), shown(offering.offers))


def _choose_on_page(
    world: World,
    case: ServiceCase,
    page: PageShown,
    rng: random.Random,
    but: TimeWindow | None = None,
) -> TimeWindow | None:
    """The customer reads the short list first and opens all times only when nothing in it
    suits them; either way they choose with their persona's behaviour."""
    behaviour = world.behaviour(case.customer_id)
    key = world.households[case.customer_id].key
    for listed in (page.recommended, page.all_times):
        offered = [(w, eco) for w, eco in listed if w != but]
        window = choose_window(behaviour, key, offered, world.policy.steered, rng)
        if window is not None:
            return window
    return None


def _also_suits(
    world: World, case: ServiceCase, page: PageShown, picked: TimeWindow
) -> list[datetime]:
    """Steered: some customers tick, besides the window they picked, every other window on
    the page that their calendar leaves free, in the short list and on the day they picked."""
    behaviour = world.behaviour(case.customer_id)
    log = world.log_of(case)
    draw = world.case_rng("ticks", case, log.tries, log.visits).random()
    if not world.policy.steered or draw >= behaviour.ticks_all_that_suit:
        return []
    key = world.households[case.customer_id].key
    day = local_date(picked.start)
    listed = [w for w, _ in page.recommended]
    listed += [w for w, _ in page.all_times if local_date(w.start) == day]
    return sorted({w.start for w in listed if w != picked and is_free(key, w, behaviour.busy)})


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
        world.at(world.clock.now() + after, Move(case.id))


def _on_move(world: World, uow: AppUnit, event: Move) -> None:
    case_id = event.case_id
    case = uow.cases.get(case_id)
    booking = uow.bookings.active_for_case(case_id)
    if case is None or booking is None or case.state not in BOOKED:
        return
    page = offers_shown(world, uow, case)
    window = _choose_on_page(world, case, page, world.case_rng("move", case), but=booking.window)
    if window is not None:
        moved = book_window(uow, world.ctx, case.id, window.start, Channel.WEB)
        world.log_of(case).chosen.add(moved.window.start)


def _on_letter_read(world: World, uow: AppUnit, event: LetterRead) -> None:
    case_id = event.case_id
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


def _on_survey(world: World, uow: AppUnit, event: Survey) -> None:
    case_id = event.case_id
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


HANDLERS: dict[type[Event], Handler] = {
    Book: _on_book,
    Move: _on_move,
    LetterRead: _on_letter_read,
    Survey: _on_survey,
}
