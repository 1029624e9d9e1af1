"""How the twin's customers behave, per persona: pure rules and the parameters behind them.

Every number here is an assumption of the model; docs/TWIN.md gives each one's reasoning or
source. Randomness comes in as a ``random.Random`` so that a seed repeats a run exactly.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from klantreis.core.customer import Persona
from klantreis.core.time_window import TimeWindow

ZONE = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True, slots=True)
class Behaviour:
    answer_median_hours: float  # from a delivered invitation to acting on it (log-normal)
    never_answers: float  # share who do not act on an invitation until called
    home_morning: float  # P(someone is home on a weekday morning nobody chose)
    home_afternoon: float  # ... afternoon
    busy: float  # share of 2-hour windows their own calendar blocks
    preferred_hours: tuple[int, ...]  # local start hours they like best
    calls_when_away: float  # letter: share who call to move a half day they cannot make
    takes_suggestion: float  # steered: share who take a suggested efficient window that suits
    changes_plans: float  # share who move a booked visit once, later
    forgets: float  # a window they chose themselves, and still nobody opens the door
    answers_survey: float
    nps_base: float  # what a smooth visit scores, 0..10
    # Steered: offered "the whole day suits me", the share who take it on a day their own
    # calendar leaves wholly free (fixed with the offer, before the first run that has it).
    whole_day: float = 0.0
    # Steered: asked to "tick every moment that suits you", the share who tick, besides the
    # window they pick, every other window shown that their calendar leaves free, in the
    # short list and on the day they picked (an assumption, fixed before the first run that
    # has it; no survey of Dutch households measures it).
    ticks_all_that_suit: float = 0.0


BEHAVIOUR: dict[Persona, Behaviour] = {
    Persona.FAMILY: Behaviour(
        answer_median_hours=14,
        never_answers=0.10,
        home_morning=0.40,
        home_afternoon=0.50,
        busy=0.45,
        preferred_hours=(8, 16),
        calls_when_away=0.45,
        takes_suggestion=0.55,
        changes_plans=0.10,
        forgets=0.04,
        answers_survey=0.30,
        nps_base=8.3,
        whole_day=0.05,
        ticks_all_that_suit=0.30,
    ),
    Persona.SINGLE_SENIOR: Behaviour(
        answer_median_hours=30,
        never_answers=0.20,
        home_morning=0.80,
        home_afternoon=0.75,
        busy=0.15,
        preferred_hours=(10, 12),
        calls_when_away=0.70,
        takes_suggestion=0.75,
        changes_plans=0.05,
        forgets=0.03,
        answers_survey=0.40,
        nps_base=8.8,
        whole_day=0.35,
        ticks_all_that_suit=0.45,
    ),
    Persona.BUSINESS: Behaviour(
        answer_median_hours=6,
        never_answers=0.08,
        home_morning=0.85,
        home_afternoon=0.80,
        busy=0.35,
        preferred_hours=(8, 10),
        calls_when_away=0.65,
        takes_suggestion=0.45,
        changes_plans=0.12,
        forgets=0.02,
        answers_survey=0.20,
        nps_base=7.8,
        whole_day=0.20,
        ticks_all_that_suit=0.20,
    ),
    Persona.INSTITUTION: Behaviour(
        answer_median_hours=20,
        never_answers=0.12,
        home_morning=0.95,
        home_afternoon=0.90,
        busy=0.25,
        preferred_hours=(8, 10, 12),
        calls_when_away=0.60,
        takes_suggestion=0.65,
        changes_plans=0.06,
        forgets=0.01,
        answers_survey=0.25,
        nps_base=7.9,
        whole_day=0.30,
        ticks_all_that_suit=0.40,
    ),
}
# A broken appliance makes people act sooner than a maintenance invitation does.
URGENT_ANSWER_FACTOR = 0.2
FIRST_TIME_FIX = 0.85  # the rest need parts or a second visit
PARTS_DAYS = 3  # a second visit needs parts, which take this long
SPOTS_WEAR_AT_SERVICE = 0.5  # a maintenance visit on a wearing device finds the wear


def answer_delay_hours(behaviour: Behaviour, urgent: bool, rng: random.Random) -> float:
    """Hours from a delivered invitation until the customer acts (log-normal, sigma 1)."""
    median = behaviour.answer_median_hours * (URGENT_ANSWER_FACTOR if urgent else 1.0)
    return median * math.exp(rng.gauss(0.0, 1.0))


def is_free(household_key: str, window: TimeWindow, busy: float) -> bool:
    """Whether the household's own calendar leaves ``window`` free; fixed per household and
    window, so asking twice gives the same answer."""
    draw = random.Random(f"{household_key}|{window.start.isoformat()}").random()
    return draw >= busy


def is_home(
    behaviour: Behaviour, window: TimeWindow, chosen: bool, household_key: str, attempt: int
) -> bool:
    """Whether someone opens the door: likely in a window they chose, less in one they were
    given (by the part of the day it falls in)."""
    draw = random.Random(f"{household_key}|home|{window.start.isoformat()}|{attempt}").random()
    if chosen:
        return draw >= behaviour.forgets
    morning = window.start.astimezone(ZONE).hour < 12
    return draw < (behaviour.home_morning if morning else behaviour.home_afternoon)


def free_all_day(household_key: str, windows: list[TimeWindow], busy: float) -> bool:
    """Whether the household's own calendar leaves every window of a day free."""
    return bool(windows) and all(is_free(household_key, w, busy) for w in windows)


