"""A synthetic service organisation: customers on real postcodes, devices, technicians.

Deterministic for a seed: the same seed always gives the same organisation.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from klantreis.core.common import Channel, Language
from klantreis.core.customer import Persona, Purpose, Salutation
from klantreis.core.device import DeviceKind
from klantreis.core.places import Place
from klantreis.core.records import (
    AbsenceRecord,
    ConsentRecord,
    ContractRecord,
    CustomerRecord,
    DeviceRecord,
    QuietHoursRecord,
    TechnicianRecord,
)
from klantreis.sim import names

# Shares of each persona among a CV/appliance firm's customers (an assumption, stated here).
PERSONA_SHARES = {
    Persona.FAMILY: 0.50,
    Persona.SINGLE_SENIOR: 0.28,
    Persona.BUSINESS: 0.15,
    Persona.INSTITUTION: 0.07,
}
DEVICE_MODELS = {
    DeviceKind.BOILER: (
        "Remeha Tzerra Ace",
        "Intergas Xtreme 36",
        "Nefit EcomLine HR",
        "Vaillant ecoTEC plus",
        "ATAG i36C",
    ),
    DeviceKind.HEAT_PUMP: ("Daikin Altherma 3", "Vaillant aroTHERM plus", "Itho Daalderop HP"),
    DeviceKind.DISHWASHER: ("Bosch SMV4HVX00E", "Miele G 7150 SCVi", "Siemens SN65ZX49CE"),
    DeviceKind.WASHING_MACHINE: ("Miele WWD 320", "Bosch WAN28275NL", "AEG L7FEE96S"),
}
SKILL_OF_KIND = {
    DeviceKind.BOILER: "boiler",
    DeviceKind.HEAT_PUMP: "heat_pump",
    DeviceKind.DISHWASHER: "white_goods",
    DeviceKind.WASHING_MACHINE: "white_goods",
}
TECHNICIAN_BASES = (
    "1012",
    "1315",
    "1442",
    "1621",
    "2011",
    "2132",
    "2311",
    "2512",
    "2801",
    "3011",
    "3311",
    "3511",
    "3811",
    "4811",
    "5038",
    "5211",
    "5611",
    "6211",
    "6511",
    "6811",
    "7311",
    "7511",
    "8011",
    "8911",
    "9711",
)


@dataclass(frozen=True, slots=True)
class Population:
    customers: list[CustomerRecord]
    devices: list[DeviceRecord]
    technicians: list[TechnicianRecord]


def generate(
    places: list[Place],
    households: int,
    technicians: int,
    seed: int,
    today: date,
    bases: tuple[str, ...] = TECHNICIAN_BASES,
) -> Population:
    """Generate ``households`` customers with 1-2 devices each, and ``technicians`` with
    home bases in ``bases`` (postcode areas, taken in turn)."""
    rng = random.Random(seed)
    deliverable = sorted((p for p in places if p.deliverable), key=lambda p: p.pc4)
    by_pc4 = {p.pc4: p for p in deliverable}
    customers: list[CustomerRecord] = []
    devices: list[DeviceRecord] = []
    for number in range(1, households + 1):
        place = rng.choice(deliverable)
        customer = _customer(rng, number, place, today)
        customers.append(customer)
        devices.extend(_devices(rng, customer, today))
    crew = [_technician(rng, n, by_pc4, deliverable, bases) for n in range(1, technicians + 1)]
    return Population(customers, devices, crew)


def _postcode(rng: random.Random, pc4: str) -> str:
    while True:
        letters = "".join(rng.choices(string.ascii_uppercase, k=2))
        if letters not in {"SA", "SD", "SS"}:
            return f"{pc4} {letters}"


def _customer(rng: random.Random, number: int, place: Place, today: date) -> CustomerRecord:
    persona = rng.choices(list(PERSONA_SHARES), weights=list(PERSONA_SHARES.values()))[0]
    female = rng.random() < 0.5
    first = rng.choice(names.FIRST_NAMES_F if female else names.FIRST_NAMES_M)
    tussenvoegsel, surname = rng.choice(names.SURNAMES)
    organisation, role = "", ""
    if persona is Persona.BUSINESS:
        organisation = f"{rng.choice(names.BUSINESSES)} {surname}"
        role = "eigenaar"
    elif persona is Persona.INSTITUTION:
        organisation = f"{rng.choice(names.INSTITUTIONS)} {place.town}"
        role = rng.choice(names.ROLES_NL)
    salutation = rng.choices(
        [
            Salutation.MEVROUW if female else Salutation.HEER,
            Salutation.FIRST_NAME,
            Salutation.NEUTRAL,
        ],
        weights=[0.75 if persona is Persona.SINGLE_SENIOR else 0.45, 0.35, 0.2],
    )[0]
    language = Language.EN if rng.random() < 0.08 else Language.NL
    email_ok = persona is not Persona.SINGLE_SENIOR or rng.random() < 0.6
    preferences = [Channel.EMAIL, Channel.SMS] if email_ok else [Channel.LETTER, Channel.PHONE]
    if rng.random() < 0.3:
        preferences.insert(0, Channel.WHATSAPP)
    consents = [ConsentRecord(purpose=Purpose.SERVICE, channel=c) for c in preferences]
    if rng.random() < 0.6:
        consents.append(ConsentRecord(purpose=Purpose.SURVEY, channel=preferences[0]))
    absences = []
    if rng.random() < 0.15:
        start = datetime.combine(today + timedelta(days=rng.randint(3, 60)), time(0), UTC)
        absences.append(
            AbsenceRecord(
                start=start, end=start + timedelta(days=rng.randint(4, 21)), reason="vakantie"
            )
        )
    slug = f"{first}.{surname}".lower().replace(" ", "")
    return CustomerRecord(
        external_id=f"DEMO-C{number:06d}",
        salutation=salutation,
        initials=f"{first[0]}.",
        first_name=first,
        tussenvoegsel=tussenvoegsel,
        surname=surname,
        organisation=organisation,
        contact_role=role,
        language=language,
        persona=persona,
        email=f"{slug}{number}@example.nl" if email_ok else "",
        phone=f"+316{rng.randint(10_000_000, 99_999_999)}",
        street=rng.choice(names.STREETS),
        house_number=str(rng.randint(1, 240)),
        postcode=_postcode(rng, place.pc4),
        city=place.town,
        channel_preferences=preferences,
        consents=consents,
        quiet_hours=(QuietHoursRecord(start=time(21), end=time(8)) if rng.random() < 0.7 else None),
        absences=absences,
    )


def _devices(rng: random.Random, customer: CustomerRecord, today: date) -> list[DeviceRecord]:
    kinds = [DeviceKind.HEAT_PUMP if rng.random() < 0.15 else DeviceKind.BOILER]
    if rng.random() < 0.45:
        kinds.append(rng.choice([DeviceKind.DISHWASHER, DeviceKind.WASHING_MACHINE]))
    found = []
    for index, kind in enumerate(kinds, start=1):
        installed = today - timedelta(days=rng.randint(90, 15 * 365))
        contract = None
        if kind in (DeviceKind.BOILER, DeviceKind.HEAT_PUMP) and rng.random() < 0.7:
            contract = ContractRecord(
                reference=f"SC-{customer.external_id}-{index}", start=installed, interval_months=12
            )
        found.append(
            DeviceRecord(
                external_id=f"{customer.external_id}-D{index}",
                customer_id=str(customer.external_id),
                kind=kind,
                model=rng.choice(DEVICE_MODELS[kind]),
                serial=f"{kind.value[:2].upper()}{rng.randint(10**9, 10**10 - 1)}",
                installed_on=installed,
                contract=contract,
            )
        )
    return found


def _technician(
    rng: random.Random,
    number: int,
    by_pc4: dict[str, Place],
    deliverable: list[Place],
    bases: tuple[str, ...],
) -> TechnicianRecord:
    pc4 = bases[(number - 1) % len(bases)]
    base = by_pc4.get(pc4) or rng.choice(deliverable)
    skills = ["boiler"]
    if rng.random() < 0.4:
        skills.append("heat_pump")
    if rng.random() < 0.5 or number % 4 == 0:
        skills.append("white_goods")
    days = ["mon", "tue", "wed", "thu", "fri"]
    if rng.random() < 0.25:
        days.remove(rng.choice(days))  # part-timers
    if rng.random() < 0.15:
        days.append("sat")
    start = rng.choice(["07:30", "08:00", "08:00", "08:30"])
    end = {"07:30": "16:00", "08:00": "17:00", "08:30": "17:30"}[start]
    tussenvoegsel, surname = rng.choice(names.SURNAMES)
    first = rng.choice(names.FIRST_NAMES_M + names.FIRST_NAMES_F)
    return TechnicianRecord(
        external_id=f"DEMO-T{number:03d}",
        name=f"{first} {tussenvoegsel} {surname}".replace("  ", " "),
        latitude=base.centroid.latitude,
        longitude=base.centroid.longitude,
        skills=skills,
        shifts=[f"{d} {start}-{end}" for d in days],
    )
