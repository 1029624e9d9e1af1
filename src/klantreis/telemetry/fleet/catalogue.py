"""Reading the appliance catalogue (TOML), checked whole: an entry that does not add up stops
the start with its place in the file named, rather than a reading refused or a case
misdiagnosed later."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from klantreis.core.device import DeviceKind
from klantreis.telemetry.appliance_kinds import (
    ApplianceKind,
    Catalogue,
    Cause,
    Difference,
    Sensor,
    SignalRule,
    Statistic,
    Urgency,
)

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,11}$")
# A reading's own fields: a sensor of that name could never be sent.
RESERVED = frozenset({"serial", "at", "fault_code"})
Name = Annotated[str, Field(pattern=_NAME.pattern)]


class CatalogueError(ValueError):
    """The catalogue cannot be used; the message names the entry and the reason."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Cause(_Strict):
    description: Annotated[str, Field(min_length=1)]
    mode: Name
    urgency: Urgency
    skill: Name
    minutes: Annotated[int, Field(ge=5, le=480)]
    parts: list[str] = []


class _Sensor(_Strict):
    name: Name
    unit: Annotated[str, Field(min_length=1)]
    low: float
    high: float
    every_minutes: Annotated[int, Field(ge=1, le=10_080)]
    whole: bool = False
    counter: bool = False

    @model_validator(mode="after")
    def _range(self) -> _Sensor:
        if not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must lie below high ({self.high:g})")
        return self


class _Difference(_Strict):
    name: Name
    minuend: Name
    subtrahend: Name


class _Signal(_Strict):
    cause: Name
    signal: Name
    statistic: Statistic
    note: Annotated[str, Field(min_length=1)]
    at_least: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _one_line(self) -> _Signal:
        if (self.at_least is None) == (self.below is None):
            raise ValueError("give exactly one of at_least and below")
        try:
            self.note.format(value=1.0)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(f"note: '{self.note}' needs {{value}} and no other field") from error
        return self


class _Kind(_Strict):
    skill: Name
    modes: Annotated[list[Name], Field(min_length=1)]
    inspection: Name
    sensors: Annotated[list[_Sensor], Field(min_length=1)]
    differences: list[_Difference] = []
    signals: list[_Signal] = []
    mode_causes: dict[str, Name] = {}
    codes: dict[str, dict[str, Name]] = {}


class _Document(_Strict):
    causes: Annotated[dict[Name, _Cause], Field(min_length=1)]
    kinds: Annotated[dict[DeviceKind, _Kind], Field(min_length=1)]


def _check_kind(kind: DeviceKind, entry: _Kind, causes: dict[str, _Cause]) -> None:
    """The references inside one kind: every name it uses is declared, once."""
    where = f"kinds.{kind.value}"
    names = [s.name for s in entry.sensors]
    signals = names + [d.name for d in entry.differences]
    if reserved := sorted(set(signals) & RESERVED):
        raise CatalogueError(f"{where}: '{reserved[0]}' is a reading's own field, not a sensor")
    if len(set(signals)) != len(signals):
        twice = sorted({n for n in signals if signals.count(n) > 1})
        raise CatalogueError(f"{where}: '{twice[0]}' is declared twice")
    if len(set(entry.modes)) != len(entry.modes) or "other" in entry.modes:
        raise CatalogueError(f"{where}.modes: each mode once, and not 'other' (that is no mode)")
    for difference in entry.differences:
        for part in (difference.minuend, difference.subtrahend):
            if part not in names:
                raise CatalogueError(f"{where}.differences '{difference.name}': no sensor '{part}'")

    def cause(key: str, at: str) -> _Cause:
        if key not in causes:
            raise CatalogueError(f"{where}.{at}: no cause '{key}' in [causes]")
        if causes[key].skill != entry.skill:  # the wrong technician would be sent
            raise CatalogueError(
                f"{where}.{at}: cause '{key}' needs skill '{causes[key].skill}', "
                f"the kind's technicians have '{entry.skill}'"
            )
        return causes[key]

    for rule in entry.signals:
        if rule.signal not in signals:
            raise CatalogueError(f"{where}.signals: no sensor or difference '{rule.signal}'")
        cause(rule.cause, "signals")
    for mode, key in entry.mode_causes.items():
        if mode not in entry.modes:
            raise CatalogueError(f"{where}.mode_causes: '{mode}' is not one of its modes")
        if cause(key, "mode_causes").mode != mode:
            raise CatalogueError(f"{where}.mode_causes.{mode}: cause '{key}' is of another mode")
    cause(entry.inspection, "inspection")
    for brand, codes in entry.codes.items():
        for code, key in codes.items():
            if not _CODE.match(code):
                raise CatalogueError(f"{where}.codes.{brand}: '{code}' is not a fault code")
            found = cause(key, f"codes.{brand}.{code}")
            if found.mode not in (*entry.modes, "other"):
                raise CatalogueError(
                    f"{where}.codes.{brand}.{code}: cause '{key}' has mode '{found.mode}', "
                    f"which the kind does not declare"
                )


def parse_catalogue(text: str, name: str) -> Catalogue:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{name}: not valid TOML: {error}") from None
    try:
        document = _Document.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(str(part) for part in first["loc"])
        raise CatalogueError(f"{name}: {place}: {first['msg']}") from None
    try:
        for kind, entry in document.kinds.items():
            _check_kind(kind, entry, document.causes)
    except CatalogueError as error:
        raise CatalogueError(f"{name}: {error}") from None
    causes = {
        key: Cause(key, c.description, c.mode, c.urgency, c.skill, c.minutes, tuple(c.parts))
        for key, c in document.causes.items()
    }
    kinds = {
        kind: ApplianceKind(
            kind=kind,
            skill=entry.skill,
            sensors=tuple(Sensor(**s.model_dump()) for s in entry.sensors),
            modes=tuple(entry.modes),
            inspection=entry.inspection,
            differences=tuple(Difference(**d.model_dump()) for d in entry.differences),
            signals=tuple(SignalRule(**r.model_dump()) for r in entry.signals),
            mode_causes=dict(entry.mode_causes),
            codes={brand.lower(): dict(codes) for brand, codes in entry.codes.items()},
        )
        for kind, entry in document.kinds.items()
    }
    return Catalogue(kinds, causes, name)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The firm's catalogue at ``path``, or the one that ships with Klantreis."""
    if path is None:
        return packaged_catalogue()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(f"{path}: cannot be read: {error}") from None
    return parse_catalogue(text, str(path))


@lru_cache(maxsize=1)
def packaged_catalogue() -> Catalogue:
    source = resources.files("klantreis.telemetry.fleet") / "data" / "appliances.toml"
    return parse_catalogue(source.read_text("utf-8"), "appliances.toml")
