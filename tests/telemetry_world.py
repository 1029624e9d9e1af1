"""A fleet of boilers with telemetry, for the telemetry tests (clock: Friday 27 March 2026)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import islice

from klantreis.bootstrap import Container
from klantreis.services.customers import register_customer
from klantreis.services.devices import register_device
from klantreis.services.records import ContractRecord, CustomerRecord, DeviceRecord
from klantreis.services.telemetry.ingest import ingest_readings
from klantreis.sim.telemetry import PlannedFailure, SimulatedDevice, readings

BRANDS = ("Remeha Tzerra Ace", "Vaillant ecoTEC plus", "ATAG i36C", "Nefit EcomLine HR")


def add_fleet(
    container: Container, count: int, contract_start: date | None = None
) -> list[SimulatedDevice]:
    devices = []
    with container.uow_factory() as uow:
        for i in range(count):
            customer = CustomerRecord.model_validate(
                {
                    "surname": "Jansen",
                    "salutation": "mevrouw",
                    "street": "Oudegracht",
                    "house_number": str(i + 1),
                    "postcode": "3511 AB",
                    "email": f"k{i}@example.nl",
                }
            )
            register_customer(uow, container.gazetteer, customer, f"k-{i}")
            device = SimulatedDevice(f"B{i:04d}", BRANDS[i % len(BRANDS)])
            contract = None
            if contract_start is not None:
                start = contract_start + timedelta(days=i % 60)
                contract = ContractRecord(reference=f"SC-{i}", start=start, interval_months=12)
            register_device(
                uow,
                DeviceRecord(
                    customer_id=f"k-{i}",
                    kind="boiler",
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
    failures, stream = readings(devices, start, days, failure_share=failure_share, seed=5)
    sent = [r for r in stream if datetime.fromisoformat(str(r["at"])) <= until]
    iterator = iter(sent)
    while batch := list(islice(iterator, 5000)):
        with container.uow_factory() as uow:
            ingest_readings(uow, container.clock, batch)
            uow.commit()
    return failures, sent
