"""Value types shared by several parts of the domain."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from klantreis.core.domain_errors import InvalidValue

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Z]{2})$")
# These letter pairs are never issued by PostNL (they read as abbreviations people object to).
_UNUSED_LETTERS = frozenset({"SA", "SD", "SS"})


class Language(StrEnum):
    NL = "nl"
    EN = "en"


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    PUSH = "push"
    LETTER = "letter"
    PHONE = "phone"
    WEB = "web"
    APP = "app"
    DEVICE = "device"
    TECHNICIAN = "technician"


def normalise_postcode(raw: str) -> str:
    """Return a Dutch postcode as ``1234 AB``; raise ``InvalidValue`` when it is not one."""
    match = _POSTCODE.match(raw.strip().upper())
    if match is None:
        raise InvalidValue("postcode", f"'{raw}' is not a Dutch postcode (expected like 3511 AB)")
    digits, letters = match.groups()
    if letters in _UNUSED_LETTERS:
        raise InvalidValue("postcode", f"'{raw}' uses letters that PostNL never issues")
    return f"{digits} {letters}"


@dataclass(frozen=True, slots=True)
class GeoPoint:
    """WGS84 coordinates in decimal degrees."""

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not -90.0 <= self.latitude <= 90.0:
            raise InvalidValue("latitude", f"{self.latitude} is outside -90..90")
        if not -180.0 <= self.longitude <= 180.0:
            raise InvalidValue("longitude", f"{self.longitude} is outside -180..180")


def require_aware(field: str, moment: datetime) -> datetime:
    """Refuse naive datetimes: every stored moment must say which zone it is in."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidValue(field, "must carry a time zone (times are stored in UTC)")
    return moment


def to_utc(field: str, moment: datetime) -> datetime:
    """The same instant in UTC, refusing naive datetimes."""
    return require_aware(field, moment).astimezone(UTC)
