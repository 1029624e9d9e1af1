"""Ingestion's rules without a database: each reading is checked against its own device's
kind, refused by name, and the rest of the batch kept; replays are counted, not stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from klantreis.core.device import DeviceKind
from klantreis.core.devices import build_device
from klantreis.core.records import DeviceRecord
from klantreis.telemetry.fleet.catalogue import load_catalogue
from klantreis.telemetry.ingest import ingest_readings
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

CLOCK = FixedClock(datetime(2026, 10, 25, 2, 30, tzinfo=UTC))  # the hour that happens twice
CATALOGUE = load_catalogue()
AT = (CLOCK.now() - timedelta(hours=1)).isoformat()


def _fleet() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    for device_id, kind, serial in (
        ("dev-b", DeviceKind.BOILER, "B1"),
        ("dev-dw", DeviceKind.DISHWASHER, "DW1"),
    ):
        record = DeviceRecord(
            customer_id="k1", kind=kind, model="M", serial=serial, installed_on=date(2020, 1, 1)
        )
        uow.devices.add(build_device(record, device_id, "k1"))
    return uow


def test_each_reading_is_checked_against_its_own_device_s_kind_and_the_rest_kept() -> None:
    uow = _fleet()
    result = ingest_readings(
        uow,
        CLOCK,
        CATALOGUE,
        [
            {"serial": "B1", "at": AT, "pressure_bar": 1.5},
            {"serial": "B1", "at": AT, "drain_seconds": 90},
            {"serial": "DW1", "at": AT, "drain_seconds": 95, "cycles": 310},
            {"serial": "DW1", "at": AT, "water_temp_c": 180},
            {"serial": "NOPE", "at": AT, "pressure_bar": 1.5},
        ],
    )
    assert (result.received, result.stored) == (5, 2)
    assert [(r.index, r.field) for r in result.rejected] == [
        (1, "drain_seconds"),
        (3, "water_temp_c"),
        (4, "serial"),
    ]
    assert "a boiler has no sensor 'drain_seconds'" in result.rejected[0].reason
    assert "no device has serial 'NOPE'" in result.rejected[2].reason
    assert uow.telemetry.count() == 2 and uow.committed == 0


def test_a_replayed_batch_is_counted_as_duplicates_and_stored_once() -> None:
    uow = _fleet()
    batch: list[object] = [{"serial": "B1", "at": AT, "pressure_bar": 1.4}]
    ingest_readings(uow, CLOCK, CATALOGUE, batch)
    again = ingest_readings(uow, CLOCK, CATALOGUE, batch + batch)
    assert (again.stored, again.duplicates) == (0, 2)
    assert uow.telemetry.count() == 1


def test_a_key_limited_to_its_serials_learns_nothing_of_other_devices() -> None:
    uow = _fleet()
    result = ingest_readings(
        uow,
        CLOCK,
        CATALOGUE,
        [
            {"serial": "DW1", "at": AT, "drain_seconds": 95},
            {"serial": "NOPE", "at": AT, "drain_seconds": 95},
        ],
        allowed_serials=frozenset({"B1"}),
    )
    reasons = [r.reason for r in result.rejected]
    assert reasons == [
        "serial 'DW1' is not one of this key's devices",
        "serial 'NOPE' is not one of this key's devices",
    ]


def test_a_reading_from_the_future_is_refused() -> None:
    uow = _fleet()
    later = (CLOCK.now() + timedelta(days=2)).isoformat()
    result = ingest_readings(uow, CLOCK, CATALOGUE, [{"serial": "B1", "at": later}])
    assert result.stored == 0 and [r.field for r in result.rejected] == ["at"]
