"""A fleet of appliances with telemetry, for the telemetry tests (clock: Friday 27 March 2026)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import islice

from klantreis.app.bootstrap import Container
from klantreis.core.customers import register_customer
from klantreis.core.device import DeviceKind
from klantreis.core.devices import register_device
from klantreis.core.records import ContractRecord, CustomerRecord, DeviceRecord
from klantreis.sim.population import DEVICE_MODELS
from klantreis.sim.telemetry import PlannedFailure, SimulatedDevice, readings
from klantreis.telemetry.ingest import ingest_readings

BRANDS = ("Remeha Tzerra Ace", "Vaillant ecoTEC plus", "ATAG i36C", "Nefit EcomLine HR")
MODELS = {**DEVICE_MODELS, DeviceKind.BOILER: BRANDS}
PREFIX = {
    DeviceKind.BOILER: "",
    DeviceKind.HEAT_PUMP: "hp",
    DeviceKind.DISHWASHER: "dw",
    DeviceKind.WASHING_MACHINE: "wm",
}


def add_fleet(
    container: Container,
    count: int,
    contract_start: date | None = None,
    kind: DeviceKind = DeviceKind.BOILER,
) -> list[SimulatedDevice]:
    """``count`` households with one appliance of ``kind`` each: customer ``k-{prefix}{i}``,
    device ``dev-{prefix}{i}`` with serial ``{PREFIX}B{i:04d}``."""
    devices = []
    prefix = PREFIX[kind]
    models = MODELS[kind]
    with container.uow_factory() as uow:
        for n in range(count):
            i = f"{prefix}{n}"
            customer = CustomerRecord.model_validate(
                {
                    "surname": "Jansen",
                    "salutation": "mevrouw",
                    "street": "Oudegracht",
                    "house_number": str(n + 1),
                    "postcode": "3511 AB",
                    "email": f"k{i}@example.nl",
                }
            )
            register_customer(uow, container.gazetteer, customer, f"k-{i}")
            device = SimulatedDevice(f"{prefix.upper()}B{n:04d}", models[n % len(models)], kind)
            contract = None
            if contract_start is not None:
                start = contract_start + timedelta(days=n % 60)
                contract = ContractRecord(reference=f"SC-{i}", start=start, interval_months=12)
            register_device(
                uow,
                DeviceRecord(
                    customer_id=f"k-{i}",
                    kind=kind.value,
                    model=device.model,
                    serial=device.serial,
                    installed_on=date(2018, 1, 1),
                    contract=contract,
                ),
                f"dev-{i}",
            )
            devices.append(device)
        uow.commit()
    return devices


def send_history(
    container: Container,
    devices: list[SimulatedDevice],
    start: datetime,
    days: int,
    until: datetime,
    failure_share: float = 0.5,
) -> tuple[list[PlannedFailure], list[dict[str, object]]]:
    """Simulate ``days`` from ``start``; send what happened up to ``until``; return it all."""
    failures, stream = readings(
        container.appliances, devices, start, days, failure_share=failure_share, seed=5
    )
    sent = [r for r in stream if datetime.fromisoformat(str(r["at"])) <= until]
    iterator = iter(sent)
    while batch := list(islice(iterator, 5000)):
        with container.uow_factory() as uow:
            ingest_readings(uow, container.clock, container.appliances, batch)
            uow.commit()
    return failures, sent
