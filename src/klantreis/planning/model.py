"""Planning a technician day: what goes in, what comes out, and what cannot be planned.

Times are minutes since the day's origin (local midnight as a UTC instant); travel in minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from klantreis.core.common import GeoPoint


@dataclass(frozen=True, slots=True)
class Crew:
    """A technician working that day: leaves ``home`` at ``start``, back by ``end``.

    A day already under way continues ``resume_from`` (the customer the technician is still
    with) at ``start`` instead.
    """

    technician_id: str
    name: str
    home: GeoPoint
    start: float
    end: float
    skills: frozenset[str]
    resume_from: GeoPoint | None = None


@dataclass(frozen=True, slots=True)
class Visit:
    """A booked visit; service must start within ``[earliest, latest]`` (the promised window),
    or, until the cut-off, within one of ``alternatives``: other windows that day that the
    customer ticked as suiting them."""

    booking_id: str
    case_id: str
    label: str
    location: GeoPoint
    earliest: float
    latest: float
    service: float
    skills: frozenset[str]
    pinned_to: str | None = None  # started or pinned by the planner: stays with this technician
    alternatives: tuple[tuple[float, float], ...] = ()

    @property
    def windows(self) -> tuple[tuple[float, float], ...]:
        """The booked window first, then the others it may move to."""
        return ((self.earliest, self.latest), *self.alternatives)

    def within(self, window: tuple[float, float]) -> Visit:
        """The visit held to one of its windows."""
        if window not in self.windows:
            raise ValueError(f"{window} is not one of the visit's windows")
        return replace(self, earliest=window[0], latest=window[1], alternatives=())


class Unplannable(StrEnum):
    NO_SKILL = "no technician working that day has the skills"
    NO_SHIFT_REACHES = "no shift of a capable technician can reach the window"
    DID_NOT_FIT = "no room left in any capable technician's day"
    PINNED_UNAVAILABLE = "pinned to a technician who does not work that day or lacks the skills"
    NO_SHIFT = "has no shift that day"


@dataclass(frozen=True, slots=True)
class Problem:
    subject: str  # the visit's label or the technician's name
    reason: Unplannable
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PlannedVisit:
    """A visit the day plan placed: with whom, in which position, arriving when."""

    visit: Visit
    technician_id: str
    position: int
    arrival: float  # service start, minutes since the origin


@dataclass
class DayPlan:
    routes: dict[str, list[PlannedVisit]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def planned(self) -> int:
        return sum(len(r) for r in self.routes.values())


def capable(visit: Visit, crew: Sequence[Crew]) -> list[Crew]:
    return [
        c
        for c in crew
        if visit.skills <= c.skills
        and (visit.pinned_to is None or visit.pinned_to == c.technician_id)
    ]


def precheck(
    visits: Sequence[Visit], crew: Sequence[Crew], travel: Callable[[GeoPoint, GeoPoint], float]
) -> tuple[list[Visit], list[Problem]]:
    """Split off the visits no solver could place, each with its reason."""
    plannable, problems = [], []
    for visit in visits:
        able = capable(visit, crew)
        if not able and visit.pinned_to is not None:
            problems.append(Problem(visit.label, Unplannable.PINNED_UNAVAILABLE, visit.pinned_to))
            continue
        if not able:
            missing = ", ".join(sorted(visit.skills - set().union(*(c.skills for c in crew))))
            problems.append(Problem(visit.label, Unplannable.NO_SKILL, missing))
            continue
        reachable = [
            c
            for c in able
            for earliest, latest in visit.windows
            if c.start + travel(c.resume_from or c.home, visit.location) <= latest
            and max(c.start + travel(c.resume_from or c.home, visit.location), earliest)
            + visit.service
            + travel(visit.location, c.home)
            <= c.end
        ]
        if not reachable:
            problems.append(Problem(visit.label, Unplannable.NO_SHIFT_REACHES))
            continue
        plannable.append(visit)
    return plannable, problems
