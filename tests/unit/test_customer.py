"""Customers: addresses, consent, quiet hours and absences."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from klantreis.core.common import Channel, GeoPoint, normalise_postcode
from klantreis.core.customer import (
    Absence,
    Address,
    Consent,
    Customer,
    Persona,
    Purpose,
    QuietHours,
    Salutation,
)
from klantreis.core.domain_errors import InvalidValue

ADDRESS = Address("Oudegracht", "12", "3511ab", "Utrecht", GeoPoint(52.09, 5.12))


@pytest.mark.parametrize(("raw", "expected"), [("3511ab", "3511 AB"), (" 1012 jk ", "1012 JK")])
def test_postcodes_are_normalised(raw: str, expected: str) -> None:
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["0123 AB", "12345", "3511 A", "ABCD EF", "3511 SS", ""])
def test_a_string_that_is_no_dutch_postcode_is_refused(raw: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        normalise_postcode(raw)
    assert refused.value.field == "postcode"


def test_consent_is_opt_in_and_the_last_word_counts() -> None:
    customer = Customer(
        id="k",
        surname="Jansen",
        address=ADDRESS,
        consents=[
            Consent(Purpose.SERVICE, Channel.EMAIL, True),
            Consent(Purpose.SERVICE, Channel.SMS, True),
            Consent(Purpose.SERVICE, Channel.SMS, False),
        ],
        channel_preferences=[Channel.SMS, Channel.WHATSAPP, Channel.EMAIL],
    )
    assert customer.has_consent(Purpose.SERVICE, Channel.EMAIL)
    assert not customer.has_consent(Purpose.SERVICE, Channel.SMS)
    assert not customer.has_consent(Purpose.MARKETING, Channel.EMAIL)
    assert customer.channels_for(Purpose.SERVICE) == [Channel.EMAIL]


def test_quiet_hours_may_cross_midnight() -> None:
    night = QuietHours(time(22), time(8))
    assert night.contains(time(23, 30)) and night.contains(time(7, 59))
    assert not night.contains(time(8)) and not night.contains(time(12))
    lunch = QuietHours(time(12), time(13))
    assert lunch.contains(time(12, 30)) and not lunch.contains(time(13))


def test_an_absence_covers_its_days_but_not_its_end() -> None:
    away = Absence(datetime(2026, 7, 4, tzinfo=UTC), datetime(2026, 7, 18, tzinfo=UTC))
    assert away.covers(datetime(2026, 7, 10, 12, tzinfo=UTC))
    assert not away.covers(datetime(2026, 7, 18, tzinfo=UTC))


def test_an_absence_must_end_after_it_starts() -> None:
    with pytest.raises(InvalidValue):
        Absence(datetime(2026, 7, 18, tzinfo=UTC), datetime(2026, 7, 4, tzinfo=UTC))


def test_addressing_by_first_name_needs_a_first_name() -> None:
    with pytest.raises(InvalidValue) as refused:
        Customer(id="k", surname="Jansen", address=ADDRESS, salutation=Salutation.FIRST_NAME)
    assert refused.value.field == "first_name"


def test_a_business_needs_an_organisation_name() -> None:
    with pytest.raises(InvalidValue) as refused:
        Customer(id="k", surname="Jansen", address=ADDRESS, persona=Persona.BUSINESS)
    assert refused.value.field == "organisation"


def test_the_tussenvoegsel_is_written_before_the_surname() -> None:
    customer = Customer(id="k", surname="Berg", tussenvoegsel="van der", address=ADDRESS)
    assert customer.full_surname == "van der Berg"
