"""Ingesting a batch of readings: each reading checked on its own, the good ones kept.

A replayed batch stores nothing new (a reading is its device and moment), and readings may
arrive in any order. New fault codes are diagnosed at once and may open a case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

from pydantic import TypeAdapter, ValidationError

from klantreis.core.domain_errors import InvalidValue
from klantreis.core.ports import Clock
from klantreis.messaging.outbox_service import Messenger
from klantreis.telemetry.appliance_kinds import Catalogue
from klantreis.telemetry.faults import open_fault_cases
from klantreis.telemetry.ports import TelemetryUnit
from klantreis.telemetry.reading_records import ReadingRecord
from klantreis.telemetry.readings import Reading, check_moment, check_values

_ALL = TypeAdapter(list[ReadingRecord])
_ONE = TypeAdapter(ReadingRecord)


@dataclass(frozen=True, slots=True)
class RejectedReading:
    index: int
    field: str
    reason: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    received: int
    stored: int
    duplicates: int
    rejected: list[RejectedReading]
    cases_opened: list[str]


def _parse(
    items: Sequence[object],
) -> tuple[list[tuple[int, ReadingRecord]], list[RejectedReading]]:
    try:  # the common case, a clean batch, validated in one pass
        return list(enumerate(_ALL.validate_python(items))), []
    except ValidationError:
        pass
    parsed, rejected = [], []
    for index, item in enumerate(items):
        try:
            parsed.append((index, _ONE.validate_python(item)))
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "reading"
            rejected.append(RejectedReading(index, field, first["msg"]))
    return parsed, rejected


def ingest_readings(
    uow: TelemetryUnit,
    clock: Clock,
    catalogue: Catalogue,
    items: Sequence[object],
    messenger: Messenger | None = None,
    allowed_serials: frozenset[str] | None = None,
) -> IngestResult:
    """Validate and store ``items`` (decoded JSON objects), each against its device's kind in
    ``catalogue``; the caller commits.

    With ``allowed_serials`` (a device key's own), a reading for any other serial is refused
    with the same words whether or not that serial exists: a key learns nothing about other
    appliances."""
    now = clock.now()
    parsed, rejected = _parse(items)
    device_of = uow.devices.serial_kinds(record.serial for _, record in parsed)
    readings: dict[tuple[str, object], Reading] = {}
    repeated = 0
    for index, record in parsed:
        if allowed_serials is not None and record.serial not in allowed_serials:
            rejected.append(
                RejectedReading(
                    index, "serial", f"serial '{record.serial}' is not one of this key's devices"
                )
            )
            continue
        owner = device_of.get(record.serial)
        if owner is None:
            rejected.append(
                RejectedReading(index, "serial", f"no device has serial '{record.serial}'")
            )
            continue
        device_id, kind = owner
        spec = catalogue.of(kind)
        if spec is None:
            rejected.append(
                RejectedReading(
                    index, "serial", f"the appliance catalogue declares no sensors for a {kind}"
                )
            )
            continue
        fault_code = record.fault_code.upper() if record.fault_code else None
        try:
            check_moment(record.at, now)
            values = check_values(spec, record.sensor_values, fault_code)
        except InvalidValue as invalid:
            rejected.append(RejectedReading(index, invalid.field, invalid.message))
            continue
        reading = Reading(device_id, record.at.astimezone(UTC), values, fault_code)
        if reading.key in readings:
            repeated += 1
            continue
        readings[reading.key] = reading
    outcome = uow.telemetry.store(list(readings.values()))
    opened = open_fault_cases(uow, clock, catalogue, outcome.new_faults, messenger)
    return IngestResult(
        received=len(items),
        stored=outcome.inserted,
        duplicates=repeated + len(readings) - outcome.inserted,
        rejected=sorted(rejected, key=lambda r: r.index),
        cases_opened=opened,
    )
