"""What a twin run is: its size, its period, its seed, and the policy it runs under."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from klantreis.core.case import CaseOrigin
from klantreis.core.device import DeviceKind
from klantreis.core.domain_errors import InvalidValue
from klantreis.twin.ledger import CostRates


class Policy(StrEnum):
    LETTER = "letter"  # (a) the company picks a half day ten days ahead
    SELF_SCHEDULING = "self_scheduling"  # (b) the customer picks from every window
    STEERED = "steered"  # (c) efficient windows shown first and marked
    PREDICTIVE = "predictive"  # (d) steered, and the fleet model opens cases before failures

    @property
    def label(self) -> str:
        return {
            Policy.LETTER: "(a) letter",
            Policy.SELF_SCHEDULING: "(b) self-scheduling",
            Policy.STEERED: "(c) geo-steered",
            Policy.PREDICTIVE: "(d) steered + predictive",
        }[self]

    @property
    def customer_chooses(self) -> bool:
        return self is not Policy.LETTER

    @property
    def steered(self) -> bool:
        return self in (Policy.STEERED, Policy.PREDICTIVE)


LETTER_DAYS_AHEAD = 10
# Cases of a broken appliance: customers act on them sooner, and the letter arranges them by
# phone instead of ten days ahead.
BREAKDOWNS = frozenset({CaseOrigin.FAULT_REPORTED, CaseOrigin.CUSTOMER_REQUEST})
# Monday 12 October 2026: four weeks over the end of summer time (25 October) and the
# autumn school breaks.
DEFAULT_START = date(2026, 10, 12)


@dataclass(frozen=True, slots=True)
class TwinConfig:
    households: int = 3000
    # Staffed as a firm is: the letter reaches a technician's normal 5-6 visits a day, about
    # 1,300 visits a technician-year (docs/TWIN.md gives the figure and the run that shows it).
    technicians: int = 4
    weeks: int = 4
    seed: int = 7
    start: date = DEFAULT_START
    connected_share: float = 0.6  # appliances of the connected kinds that report telemetry
    connected_kinds: frozenset[DeviceKind] = frozenset({DeviceKind.BOILER})
    # Households live within this distance of the region's centre: 3,000 customers of a
    # four-technician firm live in and around one city, not spread over a province.
    region_km: float = 15.0
    region_pc4: str = "3511"  # Utrecht: the centre of the service region
    planner_iterations: int = 400  # per day: the search stops by count, so runs repeat
    run_out_weeks: int = 2  # the last weeks only finish cases; cases opened then are not measured
    # The first weeks run before ``start`` and are not measured, so that the measured weeks
    # begin with work in hand (letters sent, visits booked) as a running firm's do.
    warm_up_weeks: int = 2
    rates: CostRates = field(default_factory=CostRates)  # what the ledger prices work at

    def __post_init__(self) -> None:
        checks = (
            ("households", 50 <= self.households <= 50_000, "must be 50..50,000"),
            ("technicians", 1 <= self.technicians <= 200, "must be 1..200"),
            ("weeks", 3 <= self.weeks <= 26, "must be 3..26"),
            ("connected_share", 0.0 <= self.connected_share <= 1.0, "must be 0..1"),
            ("region_km", 5.0 <= self.region_km <= 400.0, "must be 5..400"),
            ("planner_iterations", 1 <= self.planner_iterations <= 100_000, "must be 1..100,000"),
            ("run_out_weeks", 0 <= self.run_out_weeks < self.weeks, "must be less than weeks"),
            ("warm_up_weeks", 0 <= self.warm_up_weeks <= 8, "must be 0..8"),
        )
        for name, ok, reason in checks:
            if not ok:
                raise InvalidValue(name, f"{getattr(self, name)} {reason}")

    @property
    def first_day(self) -> date:
        """The day the simulation begins: the warm-up before the measured ``start``."""
        return self.start - timedelta(weeks=self.warm_up_weeks)

    @property
    def end(self) -> date:
        return self.start + timedelta(weeks=self.weeks)

    @property
    def measured_until(self) -> date:
        """Cases opened before this day are measured; later ones only run out."""
        return self.end - timedelta(weeks=self.run_out_weeks)
