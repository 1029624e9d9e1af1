"""Setting a twin up: a population in one service region, stored through the import service,
and the twin's own view of every appliance."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, time

from klantreis.app.demo import seed_demo
from klantreis.app.ports import AppUnit
from klantreis.core.customer import Persona
from klantreis.core.geo import haversine_km
from klantreis.core.places import Place
from klantreis.core.ports import Clock, Gazetteer
from klantreis.sim.population import Population, generate
from klantreis.telemetry.appliance_kinds import Catalogue
from klantreis.twin.config import TwinConfig
from klantreis.twin.fleet import TwinDevice, plan_device


@dataclass(frozen=True, slots=True)
class Household:
    key: str  # the external id: stable across policies, so draws repeat per household
    persona: Persona


def region_places(places: list[Place], config: TwinConfig) -> list[Place]:
    centre = next((p for p in places if p.pc4 == config.region_pc4), None)
    if centre is None:
        raise ValueError(f"region_pc4 '{config.region_pc4}' is not a known postcode area")
    return [
        p
        for p in places
        if p.deliverable and haversine_km(p.centroid, centre.centroid) <= config.region_km
    ]


def technician_bases(places: list[Place], count: int, seed: int) -> tuple[str, ...]:
    """Home bases spread over the region: each next one the farthest from those chosen."""
    ordered = sorted(places, key=lambda p: p.pc4)
    chosen = [random.Random(seed).choice(ordered)]
    while len(chosen) < min(count, len(ordered)):
        chosen.append(
            max(
                ordered,
                key=lambda p: min(haversine_km(p.centroid, c.centroid) for c in chosen),
            )
        )
    return tuple(p.pc4 for p in chosen)


def population(places: list[Place], config: TwinConfig) -> Population:
    region = region_places(places, config)
    bases = technician_bases(region, config.technicians, config.seed)
    return generate(
        region, config.households, config.technicians, config.seed, config.first_day, bases
    )


def store(
    uow: AppUnit, gazetteer: Gazetteer, clock: Clock, people: Population
) -> dict[str, Household]:
    """Store the population (no cases yet) and return the households by customer id."""
    seed_demo(
        uow, gazetteer, clock, people.customers, people.devices, people.technicians, case_share=0
    )
    ids = uow.customers.ids_by_external_id(str(c.external_id) for c in people.customers)
    return {
        ids[str(c.external_id)]: Household(str(c.external_id), c.persona) for c in people.customers
    }


def twin_devices(
    uow: AppUnit, people: Population, config: TwinConfig, catalogue: Catalogue
) -> list[TwinDevice]:
    customer_ids = uow.customers.ids_by_external_id(d.customer_id for d in people.devices)
    device_ids = uow.devices.ids_by_external_id(str(d.external_id) for d in people.devices)
    start = datetime.combine(config.first_day, time(0), UTC)
    end = datetime.combine(config.end, time(0), UTC)
    found = []
    for record in people.devices:
        key = f"{config.seed}|{record.external_id}"
        connected = (
            record.kind in config.connected_kinds
            and random.Random(f"{key}|connected").random() < config.connected_share
        )
        found.append(
            plan_device(
                device_ids[str(record.external_id)],
                customer_ids[record.customer_id],
                record.kind,
                record.serial,
                record.model,
                connected,
                start,
                end,
                key,
                catalogue,
            )
        )
    return found
