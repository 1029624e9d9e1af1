"""The journey as configuration: which touchpoints exist, in which phase, on which channels.

Events from other systems are held to it, so a typo in a touchpoint name is refused with a
reason instead of opening a phantom step in every funnel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from klantreis.core.common import Channel, Language
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.journey import Phase


@dataclass(frozen=True, slots=True)
class TouchpointSpec:
    name: str
    phase: Phase
    channels: frozenset[Channel]  # empty: any channel
    # What people read instead of the key ("Afspraak gemaakt" for case_book); may be empty.
    titles: Mapping[Language, str] = field(default_factory=dict)


@dataclass(frozen=True)
class JourneyCatalog:
    touchpoints: Mapping[str, TouchpointSpec]

    def title(self, touchpoint: str, language: Language) -> str:
        """The touchpoint as people read it; a key without a title reads as words."""
        spec = self.touchpoints.get(touchpoint)
        given = spec.titles.get(language) if spec else None
        return given or touchpoint.replace("_", " ")

    def check(self, touchpoint: str, phase: Phase, channel: Channel) -> None:
        """Raise ``InvalidValue`` naming the field that does not fit the journey."""
        spec = self.touchpoints.get(touchpoint)
        if spec is None:
            raise InvalidValue("touchpoint", f"'{touchpoint}' is not a touchpoint of the journey")
        if phase is not spec.phase:
            raise InvalidValue(
                "phase",
                f"'{touchpoint}' belongs to phase '{spec.phase.value}', not '{phase.value}'",
            )
        if spec.channels and channel not in spec.channels:
            allowed = ", ".join(sorted(c.value for c in spec.channels))
            raise InvalidValue(
                "channel", f"'{touchpoint}' happens on {allowed}, not '{channel.value}'"
            )
