"""The SQLAlchemy unit of work: one session, one transaction, repositories on top."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from klantreis.core.db.engine import WRITE_OPTION
from klantreis.core.db.repositories.api_keys import SqlApiKeyRepository
from klantreis.core.db.repositories.cases import SqlCaseRepository
from klantreis.core.db.repositories.customers import SqlCustomerRepository
from klantreis.core.db.repositories.devices import SqlDeviceRepository
from klantreis.core.db.repositories.events import SqlJourneyEventRepository
from klantreis.core.db.repositories.technicians import SqlTechnicianRepository
from klantreis.feedback.repository import SqlSurveyRepository
from klantreis.inbound.repository import SqlInboundRepository
from klantreis.messaging.repository import SqlOutboxRepository
from klantreis.planning.repository import SqlPlanRepository, SqlVisitNoteRepository
from klantreis.preferences.repository import SqlContactChangeRepository
from klantreis.scheduling.booking_repository import SqlBookingRepository
from klantreis.scheduling.repository import (
    SqlCalendarLinkRepository,
    SqlDayRuleRepository,
    SqlIdempotencyRepository,
)
from klantreis.staff.repository import SqlAuditLog, SqlStaffRepository
from klantreis.telemetry.findings_repository import SqlVisitFindingRepository
from klantreis.telemetry.jobs_repository import (
    SqlMaintenanceRepository,
    SqlModelRegistry,
    SqlRiskRepository,
)
from klantreis.telemetry.repository import SqlTelemetryRepository


class SqlAlchemyUnitOfWork:
    """Use as ``with uow: ...; uow.commit()``; leaving without commit rolls back."""

    def __init__(self, session_factory: sessionmaker[Session], read_only: bool = False) -> None:
        self._session_factory = session_factory
        self._read_only = read_only

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        if self._read_only:
            self.session.connection(execution_options={WRITE_OPTION: False})
        self.customers = SqlCustomerRepository(self.session)
        self.devices = SqlDeviceRepository(self.session)
        self.technicians = SqlTechnicianRepository(self.session)
        self.cases = SqlCaseRepository(self.session)
        self.events = SqlJourneyEventRepository(self.session)
        self.api_keys = SqlApiKeyRepository(self.session)
        self.bookings = SqlBookingRepository(self.session)
        self.day_rules = SqlDayRuleRepository(self.session)
        self.idempotency = SqlIdempotencyRepository(self.session)
        self.calendar_links = SqlCalendarLinkRepository(self.session)
        self.plans = SqlPlanRepository(self.session)
        self.visit_notes = SqlVisitNoteRepository(self.session)
        self.telemetry = SqlTelemetryRepository(self.session)
        self.risk = SqlRiskRepository(self.session)
        self.models = SqlModelRegistry(self.session)
        self.maintenance = SqlMaintenanceRepository(self.session)
        self.outbox = SqlOutboxRepository(self.session)
        self.inbound = SqlInboundRepository(self.session)
        self.surveys = SqlSurveyRepository(self.session)
        self.contact_changes = SqlContactChangeRepository(self.session)
        self.visit_findings = SqlVisitFindingRepository(self.session)
        self.staff = SqlStaffRepository(self.session)
        self.audit = SqlAuditLog(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
