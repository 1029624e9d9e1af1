"""How often one client may fail to sign in or ask for a reset: a sliding window per address,
so that spraying guesses over many accounts is slowed too (the lock-out guards one account);
colleagues signing in behind one office address are not, as only failures count.

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
        """How long the client must wait before trying again, or None."""
        with self._lock:
            seen = self._seen.get(client)
            while seen and seen[0] <= now - self._per:
                seen.popleft()
            return seen[0] + self._per - now if seen and len(seen) >= self._attempts else None

    def count(self, client: str, now: datetime) -> None:
        """One more try that failed (or that anybody may make: asking for a reset)."""
        with self._lock:
            self._seen.setdefault(client, deque()).append(now)
            if len(self._seen) > 100_000:  # forget the quiet ones rather than grow for ever
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - self._per}