def preference_rank(behaviour: Behaviour, window: TimeWindow, first_day_ordinal: int) -> float:
    """Lower is better: sooner days, and the household's favourite hours of the day."""
    local = window.start.astimezone(ZONE)
    days_out = local.date().toordinal() - first_day_ordinal
    favourite = 0 if local.hour in behaviour.preferred_hours else 1
    return days_out * 0.5 + favourite * 2.0


def choose_window(
    behaviour: Behaviour,
    household_key: str,
    offers: list[tuple[TimeWindow, bool]],
    steered: bool,
    rng: random.Random,
    not_before: datetime | None = None,
) -> TimeWindow | None:
    """The window the customer picks from ``offers`` (window, marked efficient), in the order
    shown; None when no offered window is free in their calendar.

    Steered: the efficient windows are shown first and marked, and a share of customers take
    the first marked one that suits them. Otherwise each picks by their own preference.
    """
    free = [
        (w, eco)
        for w, eco in offers
        if is_free(household_key, w, behaviour.busy)
        and (not_before is None or w.start >= not_before)
    ]
    if not free:
        return None
    if steered and rng.random() < behaviour.takes_suggestion:
        marked = [w for w, eco in free if eco]
        if marked:
            return marked[0]
    first = min(w.start.astimezone(ZONE).date().toordinal() for w, _ in free)
    return min((w for w, _ in free), key=lambda w: (preference_rank(behaviour, w, first), w.start))


@dataclass(frozen=True, slots=True)
class Experience:
    """What one case was like for its customer, as the NPS proxy sees it."""

    no_access: int
    company_moves: int  # visits the company assigned or moved without asking
    days_to_visit: float
    downtime_days: float
    chose_window: bool


def nps_proxy(behaviour: Behaviour, experience: Experience, rng: random.Random) -> int:
    """A 0..10 answer: the persona's base for a smooth visit, less what went wrong."""
    score = behaviour.nps_base
    score -= 1.5 * experience.no_access
    score -= 0.7 * experience.company_moves
    score -= 0.1 * max(0.0, experience.days_to_visit - 7)
    score -= 0.4 * experience.downtime_days
    score += 0.4 if experience.chose_window else 0.0
    score += rng.gauss(0.0, 1.2)
    return max(0, min(10, round(score)))


def effort_proxy(experience: Experience, contacts: int) -> int:
    """A 1..7 ease score: every call, move and missed visit makes it harder."""
    return max(1, min(7, 7 - contacts - experience.no_access - experience.company_moves))
