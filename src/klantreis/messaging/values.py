"""The values a template is filled with, in the customer's language and time zone."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date, format_time

from klantreis.core.addressing import full_name, salutation
from klantreis.core.common import Language
from klantreis.core.customer import Customer
from klantreis.core.device import Device, DeviceKind
from klantreis.core.time_window import TimeWindow
from klantreis.messaging.moment import ZONE

DEVICE_NAMES = {
    Language.NL: {
        DeviceKind.BOILER: "cv-ketel",
        DeviceKind.HEAT_PUMP: "warmtepomp",
        DeviceKind.DISHWASHER: "vaatwasser",
        DeviceKind.WASHING_MACHINE: "wasmachine",
        DeviceKind.DRYER: "droger",
    },
    Language.EN: {
        DeviceKind.BOILER: "boiler",
        DeviceKind.HEAT_PUMP: "heat pump",
        DeviceKind.DISHWASHER: "dishwasher",
        DeviceKind.WASHING_MACHINE: "washing machine",
        DeviceKind.DRYER: "dryer",
    },
}
_APPLIANCE = {Language.NL: "toestel", Language.EN: "appliance"}


def local_day(moment: datetime, language: Language) -> str:
    """'dinsdag 31 maart' / 'Tuesday 31 March'."""
    return format_date(moment.astimezone(ZONE).date(), "EEEE d MMMM", locale=language.value)


def local_time(moment: datetime, language: Language) -> str:
    return format_time(moment.astimezone(ZONE), "HH:mm", locale=language.value)


def message_values(
    customer: Customer,
    language: Language,
    link: str,
    device: Device | None = None,
    window: TimeWindow | None = None,
    **extra: str,
) -> dict[str, str]:
    values = {
        "salutation": salutation(customer, language),
        "name": full_name(customer),
        "organisation": customer.organisation or full_name(customer),
        "device": DEVICE_NAMES[language][device.kind] if device else _APPLIANCE[language],
        "link": link,
    }
    if window is not None:
        values |= {
            "date": local_day(window.start, language),
            "start": local_time(window.start, language),
            "end": local_time(window.end, language),
        }
    return values | extra
