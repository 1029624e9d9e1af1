"""Registering and reading customers."""

from __future__ import annotations

from collections.abc import Sequence

from klantreis.core.common import GeoPoint
from klantreis.core.customer import Absence, Address, Consent, Customer, QuietHours
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import found
from klantreis.core.external_ids import refuse_taken_external_id
from klantreis.core.ports import Gazetteer, UnitOfWork
from klantreis.core.records import CustomerRecord


def build_customer(record: CustomerRecord, customer_id: str, gazetteer: Gazetteer) -> Customer:
    """Turn a validated record into a customer, filling place data from the postcode.

    Raises ``InvalidValue`` for a postcode area that does not exist or a rule the domain refuses.
    """
    place = gazetteer.place(record.postcode[:4])
    if place is None:
        raise InvalidValue(
            "postcode", f"'{record.postcode}': area {record.postcode[:4]} does not exist"
        )
    if not place.deliverable:
        raise InvalidValue("postcode", f"'{record.postcode}' is a PO-box area, not an address")
    if (record.latitude is None) != (record.longitude is None):
        raise InvalidValue("latitude", "give both latitude and longitude, or neither")
    location = (
        GeoPoint(record.latitude, record.longitude)
        if record.latitude is not None and record.longitude is not None
        else place.centroid
    )
    return Customer(
        id=customer_id,
        external_id=record.external_id,
        salutation=record.salutation,
        initials=record.initials,
        first_name=record.first_name,
        tussenvoegsel=record.tussenvoegsel,
        surname=record.surname,
        organisation=record.organisation,
        contact_role=record.contact_role,
        language=record.language,
        persona=record.persona,
        school_region=record.school_region or place.school_region,
        email=record.email,
        phone=record.phone,
        timezone=record.timezone,
        address=Address(
            record.street, record.house_number, record.postcode, record.city or place.town, location
        ),
        consents=[Consent(c.purpose, c.channel, c.granted) for c in record.consents],
        channel_preferences=list(record.channel_preferences),
        quiet_hours=(
            QuietHours(record.quiet_hours.start, record.quiet_hours.end)
            if record.quiet_hours
            else None
        ),
        absences=[Absence(a.start, a.end, a.reason) for a in record.absences],
    )


def register_customer(
    uow: UnitOfWork, gazetteer: Gazetteer, record: CustomerRecord, customer_id: str
) -> Customer:
    refuse_taken_external_id(uow.customers, "customer", record.external_id)
    customer = build_customer(record, customer_id, gazetteer)
    uow.customers.add(customer)
    return customer


def get_customer(uow: UnitOfWork, customer_id: str) -> Customer:
    return found(uow.customers.get(customer_id), "customer", customer_id)


def list_customers(uow: UnitOfWork, offset: int, limit: int) -> Sequence[Customer]:
    return uow.customers.list(offset, limit)
