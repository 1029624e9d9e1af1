"""The shape of one reading as appliances send it."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from klantreis.core.records import Record

# A batch larger than this is refused whole (HTTP 413): split it and send again.
MAX_BATCH_READINGS = 10_000
MAX_BATCH_BYTES = 4 * 1024 * 1024


_SENSOR_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_SENSORS = 40


class ReadingRecord(Record):
    """``serial``, ``at``, an optional ``fault_code``, and one field per sensor the device's
    kind declares (e.g. ``pressure_bar`` for a boiler, ``drain_seconds`` for a dishwasher):
    which sensors a kind has is checked at ingestion, against its device."""

    model_config = ConfigDict(
        extra="allow",
        str_strip_whitespace=True,
        allow_inf_nan=False,
        json_schema_extra={"additionalProperties": {"type": ["number", "null"]}},
    )

    serial: Annotated[str, Field(min_length=1, max_length=64)]
    at: AwareDatetime
    fault_code: Annotated[str, Field(min_length=1, max_length=12)] | None = None

    @model_validator(mode="after")
    def _sensor_fields(self) -> ReadingRecord:
        extra = self.model_extra or {}
        if len(extra) > MAX_SENSORS:
            raise ValueError(f"{len(extra)} sensor fields; a reading holds at most {MAX_SENSORS}")
        for name in extra:
            if not _SENSOR_NAME.match(name):
                raise ValueError(f"'{name[:40]}' is not a sensor name (like pressure_bar)")
        return self

    @property
    def sensor_values(self) -> dict[str, object]:
        """The sensor fields as sent (checked against the device's kind at ingestion)."""
        return dict(self.model_extra or {})
