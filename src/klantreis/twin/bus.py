"""Every kind of twin event and its one handler: the company's and the customers'."""

from __future__ import annotations

from collections.abc import Mapping

from klantreis.twin import company, customers
from klantreis.twin.events import Event
from klantreis.twin.world import Handler

HANDLERS: Mapping[type[Event], Handler] = {**company.HANDLERS, **customers.HANDLERS}
