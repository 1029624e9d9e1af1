"""Customers who want to hear from us in different ways, for the messaging tests."""

from __future__ import annotations

from typing import Any

from klantreis.app.bootstrap import Container
from klantreis.core.customers import register_customer
from klantreis.core.records import CustomerRecord


def add_customer(container: Container, customer_id: str, **fields: Any) -> None:
    record = CustomerRecord.model_validate(
        {
            "surname": "Berg",
            "tussenvoegsel": "van der",
            "salutation": "heer",
            "initials": "J.",
            "street": "Oudegracht",
            "house_number": "12",
            "postcode": "3511 AB",
            "email": f"{customer_id}@example.nl",
            "phone": "+31612345678",
            "consents": [
                {"purpose": "service", "channel": "email"},
                {"purpose": "service", "channel": "sms"},
                {"purpose": "service", "channel": "letter"},
            ],
            "channel_preferences": ["email", "sms", "letter"],
            **fields,
        }
    )
    with container.uow_factory() as uow:
        register_customer(uow, container.gazetteer, record, customer_id)
        uow.commit()
