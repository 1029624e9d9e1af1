"""The whole schema: the core's tables and every capability's, on one ``metadata``.

Each capability owns its tables; the app imports them all so that Alembic (and a check of
the migrated database against the model) sees every table."""

from __future__ import annotations

import klantreis.feedback.tables
import klantreis.inbound.tables
import klantreis.messaging.tables
import klantreis.planning.tables
import klantreis.preferences.tables
import klantreis.scheduling.tables
import klantreis.staff.tables
import klantreis.telemetry.tables  # noqa: F401 (imported for the tables they add)
from klantreis.core.db.tables import metadata

__all__ = ["metadata"]
