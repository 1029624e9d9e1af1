"""Identifiers: 32 hex characters, ordered by creation (the UUIDv7 layout).

Time-ordered ids keep rows created in one instant (events of one request) in the order they
were made when sorted by id, and index better than random ids.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

_lock = threading.Lock()
_last = [0, 0]  # milliseconds, counter within that millisecond
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
        millis = time.time_ns() // 1_000_000
        if millis <= _last[0]:
            millis, counter = _last[0], _last[1] + 1
        else:
            counter = 0
        if counter > 0xFFF:  # more than 4,096 ids in one millisecond: borrow the next one
            millis, counter = millis + 1, 0
        _last[0], _last[1] = millis, counter
    random_tail = int.from_bytes(os.urandom(8), "big")
    return _layout(millis, counter, random_tail)


def clock_ids(now: Callable[[], datetime], rng: random.Random) -> Callable[[], str]:
    """Ids in the same layout from a (simulated) clock and a seeded random source."""
    last = [0, 0]

    def next_id() -> str:
        millis = max(int(now().timestamp() * 1000), last[0])
        counter = last[1] + 1 if millis == last[0] else 0
        if counter > 0xFFF:
            millis, counter = millis + 1, 0
        last[0], last[1] = millis, counter
        return _layout(millis, counter, rng.getrandbits(64))

    return next_id


def _layout(millis: int, counter: int, tail: int) -> str:
    random_tail = tail & ((1 << 62) - 1)
    value = (millis << 80) | (0x7 << 76) | ((counter & 0xFFF) << 64) | (0b10 << 62) | random_tail
    return f"{value:032x}"
