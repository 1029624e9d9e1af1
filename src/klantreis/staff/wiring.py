"""What the staff pages and their sign-in need of the app's container (``core.api.deps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from itsdangerous import URLSafeTimedSerializer

from klantreis.core.ports import Clock
from klantreis.messaging.outbox_service import Messenger
from klantreis.staff.csrf import CsrfTokens
from klantreis.staff.model import SessionPolicy
from klantreis.staff.oidc import OidcClient
from klantreis.staff.ports import StaffUnit
from klantreis.staff.throttle import Throttle


class StaffWiring(Protocol):
    @property
    def clock(self) -> Clock: ...
    @property
    def messenger(self) -> Messenger: ...
    @property
    def staff_sessions(self) -> SessionPolicy: ...
    @property
    def staff_forms(self) -> CsrfTokens: ...
    @property
    def public_base_url(self) -> str: ...
    @property
    def identity_provider(self) -> OidcClient | None: ...
    @property
    def oidc_attempts(self) -> URLSafeTimedSerializer: ...
    @property
    def sign_in_throttle(self) -> Throttle: ...
    @property
    def uow_factory(self) -> Callable[..., StaffUnit]: ...
