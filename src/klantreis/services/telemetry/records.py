"""The shape of one reading as appliances send it."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field

from klantreis.services.records import Record

# A batch larger than this is refused whole (HTTP 413): split it and send again.
MAX_BATCH_READINGS = 10_000
MAX_BATCH_BYTES = 4 * 1024 * 1024


class ReadingRecord(Record):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    serial: Annotated[str, Field(min_length=1, max_length=64)]
    at: AwareDatetime
    flow_temp_c: float | None = None
    return_temp_c: float | None = None
    pressure_bar: float | None = None
    ignition_attempts: int | None = None
    burner_hours: float | None = None
    fault_code: Annotated[str, Field(min_length=1, max_length=12)] | None = None
