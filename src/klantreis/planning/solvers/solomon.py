"""Solomon VRPTW instances: reading them, and judging a solution in double precision."""

from __future__ import annotations

from dataclasses import dataclass
from math import hypot
from pathlib import Path


@dataclass(frozen=True, slots=True)
class VrptwInstance:
    """Index 0 is the depot. Travel time equals Euclidean distance (the Solomon convention)."""

    name: str
    vehicles: int
    capacity: int
    x: tuple[float, ...]
    y: tuple[float, ...]
    demand: tuple[int, ...]
    ready: tuple[int, ...]
    due: tuple[int, ...]
    service: tuple[int, ...]

    def distance(self, i: int, j: int) -> float:
        return hypot(self.x[i] - self.x[j], self.y[i] - self.y[j])

    @property
    def clients(self) -> range:
        return range(1, len(self.x))


def read_solomon(path: Path) -> VrptwInstance:
    """Read the original text format; raises ValueError naming the file on anything else."""
    lines = [line.split() for line in path.read_text().splitlines() if line.strip()]
    try:
        vehicles, capacity = (int(v) for v in lines[3])
        rows = [[float(v) for v in line] for line in lines[6:]]
    except (IndexError, ValueError) as exc:
        raise ValueError(f"{path.name}: not a Solomon VRPTW file ({exc})") from exc
    if not rows or any(len(r) != 7 for r in rows):
        raise ValueError(f"{path.name}: customer rows must have 7 columns")
    return VrptwInstance(
        name=lines[0][0],
        vehicles=vehicles,
        capacity=capacity,
        x=tuple(r[1] for r in rows),
        y=tuple(r[2] for r in rows),
        demand=tuple(int(r[3]) for r in rows),
        ready=tuple(int(r[4]) for r in rows),
        due=tuple(int(r[5]) for r in rows),
        service=tuple(int(r[6]) for r in rows),
    )


@dataclass(frozen=True, slots=True)
class Verdict:
    distance: float
    feasible: bool
    problem: str = ""


def judge(instance: VrptwInstance, routes: list[list[int]], tolerance: float = 1e-6) -> Verdict:
    """Total distance in double precision, and whether every constraint holds."""
    seen = [c for route in routes for c in route]
    if sorted(seen) != list(instance.clients):
        return Verdict(0.0, False, "not every client visited exactly once")
    if len([r for r in routes if r]) > instance.vehicles:
        return Verdict(0.0, False, "more routes than vehicles")
    total = 0.0
    for route in routes:
        if sum(instance.demand[c] for c in route) > instance.capacity:
            return Verdict(0.0, False, f"route {route[:3]}... over capacity")
        time, here = float(instance.ready[0]), 0
        for client in [*route, 0]:
            leg = instance.distance(here, client)
            total += leg
            time = max(time + instance.service[here] + leg, instance.ready[client])
            if time > instance.due[client] + tolerance:
                return Verdict(
                    total,
                    False,
                    f"client {client} reached at {time:.2f} after {instance.due[client]}",
                )
            here = client
    return Verdict(total, True)
