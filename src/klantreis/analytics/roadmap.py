"""The improvement roadmap: initiatives with their value and effort, each tied to the pain
points it addresses, placed in the value/effort matrix."""

from __future__ import annotations

from dataclasses import dataclass

from klantreis.core.domain_errors import InvalidValue


@dataclass(frozen=True, slots=True)
class Initiative:
    name: str
    value: int  # 1..10: what it is worth to customers and the business
    effort: int  # 1..10: what it costs to build and run
    pain_points: tuple[str, ...]  # keys of the pain points it addresses
    owner: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValue("name", "must not be empty")
        for field in ("value", "effort"):
            if not 1 <= getattr(self, field) <= 10:
                raise InvalidValue(field, f"{getattr(self, field)} is outside 1..10")

    @property
    def quadrant(self) -> str:
        high_value, low_effort = self.value > 5, self.effort <= 5
        return {
            (True, True): "quick win",
            (True, False): "big bet",
            (False, True): "fill-in",
            (False, False): "money pit",
        }[(high_value, low_effort)]
