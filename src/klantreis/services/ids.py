"""Identifiers: 32 hex characters, ordered by creation (the UUIDv7 layout).

Time-ordered ids keep rows created in one instant (events of one request) in the order they
were made when sorted by id, and index better than random ids.
"""

from __future__ import annotations

import os
import threading
import time

_lock = threading.Lock()
_last = [0, 0]  # milliseconds, counter within that millisecond


def new_id() -> str:
    with _lock:
        millis = time.time_ns() // 1_000_000
        if millis <= _last[0]:
            millis, counter = _last[0], _last[1] + 1
        else:
            counter = 0
        if counter > 0xFFF:  # more than 4,096 ids in one millisecond: borrow the next one
            millis, counter = millis + 1, 0
        _last[0], _last[1] = millis, counter
    random_tail = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (millis << 80) | (0x7 << 76) | ((counter & 0xFFF) << 64) | (0b10 << 62) | random_tail
    return f"{value:032x}"
