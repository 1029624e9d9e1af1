"""A planner opens or closes areas for a day: checked before it is stored."""

from __future__ import annotations

from datetime import timedelta

from klantreis.core.errors import NotFound, Unprocessable
from klantreis.core.ports import Clock, Gazetteer
from klantreis.scheduling.availability import DayRule
from klantreis.scheduling.days import ZONE
from klantreis.scheduling.ports import SchedulingUnit


def add_day_rule(uow: SchedulingUnit, clock: Clock, gazetteer: Gazetteer, rule: DayRule) -> DayRule:
    """Store ``rule``; a day in the past or an area no postcode lies in is refused by name,
    with nothing stored."""
    today = clock.now().astimezone(ZONE).date()
    if rule.day < today:
        raise Unprocessable(f"{rule.day} is in the past", field="day")
    unknown = sorted(p for p in rule.postcode_prefixes if not gazetteer.has_prefix(p))
    if unknown:
        raise Unprocessable(
            f"no postcode area starts with {', '.join(unknown)}", field="postcode_prefixes"
        )
    uow.day_rules.add(rule)
    return rule


def day_rules_ahead(uow: SchedulingUnit, clock: Clock) -> list[DayRule]:
    """The rules from yesterday to a year ahead: what a planner can still act on."""
    today = clock.now().astimezone(ZONE).date()
    return list(uow.day_rules.between(today - timedelta(days=1), today + timedelta(days=366)))


def remove_day_rule(uow: SchedulingUnit, rule_id: str) -> None:
    if not uow.day_rules.remove(rule_id):
        raise NotFound(f"day rule '{rule_id}' does not exist")
