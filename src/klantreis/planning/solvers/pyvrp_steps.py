"""What both PyVRP solvers read off a solution's schedule."""

from __future__ import annotations

from typing import Any


def is_client(step: Any) -> bool:
    """Whether a scheduled step visits a client (not a depot). PyVRP has had this as a
    property and as a method; either is read."""
    flag = step.is_client
    return bool(flag() if callable(flag) else flag)
