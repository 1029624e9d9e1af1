"""The twin's appliances: each may wear towards one failure during the run, and connected
ones report readings that show the wear (the same signals the fleet model learned)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from klantreis.core.device import DeviceKind
from klantreis.sim.telemetry import (
    SIMULATED_KINDS,
    DeviceState,
    PlannedFailure,
    SimulatedDevice,
    code_for,
    device_state,
    modes_with_codes,
    reading,
    wear_at,
)
from klantreis.telemetry.appliance_kinds import Catalogue

# Failures per device-year, by kind (docs/TWIN.md says where these come from).
FAILURES_PER_YEAR = {
    DeviceKind.BOILER: 0.25,
    DeviceKind.HEAT_PUMP: 0.15,
    DeviceKind.DISHWASHER: 0.10,
    DeviceKind.WASHING_MACHINE: 0.12,
}
WEAR_DAYS = (5.0, 20.0)  # how long a failure announces itself in the readings
READING_HOURS = (6, 18)  # UTC hours of a connected appliance's two daily readings
# The kinds that report telemetry by default: boilers. With every simulated kind connected the
# default run takes about 410 s, over the twin's five minutes (docs/TWIN.md gives both runs);
# `klantreis bench twin --every-kind` connects them all.
BOILERS_ONLY = frozenset({DeviceKind.BOILER})
EVERY_KIND = SIMULATED_KINDS


@dataclass(slots=True)
class TwinDevice:
    device_id: str
    customer_id: str
    kind: DeviceKind
    serial: str
    model: str
    connected: bool
    failure: PlannedFailure | None = None
    base: DeviceState | None = None
    failed_at: datetime | None = None  # broken since, until repaired
    repaired_at: datetime | None = None
    prevented_at: datetime | None = None  # the wear was repaired before it broke
    rng: random.Random = field(default_factory=random.Random)

    @property
    def broken(self) -> bool:
        return self.failed_at is not None and self.repaired_at is None

    def failure_due(self, until: datetime) -> bool:
        """Whether the planned failure happens by ``until`` (and has not been prevented)."""
        return self._pending and self.failure is not None and self.failure.at <= until

    def wearing(self, at: datetime) -> bool:
        return self._pending and wear_at(self.failure, at) > 0

    @property
    def _pending(self) -> bool:
        """A failure is planned and has neither happened nor been prevented."""
        return self.failure is not None and self.failed_at is None and self.prevented_at is None

    def break_down(self) -> datetime:
        """The planned failure happens (the caller checked ``failure_due``); returns when."""
        assert self.failure is not None
        self.failed_at = self.failure.at
        return self.failed_at

    def readings(self, since: datetime, until: datetime) -> list[dict[str, object]]:
        """The connected appliance's readings in (since, until]; the failure's fault code comes
        with the first reading after it happened."""
        if not self.connected or self.base is None:
            return []
        found = []
        day = since.replace(hour=0, minute=0, second=0, microsecond=0)
        while day <= until:
            for hour in READING_HOURS:
                at = day + timedelta(hours=hour, seconds=self.rng.randint(0, 600))
                if since < at <= until:
                    found.append(self._reading(at))
            day += timedelta(days=1)
        return found

    def _reading(self, at: datetime) -> dict[str, object]:
        assert self.base is not None
        failure = self.failure
        fault = False
        if self.failure_due(at):
            self.break_down()
            fault = True
        active = failure if (self.broken or self.wearing(at)) else None
        wear = 1.0 if self.broken else wear_at(active, at)
        item = reading(
            self.serial,
            self.base,
            active.mode if active else None,
            wear,
            at,
            timedelta(hours=12),
            self.rng,
        )
        if fault and failure is not None:
            item["fault_code"] = failure.fault_code
        return item

    def repair(self, at: datetime, looked_for_wear: bool) -> None:
        """A technician resolved a visit here: a broken device works again; a wearing one is
        mended before it breaks if the technician looked for the wear."""
        if self.broken:
            self.repaired_at = at
        elif looked_for_wear and self.wearing(at):
            self.prevented_at = at


def plan_device(
    device_id: str,
    customer_id: str,
    kind: DeviceKind,
    serial: str,
    model: str,
    connected: bool,
    start: datetime,
    end: datetime,
    seed: str,
    catalogue: Catalogue,
) -> TwinDevice:
    """One device, with at most one failure drawn for the run (exponential waiting time)."""
    rng = random.Random(seed)
    device = TwinDevice(device_id, customer_id, kind, serial, model, connected, rng=rng)
    if connected:
        device.base = device_state(kind, rng)
    days = (end - start).total_seconds() / 86_400
    wait = rng.expovariate(FAILURES_PER_YEAR[kind] / 365)
    if wait >= days:
        return device
    at = start + timedelta(days=wait)
    simulated = SimulatedDevice(serial, model, kind)
    modes = modes_with_codes(catalogue, simulated) if connected else []
    if modes:
        mode = rng.choice(modes)
        code = code_for(catalogue, simulated, mode)
        assert code is not None
        device.failure = PlannedFailure(serial, mode, at, code, rng.uniform(*WEAR_DAYS))
    else:  # an unconnected appliance just breaks; the customer calls
        device.failure = PlannedFailure(serial, "other", at, "", rng.uniform(*WEAR_DAYS))
    return device
