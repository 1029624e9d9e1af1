"""The customer's own say: how to be addressed, in which language, on which channels, when
not, and what they agreed to. All checked before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass, replace

from klantreis.core.common import Channel, Language
from klantreis.core.customer import Absence, Consent, Customer, Purpose, QuietHours, Salutation
from klantreis.core.customers import get_customer
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.ports import Clock
from klantreis.core.records import (
    AbsenceRecord,
    EmailAddress,
    FirstName,
    Initials,
    PhoneNumber,
    QuietHoursRecord,
    Record,
    Surname,
    Tussenvoegsel,
)
from klantreis.messaging.outbox_service import Messenger
from klantreis.preferences.contact_change import ContactField
from klantreis.preferences.contact_change_service import TooManyChanges, request_contact_changes
from klantreis.preferences.ports import PreferencesUnit

# What a customer may choose on their page (phone and web are not for messages).
MESSAGE_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.WHATSAPP, Channel.PUSH, Channel.LETTER)


class PreferencesRecord(Record):
    """What the preferences page may change, checked as the API checks a customer."""

    salutation: Salutation
    first_name: FirstName = ""
    initials: Initials = ""
    tussenvoegsel: Tussenvoegsel = ""
    surname: Surname
    language: Language
    email: EmailAddress = ""
    phone: PhoneNumber = ""
    channel_preferences: list[Channel]
    consents: dict[Purpose, list[Channel]]  # what they agreed to; everything else is a no
    quiet_hours: QuietHoursRecord | None = None
    absences: list[AbsenceRecord] = []
    books_for_me: bool = False  # only with a linked calendar (see ``update_preferences``)


@dataclass(frozen=True, slots=True)
class SavedPreferences:
    customer: Customer
    waiting: list[ContactField]  # new addresses that wait for their confirmation
    too_many_changes: bool = False  # the new addresses were refused for today; the rest saved


def save_preferences(
    uow: PreferencesUnit,
    clock: Clock,
    messenger: Messenger,
    case_id: str,
    customer_id: str,
    record: PreferencesRecord,
) -> SavedPreferences:
    """What the customer's page saves: everything at once, except a new e-mail address or
    phone number, which waits until it is confirmed from that address (see
    ``contact_changes``). Raises ``InvalidValue`` with nothing stored or sent."""
    customer = update_preferences(uow, clock, customer_id, record)
    wanted = {ContactField.EMAIL: record.email, ContactField.PHONE: record.phone}
    try:
        waiting = request_contact_changes(uow, clock, messenger, customer, case_id, wanted)
    except TooManyChanges:
        return SavedPreferences(customer, [], too_many_changes=True)
    return SavedPreferences(customer, waiting)


def update_preferences(
    uow: PreferencesUnit, clock: Clock, customer_id: str, record: PreferencesRecord
) -> Customer:
    """Everything but the e-mail address and phone number, which stay as they are (they
    change through ``save_preferences`` only, once confirmed).

    Raises ``InvalidValue`` (nothing stored) when the result would not be a valid customer,
    or when it asks us to book for them without a linked calendar: we would not know when
    they are free."""
    customer = get_customer(uow, customer_id)
    if record.books_for_me and uow.calendar_links.get(customer_id) is None:
        raise InvalidValue("books_for_me", "needs a linked calendar")
    granted = {(p, c) for p, channels in record.consents.items() for c in channels}
    consents = list(customer.consents) + [
        Consent(purpose, channel, (purpose, channel) in granted)
        for purpose in Purpose
        for channel in MESSAGE_CHANNELS
        if customer.has_consent(purpose, channel) != ((purpose, channel) in granted)
    ]
    updated = replace(
        customer,
        salutation=record.salutation,
        first_name=record.first_name,
        initials=record.initials,
        tussenvoegsel=record.tussenvoegsel,
        surname=record.surname,
        language=record.language,
        channel_preferences=list(dict.fromkeys(record.channel_preferences)),
        consents=consents,
        quiet_hours=QuietHours(record.quiet_hours.start, record.quiet_hours.end)
        if record.quiet_hours
        else None,
        absences=[
            Absence(a.start, a.end, a.reason) for a in record.absences if a.end > clock.now()
        ],
    )
    uow.customers.upsert_many([], [updated])
    uow.customers.set_books_for_me(customer_id, record.books_for_me)
    return replace(updated, books_for_me=record.books_for_me)
