"""Telemetry batches from appliances and gateways.

The body is read and decoded here rather than by FastAPI, for two reasons: a batch over the
limit is refused with 413 before it is parsed, and one malformed reading must not cost the
rest of its batch (each is validated on its own and named when refused).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import AwareDatetime, BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from klantreis.core.access import Caller, Role, serials_of
from klantreis.core.api.deps import (
    ContainerOf,
    UnitOfWorkDep,
    api_key_header,
    identify,
    require,
)
from klantreis.core.reach import check_device_within_reach
from klantreis.telemetry.ingest import IngestResult, ingest_readings
from klantreis.telemetry.ports import TelemetryUnit
from klantreis.telemetry.queries import device_telemetry, model_versions
from klantreis.telemetry.reading_records import (
    MAX_BATCH_BYTES,
    MAX_BATCH_READINGS,
    ReadingRecord,
)
from klantreis.telemetry.wiring import TelemetryWiring

UowDep = UnitOfWorkDep[TelemetryUnit]
ContainerDep = ContainerOf[TelemetryWiring]

router = APIRouter(prefix="/telemetry", tags=["telemetry"])
Senders = Annotated[Role, Depends(require(Role.DEVICE))]


def sending_for(
    role: Senders, container: ContainerDep, key: Annotated[str | None, Depends(api_key_header)]
) -> frozenset[str] | None:
    """The serials this key may send readings for; None (any) for an admin."""
    if role is not Role.DEVICE or key is None:
        return None
    with container.uow_factory(read_only=True) as uow:
        return serials_of(uow, key)


SendingFor = Annotated[frozenset[str] | None, Depends(sending_for)]

_BATCH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["readings"],
    "additionalProperties": False,
    "properties": {
        "readings": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_BATCH_READINGS,
            "items": ReadingRecord.model_json_schema(),
        }
    },
}


class RejectedReadingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    index: int
    field: str
    reason: str


class IngestOut(BaseModel):
    received: int
    stored: int
    duplicates: int
    rejected: list[RejectedReadingOut]
    cases_opened: list[str]

    @classmethod
    def of(cls, result: IngestResult) -> IngestOut:
        return cls(
            received=result.received,
            stored=result.stored,
            duplicates=result.duplicates,
            rejected=[RejectedReadingOut.model_validate(r) for r in result.rejected],
            cases_opened=result.cases_opened,
        )


async def _read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BATCH_BYTES:
        raise HTTPException(413, f"a batch may be at most {MAX_BATCH_BYTES} bytes; split it")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BATCH_BYTES:
            raise HTTPException(413, f"a batch may be at most {MAX_BATCH_BYTES} bytes; split it")
    return bytes(body)


def _readings_of(body: bytes) -> list[object]:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise HTTPException(400, f"the body is not JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("readings"), list):
        raise HTTPException(422, "the body must be an object with a list 'readings'")
    if extra := sorted(set(document) - {"readings"}):
        raise HTTPException(422, f"unknown field(s) in the batch: {', '.join(extra)}")
    readings: list[object] = document["readings"]
    if not readings:
        raise HTTPException(422, "'readings' is empty: send at least one reading")
    if len(readings) > MAX_BATCH_READINGS:
        raise HTTPException(
            413, f"{len(readings)} readings; a batch may hold at most {MAX_BATCH_READINGS}"
        )
    return readings


@router.post(
    "/readings",
    response_model=IngestOut,
    summary="Send a batch of readings (replays are skipped; refused readings are named)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _BATCH_SCHEMA}},
        }
    },
    responses={
        400: {"description": "The body is not JSON"},
        413: {"description": "The batch is over the size limit"},
        415: {"description": "The body is not application/json"},
    },
)
async def send_readings(
    request: Request, container: ContainerDep, uow: UowDep, allowed: SendingFor
) -> IngestOut:
    """The body is read before anything is written, so a slow sender holds no write lock."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(415, "send the batch as application/json")
    readings = _readings_of(await _read_limited(request))
    result = await run_in_threadpool(
        ingest_readings,
        uow,
        container.clock,
        container.appliances,
        readings,
        container.messenger,
        allowed,
    )
    return IngestOut.of(result)


# One household's readings: its planner, or the technician planned to visit it. Analysts
# see the fleet models, which are aggregates.
Readers = Annotated[Caller, Depends(identify(Role.PLANNER, Role.TECHNICIAN))]
Analysts = Annotated[Role, Depends(require(Role.PLANNER, Role.ANALYST))]


class ReadingOut(BaseModel):
    """As sent: the moment, the fault code, and one field per sensor that reported."""

    model_config = ConfigDict(
        extra="allow", json_schema_extra={"additionalProperties": {"type": "number"}}
    )

    at: datetime
    fault_code: str | None


class RiskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    risk: float
    failure_mode: str
    raised: bool
    model_version: int
    scored_at: datetime


class DeviceTelemetryOut(BaseModel):
    device_id: str
    readings: list[ReadingOut]
    truncated: bool
    risk: RiskOut | None


class FleetModelOut(BaseModel):
    version: int
    appliance_kind: str
    promoted: bool  # False: a challenger that did no better than the champion
    trained_at: datetime
    feature_set: object
    horizon_days: object
    training: object
    evaluation: object


@router.get(
    "/devices/{device_id}",
    response_model=DeviceTelemetryOut,
    summary="A device's readings over a period (default: the last 7 days) and its risk",
)
def device_readings(
    device_id: str,
    uow: UowDep,
    container: ContainerDep,
    caller: Readers,
    since: AwareDatetime | None = None,
    until: AwareDatetime | None = None,
) -> DeviceTelemetryOut:
    check_device_within_reach(uow, container.clock, caller, device_id)
    found = device_telemetry(uow, container.clock, device_id, since, until)
    return DeviceTelemetryOut(
        device_id=found.device_id,
        readings=[
            ReadingOut(at=r.measured_at, fault_code=r.fault_code, **r.values)
            for r in found.readings
        ],
        truncated=found.truncated,
        risk=None if found.risk is None else RiskOut.model_validate(found.risk),
    )


@router.get(
    "/models",
    response_model=list[FleetModelOut],
    summary="Every fleet model version with its held-out evaluation",
)
def fleet_models(uow: UowDep, _: Analysts) -> list[FleetModelOut]:
    return [
        FleetModelOut(
            version=m.version,
            appliance_kind=m.kind.value,
            promoted=m.promoted,
            trained_at=m.trained_at,
            feature_set=m.manifest.get("feature_set"),
            horizon_days=m.manifest.get("horizon_days"),
            training=m.manifest.get("training"),
            evaluation=m.manifest.get("evaluation"),
        )
        for m in model_versions(uow)
    ]
