"""The customer: who they are, how they want to be addressed and reached."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum

from klantreis.core.common import Channel, GeoPoint, Language, normalise_postcode, to_utc
from klantreis.core.domain_errors import InvalidValue


class Salutation(StrEnum):
    """How the customer asked to be addressed."""

    HEER = "heer"  # "Geachte heer Jansen"
    MEVROUW = "mevrouw"  # "Geachte mevrouw Jansen"
    NEUTRAL = "neutral"  # "Beste A. Jansen": no gender assumed
    FIRST_NAME = "first_name"  # "Beste Anna"


class Persona(StrEnum):
    SINGLE_SENIOR = "single_senior"
    FAMILY = "family"
    BUSINESS = "business"
    INSTITUTION = "institution"


class SchoolRegion(StrEnum):
    """The three Dutch school-holiday regions."""

    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"


class Purpose(StrEnum):
    """What a message is for; consent is given per purpose and channel."""

    SERVICE = "service"  # invitations, confirmations, reminders about a case
    MARKETING = "marketing"
    SURVEY = "survey"


# A customer's own words that we write on envelopes, in mail headers and on pages.
WRITTEN_FIELDS = (
    "surname",
    "first_name",
    "initials",
    "tussenvoegsel",
    "organisation",
    "contact_role",
    "email",
    "phone",
)
MAX_WRITTEN_LENGTH = 300


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    house_number: str
    postcode: str
    city: str
    location: GeoPoint | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "postcode", normalise_postcode(self.postcode))
        if not self.house_number.strip():
            raise InvalidValue("house_number", "must not be empty")

    @property
    def pc4(self) -> str:
        return self.postcode[:4]


@dataclass(frozen=True, slots=True)
class Consent:
    purpose: Purpose
    channel: Channel
    granted: bool


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily span in the customer's local time when nothing may reach them.

    ``start`` after ``end`` means the span crosses midnight (22:00-08:00).
    """

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise InvalidValue("quiet_hours", "start and end must differ")

    def contains(self, local: time) -> bool:
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


@dataclass(frozen=True, slots=True)
class Absence:
    """A period (UTC, end exclusive) in which the customer is away."""

    start: datetime
    end: datetime
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", to_utc("absence.start", self.start))
        object.__setattr__(self, "end", to_utc("absence.end", self.end))
        if self.end <= self.start:
            raise InvalidValue("absence", "must end after it starts")

    def covers(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(slots=True)
class Customer:
    """A household, business or institution that owns appliances we service."""

    id: str
    surname: str
    address: Address
    external_id: str | None = None
    salutation: Salutation = Salutation.NEUTRAL
    initials: str = ""
    first_name: str = ""
    tussenvoegsel: str = ""
    organisation: str = ""
    contact_role: str = ""
    language: Language = Language.NL
    persona: Persona = Persona.FAMILY
    school_region: SchoolRegion = SchoolRegion.MIDDEN
    email: str = ""
    phone: str = ""
    timezone: str = "Europe/Amsterdam"
    consents: list[Consent] = field(default_factory=list)
    channel_preferences: list[Channel] = field(default_factory=list)
    quiet_hours: QuietHours | None = None
    absences: list[Absence] = field(default_factory=list)
    # Standing permission: when a case opens, book the best window their linked calendar and
    # absences leave free, and tell them (one tap moves or cancels it).
    books_for_me: bool = False

    def __post_init__(self) -> None:
        for name in WRITTEN_FIELDS:  # they end up in mail headers, letters and pages
            value = getattr(self, name)
            if len(value) > MAX_WRITTEN_LENGTH:
                raise InvalidValue(name, f"is longer than {MAX_WRITTEN_LENGTH} characters")
            if any(ord(c) < 32 or ord(c) == 127 for c in value):
                raise InvalidValue(name, "must not contain line breaks or control characters")
        if not self.surname.strip():
            raise InvalidValue("surname", "must not be empty")
        if self.salutation is Salutation.FIRST_NAME and not self.first_name.strip():
            raise InvalidValue("first_name", "is required when addressed by first name")
        if self.persona in (Persona.BUSINESS, Persona.INSTITUTION) and not self.organisation:
            raise InvalidValue("organisation", f"is required for persona '{self.persona}'")
        if len(set(self.channel_preferences)) != len(self.channel_preferences):
            raise InvalidValue("channel_preferences", "lists a channel twice")
        if self.email and "@" not in self.email:
            raise InvalidValue("email", f"'{self.email}' is not an e-mail address")

    def has_consent(self, purpose: Purpose, channel: Channel) -> bool:
        """Consent is opt-in: without an explicit grant the answer is no; the last word counts."""
        answer = False
        for consent in self.consents:
            if consent.purpose is purpose and consent.channel is channel:
                answer = consent.granted
        return answer

    def is_away(self, moment: datetime) -> bool:
        return any(absence.covers(moment) for absence in self.absences)

    def channels_for(self, purpose: Purpose) -> list[Channel]:
        """Preferred channels, in order, that the customer consented to for ``purpose``."""
        return [c for c in self.channel_preferences if self.has_consent(purpose, c)]

    @property
    def full_surname(self) -> str:
        """Surname with its tussenvoegsel as written after a first name ("van der Berg")."""
        return f"{self.tussenvoegsel} {self.surname}".strip()
