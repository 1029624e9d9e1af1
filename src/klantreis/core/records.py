"""Input records: the validated shape of what integrators send (API bodies, CSV rows)."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from klantreis.core.case import CaseOrigin
from klantreis.core.common import Channel, Language, normalise_postcode
from klantreis.core.customer import Persona, Purpose, Salutation, SchoolRegion
from klantreis.core.device import DeviceKind
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.journey import Phase
from klantreis.core.technician import Shift

ExternalId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Skill = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")]
Text = Annotated[str, Field(max_length=160)]


def strip_nul(text: str) -> str:
    """The one text policy, for what PostgreSQL cannot store: what a customer writes (a
    form, a message) is kept with its NUL characters removed; what an integrator sends (any
    ``Record``) is refused when it holds one, so the sender can correct it."""
    return text.replace("\x00", "")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text; refuse it here rather than fail at commit.
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and "\x00" in t for t in texts):
            raise ValueError("must not contain NUL characters")
        return value


class ImportableRecord(Record):
    """A record that legacy systems also send as CSV, matched on its external id."""

    external_id: ExternalId | None = None


class ConsentRecord(Record):
    purpose: Purpose
    channel: Channel
    granted: bool = True


class QuietHoursRecord(Record):
    start: time = Field(description="Local time the quiet span starts, e.g. 21:00")
    end: time = Field(description="Local time it ends; before start means it crosses midnight")


class AbsenceRecord(Record):
    start: AwareDatetime
    end: AwareDatetime
    reason: Text = ""


# Fields a customer can also change on their own page: one definition for both.
Initials = Annotated[str, Field(max_length=16)]
FirstName = Annotated[str, Field(max_length=80)]
Tussenvoegsel = Annotated[str, Field(max_length=20)]
Surname = Annotated[str, Field(min_length=1, max_length=120)]
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _email(value: str) -> str:
    if value and not EMAIL.fullmatch(value):
        raise ValueError("is not an e-mail address (name@example.nl)")
    return value


EmailAddress = Annotated[str, Field(max_length=254), AfterValidator(_email)]
PhoneNumber = Annotated[str, Field(max_length=32, pattern=r"^$|^\+?[0-9 ()\-]{6,31}$")]


class CustomerRecord(ImportableRecord):
    salutation: Salutation = Salutation.NEUTRAL
    initials: Initials = ""
    first_name: FirstName = ""
    tussenvoegsel: Tussenvoegsel = ""
    surname: Surname
    organisation: Text = ""
    contact_role: Annotated[str, Field(max_length=80)] = ""
    language: Language = Language.NL
    persona: Persona = Persona.FAMILY
    school_region: SchoolRegion | None = Field(
        default=None, description="Derived from the postcode when left out"
    )
    email: EmailAddress = ""
    phone: PhoneNumber = ""
    timezone: Annotated[str, Field(max_length=64)] = "Europe/Amsterdam"
    street: Text
    house_number: Annotated[str, Field(min_length=1, max_length=16)]
    postcode: Annotated[str, Field(max_length=8, examples=["3511 AB"])]
    city: Annotated[str, Field(max_length=80)] = ""
    latitude: Annotated[float, Field(ge=50.0, le=54.0)] | None = None
    longitude: Annotated[float, Field(ge=3.0, le=7.5)] | None = None
    consents: list[ConsentRecord] = Field(default_factory=list, max_length=60)
    channel_preferences: list[Channel] = Field(default_factory=list, max_length=10)
    quiet_hours: QuietHoursRecord | None = None
    absences: list[AbsenceRecord] = Field(default_factory=list, max_length=50)

    @field_validator("postcode")
    @classmethod
    def _dutch_postcode(cls, value: str) -> str:
        try:
            return normalise_postcode(value)
        except InvalidValue as exc:
            raise ValueError(exc.message) from exc

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"'{value}' is not a known time zone") from exc
        return value


class ContractRecord(Record):
    reference: Annotated[str, Field(min_length=1, max_length=64)]
    start: date
    interval_months: Annotated[int, Field(ge=1, le=120)] = 12


class DeviceRecord(ImportableRecord):
    customer_id: Annotated[str, Field(min_length=1, max_length=64)]
    kind: DeviceKind
    model: Annotated[str, Field(min_length=1, max_length=80)]
    serial: Annotated[str, Field(min_length=1, max_length=64)]
    installed_on: date
    contract: ContractRecord | None = None


class TechnicianRecord(ImportableRecord):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    latitude: Annotated[float, Field(ge=50.0, le=54.0)]
    longitude: Annotated[float, Field(ge=3.0, le=7.5)]
    skills: list[Skill] = Field(default_factory=list, max_length=30)
    shifts: list[Annotated[str, Field(examples=["mon 08:00-17:00"])]] = Field(
        default_factory=list, max_length=7
    )
    active: bool = True

    @field_validator("shifts")
    @classmethod
    def _parse_shifts(cls, value: list[str]) -> list[str]:
        for text in value:
            try:
                Shift.parse(text)
            except InvalidValue as exc:
                raise ValueError(exc.message) from exc
        return value


class CaseRecord(Record):
    customer_id: Annotated[str, Field(min_length=1, max_length=64)]
    device_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    origin: CaseOrigin
    summary: Annotated[str, Field(max_length=2000)] = ""
    required_skills: list[Skill] = Field(default_factory=list, max_length=10)
    duration_minutes: Annotated[int, Field(ge=5, le=480)] = 60
    urgent: bool = False


class EventRecord(Record):
    customer_id: Annotated[str, Field(min_length=1, max_length=64)]
    case_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    phase: Phase
    touchpoint: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]
    channel: Channel
    occurred_at: AwareDatetime
    properties: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
