"""The twin's world: its clock, its calendar of events, and what it remembers.

Everything the company does goes through a service (``company.py``): telemetry is ingested
and diagnosed, maintenance and the fleet model open cases, the outbox sends messages (to the
twin's postbox, which is where customers read them), the planner plans each day, technicians
close visits. Customers (``customers.py``) book through the slot engine and answer surveys.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from klantreis.app.ports import AppUnit
from klantreis.core.case import ServiceCase
from klantreis.core.common import Channel
from klantreis.core.domain_errors import IllegalTransition
from klantreis.core.errors import ServiceError
from klantreis.core.journey import JourneyTouchpoint, Phase
from klantreis.core.journey_log import append_events
from klantreis.core.records import EventRecord
from klantreis.messaging.outbox import OutboxMessage, Outcome, SendResult
from klantreis.planning.ports import DaySolver
from klantreis.scheduling.area_days import AreaCalendar
from klantreis.scheduling.booking_service import BookingContext
from klantreis.scheduling.plan_cache import PlanCache
from klantreis.telemetry.appliance_kinds import Catalogue
from klantreis.telemetry.ports import ModelCodec
from klantreis.twin.behaviour import BEHAVIOUR, Behaviour
from klantreis.twin.clock import SimulatedClock, at_local, local_date
from klantreis.twin.config import Policy, TwinConfig
from klantreis.twin.events import (
    Deliver,
    Event,
    Missed,
    OpenAndChase,
    Plan,
    Scan,
    Settle,
    Telemetry,
)
from klantreis.twin.fleet import TwinDevice
from klantreis.twin.ledger import CaseLog, DayFigures
from klantreis.twin.setup import Household

DELIVERY_HOURS = (7, 9, 11, 13, 15, 17, 19, 21)
# What one kind of event does to the world, in the unit of work it runs in.
Handler = Callable[["World", AppUnit, Any], None]


class Postbox:
    """The customers' side of every channel: what the outbox delivers lands here."""

    def __init__(self) -> None:
        self.delivered: list[OutboxMessage] = []

    def send(self, message: OutboxMessage) -> SendResult:
        self.delivered.append(message)
        return SendResult(Outcome.DELIVERED, provider_id=f"twin-{message.id}")


@dataclass(slots=True)
class World:
    config: TwinConfig
    policy: Policy
    clock: SimulatedClock
    uow_factory: Callable[..., AppUnit]
    ctx: BookingContext
    solver: DaySolver
    codec: ModelCodec | None
    catalogue: Catalogue
    households: dict[str, Household]
    devices: list[TwinDevice]
    handlers: Mapping[type[Event], Handler]  # klantreis.twin.bus: one per kind of event
    areas: AreaCalendar | None = None  # steered policies rank the customer's area days first
    # The booking page's own cache of the technicians' days: offers equal those read fresh.
    plan_cache: PlanCache = field(default_factory=PlanCache)
    postbox: Postbox = field(default_factory=Postbox)
    cases: dict[str, CaseLog] = field(default_factory=dict)
    days: list[DayFigures] = field(default_factory=list)
    refusals: dict[str, int] = field(default_factory=dict)
    telemetry_since: datetime | None = None
    by_device: dict[str, TwinDevice] = field(init=False)
    _queue: list[tuple[datetime, int, Event]] = field(default_factory=list)
    _order: itertools.count[int] = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.by_device = {d.device_id: d for d in self.devices}

    def run(self, progress: Callable[[], None] | None = None) -> None:
        day = self.config.first_day
        self.telemetry_since = at_local(day, time(0)) - timedelta(days=1)
        while day < self.config.end:
            self._schedule_day(day)
            self._run_until(at_local(day + timedelta(days=1), time(0)))
            if progress:
                progress()
            day += timedelta(days=1)

    def _schedule_day(self, day: date) -> None:
        self.at(at_local(day, time(5, 30)), Telemetry())
        if self.policy is Policy.PREDICTIVE:  # the daily risk scan, as the product runs it
            self.at(at_local(day, time(5, 45)), Scan())
        self.at(at_local(day, time(6)), OpenAndChase())
        self.at(at_local(day, time(6, 30)), Plan(day))
        if self.policy.steered:  # before the cut-off, flexible visits settle in their ticks
            self.at(at_local(day, time(17, 30)), Settle(day + timedelta(days=2)))
        for hour in DELIVERY_HOURS:
            self.at(at_local(day, time(hour)), Deliver())
        self.at(at_local(day, time(22)), Missed(day))

    def at(self, moment: datetime, event: Event) -> None:
        """Put ``event`` in the calendar; events at one moment run in the order given."""
        heapq.heappush(self._queue, (moment, next(self._order), event))

    def _run_until(self, end: datetime) -> None:
        """Each event in its own unit of work; what a service refuses is rolled back and
        counted, and the case waits for its next turn."""
        while self._queue and self._queue[0][0] < end:
            moment, _, event = heapq.heappop(self._queue)
            self.clock.move_to(moment)
            with self.uow_factory() as uow:
                try:
                    self.handlers[type(event)](self, uow, event)
                except (ServiceError, IllegalTransition) as refused:
                    uow.rollback()
                    key = f"{event.name}: {type(refused).__name__}"
                    self.refusals[key] = self.refusals.get(key, 0) + 1
                    continue
                uow.commit()

    def log_of(self, case: ServiceCase) -> CaseLog:
        return self.cases.setdefault(case.id, CaseLog())

    def behaviour(self, customer_id: str) -> Behaviour:
        return BEHAVIOUR[self.households[customer_id].persona]

    def call(self, uow: AppUnit, case: ServiceCase, what: str) -> None:
        """A phone call about the case, either way: counted, and in the journey log."""
        self.log_of(case).contacts += 1
        append_events(
            uow,
            [
                EventRecord(
                    customer_id=case.customer_id,
                    case_id=case.id,
                    phase=Phase.INFORMATION,
                    touchpoint=JourneyTouchpoint.CALLCENTER_CALL,
                    channel=Channel.PHONE,
                    occurred_at=self.clock.now(),
                    properties={"about": what},
                )
            ],
        )

    def case_rng(self, what: str, case: ServiceCase, *parts: object) -> random.Random:
        """A draw about a case, keyed by what the case is rather than by its id (ids follow
        the order of events, which differs between policies): the same case draws the same
        under every policy."""
        household = self.households[case.customer_id].key
        opened = local_date(case.opened_at).isoformat()
        return self.rng(what, household, case.device_id, case.origin.value, opened, *parts)

    def rng(self, *parts: object) -> random.Random:
        """A draw fixed by the seed and what it is about: the same under every policy, so
        policies differ only where their choices differ."""
        return random.Random("|".join(str(p) for p in (self.config.seed, *parts)))
