"""Response models: the exact shapes the API returns (and documents in OpenAPI)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from klantreis.core.case import (
    CaseAction,
    CaseOrigin,
    CaseState,
    Findings,
    ServiceCase,
    allowed_actions,
)
from klantreis.core.common import Channel
from klantreis.core.customer import Customer, SchoolRegion
from klantreis.core.device import Device
from klantreis.core.journey import JourneyEvent, Phase
from klantreis.core.pseudonyms import Pseudonyms
from klantreis.core.records import (
    AbsenceRecord,
    ConsentRecord,
    ContractRecord,
    CustomerRecord,
    QuietHoursRecord,
)
from klantreis.core.technician import Technician
from klantreis.telemetry.visit_findings import Found, VisitFinding


class CustomerOut(CustomerRecord):
    id: str
    school_region: SchoolRegion  # always known once stored
    city: str

    @classmethod
    def of(cls, c: Customer) -> CustomerOut:
        location = c.address.location
        return cls(
            id=c.id,
            external_id=c.external_id,
            salutation=c.salutation,
            initials=c.initials,
            first_name=c.first_name,
            tussenvoegsel=c.tussenvoegsel,
            surname=c.surname,
            organisation=c.organisation,
            contact_role=c.contact_role,
            language=c.language,
            persona=c.persona,
            school_region=c.school_region,
            email=c.email,
            phone=c.phone,
            timezone=c.timezone,
            street=c.address.street,
            house_number=c.address.house_number,
            postcode=c.address.postcode,
            city=c.address.city,
            latitude=location.latitude if location else None,
            longitude=location.longitude if location else None,
            consents=[
                ConsentRecord(purpose=k.purpose, channel=k.channel, granted=k.granted)
                for k in c.consents
            ],
            channel_preferences=c.channel_preferences,
            quiet_hours=(
                QuietHoursRecord(start=c.quiet_hours.start, end=c.quiet_hours.end)
                if c.quiet_hours
                else None
            ),
            absences=[AbsenceRecord(start=a.start, end=a.end, reason=a.reason) for a in c.absences],
        )


class DeviceOut(BaseModel):
    id: str
    external_id: str | None
    customer_id: str
    kind: str
    model: str
    serial: str
    installed_on: date
    contract: ContractRecord | None

    @classmethod
    def of(cls, d: Device) -> DeviceOut:
        contract = (
            ContractRecord(
                reference=d.contract.reference,
                start=d.contract.start,
                interval_months=d.contract.interval_months,
            )
            if d.contract
            else None
        )
        return cls(
            id=d.id,
            external_id=d.external_id,
            customer_id=d.customer_id,
            kind=d.kind.value,
            model=d.model,
            serial=d.serial,
            installed_on=d.installed_on,
            contract=contract,
        )


class TechnicianOut(BaseModel):
    id: str
    external_id: str | None
    name: str
    latitude: float
    longitude: float
    skills: list[str]
    shifts: list[str]
    active: bool

    @classmethod
    def of(cls, t: Technician) -> TechnicianOut:
        return cls(
            id=t.id,
            external_id=t.external_id,
            name=t.name,
            latitude=t.home_base.latitude,
            longitude=t.home_base.longitude,
            skills=sorted(t.skills),
            shifts=[str(s) for s in t.shifts],
            active=t.active,
        )


class TransitionOut(BaseModel):
    action: CaseAction
    from_state: CaseState
    to_state: CaseState
    at: datetime
    reason: str


class FindingsOut(BaseModel):
    """Why the device asked for this visit."""

    cause: str
    description: str
    urgency: str
    parts: list[str]
    explanation: list[str]
    risk: float | None
    failure_mode: str | None
    model_version: int | None
    fix_before: date | None = None  # a predicted failure: visit on an earlier (local) day

    @classmethod
    def of(cls, f: Findings) -> FindingsOut:
        return cls(
            cause=f.cause,
            description=f.description,
            urgency=f.urgency,
            parts=list(f.parts),
            explanation=list(f.explanation),
            risk=f.risk,
            failure_mode=f.failure_mode,
            model_version=f.model_version,
            fix_before=f.fix_before,
        )


class FindingOut(BaseModel):
    """What a technician found on a predicted or maintenance visit."""

    model_config = ConfigDict(from_attributes=True)

    case_id: str
    device_id: str
    found: Found
    recorded_at: datetime
    failure_mode: str | None
    model_version: int | None

    @classmethod
    def of(cls, f: VisitFinding) -> FindingOut:
        return cls.model_validate(f)


class CaseOut(BaseModel):
    id: str
    customer_id: str
    device_id: str | None
    origin: CaseOrigin
    state: CaseState
    summary: str
    required_skills: list[str]
    duration_minutes: int
    urgent: bool
    reschedule_count: int
    version: int
    opened_at: datetime
    allowed_actions: list[CaseAction]
    history: list[TransitionOut]
    findings: FindingsOut | None = None

    @classmethod
    def of(cls, c: ServiceCase, pseudonyms: Pseudonyms | None = None) -> CaseOut:
        """With ``pseudonyms`` (for analysts): the customer and device as pseudonyms, and
        no free text (a summary or a reason may name a person)."""
        return cls(
            id=c.id,
            customer_id=pseudonyms.of(c.customer_id) if pseudonyms else c.customer_id,
            device_id=pseudonyms.of_optional(c.device_id) if pseudonyms else c.device_id,
            origin=c.origin,
            state=c.state,
            summary="" if pseudonyms else c.summary,
            required_skills=sorted(c.required_skills),
            duration_minutes=c.duration_minutes,
            urgent=c.urgent,
            reschedule_count=c.reschedule_count,
            version=c.version,
            opened_at=c.opened_at,
            allowed_actions=allowed_actions(c.state),
            findings=None if c.findings is None else FindingsOut.of(c.findings),
            history=[
                TransitionOut(
                    action=t.action,
                    from_state=t.from_state,
                    to_state=t.to_state,
                    at=t.at,
                    reason="" if pseudonyms else t.reason,
                )
                for t in c.history
            ],
        )


class EventOut(BaseModel):
    id: str
    customer_id: str
    case_id: str | None
    phase: Phase
    touchpoint: str
    channel: Channel
    occurred_at: datetime
    properties: dict[str, str | int | float | bool | None]

    @classmethod
    def of(cls, e: JourneyEvent, pseudonyms: Pseudonyms | None = None) -> EventOut:
        """With ``pseudonyms`` (for analysts): the customer as a pseudonym."""
        return cls(
            id=e.id,
            customer_id=pseudonyms.of(e.customer_id) if pseudonyms else e.customer_id,
            case_id=e.case_id,
            phase=e.phase,
            touchpoint=e.touchpoint,
            channel=e.channel,
            occurred_at=e.occurred_at,
            properties=e.properties,
        )


class RejectedEventOut(BaseModel):
    index: int
    field: str
    reason: str


class EventBatchOut(BaseModel):
    accepted: int
    rejected: list[RejectedEventOut]
    events: list[EventOut]


class Health(BaseModel):
    status: str
    database: str
    version: str
