"""How often one client may try to sign in or ask for a reset: a sliding window per address,
so that spraying guesses over many accounts is slowed too (the lock-out guards one account).

In the memory of one server process: behind several processes each counts its own share."""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta


class Throttle:
    def __init__(self, attempts: int = 20, per: timedelta = timedelta(minutes=10)) -> None:
        self._attempts = attempts
        self._per = per
        self._seen: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def wait_for(self, client: str, now: datetime) -> timedelta | None:
        """None and the attempt counted, or how long the client must wait (nothing counted)."""
        with self._lock:
            seen = self._seen.setdefault(client, deque())
            while seen and seen[0] <= now - self._per:
                seen.popleft()
            if len(seen) >= self._attempts:
                return seen[0] + self._per - now
            seen.append(now)
            if len(self._seen) > 100_000:  # forget the quiet ones rather than grow for ever
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - self._per}
            return None
