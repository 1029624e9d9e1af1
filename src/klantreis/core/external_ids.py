"""External ids: the keys other systems (the ERP, the CRM) know a record by, one per record."""

from __future__ import annotations

from klantreis.core.errors import Conflict
from klantreis.core.ports import ExternalIds


def refuse_taken_external_id(known: ExternalIds, kind: str, external_id: str | None) -> None:
    """``Conflict`` when a ``kind`` (customer, device, technician) already has ``external_id``."""
    if external_id and known.ids_by_external_id([external_id]):
        raise Conflict(f"a {kind} with external_id '{external_id}' already exists")
