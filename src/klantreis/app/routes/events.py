from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import Field

from klantreis.app.bootstrap import Container
from klantreis.app.ports import AppUnit
from klantreis.app.schemas import EventBatchOut, EventOut, RejectedEventOut
from klantreis.core import journey_log as journey
from klantreis.core.access import Caller, Role
from klantreis.core.api.deps import ContainerOf, PageDep, UnitOfWorkDep, identify, require
from klantreis.core.journey_config import load_journey
from klantreis.core.reach import pseudonyms_for
from klantreis.core.records import EventRecord

UowDep = UnitOfWorkDep[AppUnit]
ContainerDep = ContainerOf[Container]

router = APIRouter(prefix="/events", tags=["journey events"])
Readers = Annotated[Caller, Depends(identify(Role.ANALYST, Role.PLANNER))]
# Journey events are permanent: only the firm's other systems add them.
Writers = Annotated[Role, Depends(require(Role.INTEGRATION))]
Batch = Annotated[list[EventRecord], Field(min_length=1, max_length=5000)]


@router.post(
    "",
    status_code=201,
    response_model=EventBatchOut,
    summary="Append journey events (append-only; refused events are named, the rest kept)",
)
def append_events(records: Batch, uow: UowDep, _: Writers) -> EventBatchOut:
    result = journey.append_events(uow, records, load_journey())
    return EventBatchOut(
        accepted=len(result.accepted),
        rejected=[
            RejectedEventOut(index=r.index, field=r.field, reason=r.reason) for r in result.rejected
        ],
        events=[EventOut.of(e) for e in result.accepted],
    )


@router.get("", response_model=list[EventOut], summary="Read the journey event log")
def list_events(
    uow: UowDep,
    container: ContainerDep,
    page: PageDep,
    caller: Readers,
    customer_id: str | None = None,
    case_id: str | None = None,
) -> list[EventOut]:
    """Analysts see each customer as a pseudonym, and may not filter by a customer's id."""
    pseudonyms = pseudonyms_for(caller, container.pseudonyms, customer_id)
    found = journey.list_events(uow, *page, customer_id, case_id)
    return [EventOut.of(e, pseudonyms) for e in found]
