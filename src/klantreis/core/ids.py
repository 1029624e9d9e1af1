"""Identifiers: 32 hex characters, ordered by creation (the UUIDv7 layout).

Time-ordered ids keep rows created in one instant (events of one request) in the order they
were made when sorted by id, and index better than random ids.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime


def clock_ids(now: Callable[[], datetime], rng: random.Random) -> Callable[[], str]:
    """Ids from ``now`` (milliseconds, plus a counter within one) and ``rng`` (the tail)."""
    last = [0, 0]  # milliseconds, counter within that millisecond

    def next_id() -> str:
        millis = max(int(now().timestamp() * 1000), last[0])
        counter = last[1] + 1 if millis == last[0] else 0
        if counter > 0xFFF:  # more than 4,096 ids in one millisecond: borrow the next one
            millis, counter = millis + 1, 0
        last[0], last[1] = millis, counter
        tail = rng.getrandbits(64) & ((1 << 62) - 1)
        value = (millis << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | tail
        return f"{value:032x}"

    return next_id


_lock = threading.Lock()
_system = clock_ids(lambda: datetime.now(UTC), random.SystemRandom())
_replacement: list[Callable[[], str]] = []


@contextmanager
def ids_from(source: Callable[[], str]) -> Iterator[None]:
    """Take ids from ``source`` meanwhile: a simulation on its own clock and random seed
    needs ids that repeat from run to run, or anything ordered by id would differ."""
    _replacement.append(source)
    try:
        yield
    finally:
        _replacement.pop()


def new_id() -> str:
    if _replacement:
        return _replacement[-1]()
    with _lock:
        return _system()
