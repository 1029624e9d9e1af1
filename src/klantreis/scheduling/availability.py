"""Which days the planner opened or closed for booking, per region (postcode prefixes)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from klantreis.core.domain_errors import InvalidValue


class RuleKind(StrEnum):
    OPEN = "open"  # on this day, only these regions may book
    CLOSE = "close"  # on this day, these regions may not book


@dataclass(frozen=True, slots=True)
class DayRule:
    """A planner's rule for one day; no prefixes means the whole country."""

    id: str
    day: date
    kind: RuleKind
    postcode_prefixes: frozenset[str] = frozenset()
    note: str = ""

    def __post_init__(self) -> None:
        for prefix in self.postcode_prefixes:
            if not (prefix.isdigit() and 1 <= len(prefix) <= 4 and prefix[0] != "0"):
                raise InvalidValue("postcode_prefixes", f"'{prefix}' is not 1-4 postcode digits")

    def covers(self, pc4: str) -> bool:
        return not self.postcode_prefixes or any(pc4.startswith(p) for p in self.postcode_prefixes)


def is_bookable(pc4: str, rules: Iterable[DayRule]) -> bool:
    """A closing rule always wins; if the day has opening rules, one of them must cover pc4."""
    rules = list(rules)
    if any(r.kind is RuleKind.CLOSE and r.covers(pc4) for r in rules):
        return False
    openings = [r for r in rules if r.kind is RuleKind.OPEN]
    return not openings or any(r.covers(pc4) for r in openings)
