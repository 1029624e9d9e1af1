"""The ports services depend on; adapters implement them, unit tests fake them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from klantreis.core.api_key import ApiKeyInfo
from klantreis.core.case import CaseState, ServiceCase
from klantreis.core.case_board import BoardRow, CaseFilter
from klantreis.core.customer import Customer
from klantreis.core.device import Device, DeviceKind
from klantreis.core.journey import JourneyEvent
from klantreis.core.places import AreaDemand, Place
from klantreis.core.technician import Technician


class HolidayCalendar(Protocol):
    def holiday(self, day: date) -> str | None:
        """The name of the public holiday on ``day``, or None on a working day."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""
        ...


class Gazetteer(Protocol):
    def place(self, pc4: str) -> Place | None:
        """The place a 4-digit postcode belongs to, or None if it does not exist."""
        ...

    def has_prefix(self, prefix: str) -> bool:
        """Whether any existing postcode starts with ``prefix`` (1-4 digits)."""
        ...


class ExternalIds(Protocol):
    def ids_by_external_id(self, external_ids: Iterable[str]) -> dict[str, str]:
        """Our id for each of ``external_ids`` that is known (the keys other systems use)."""
        ...


class CustomerRepository(ExternalIds, Protocol):
    def get(self, customer_id: str) -> Customer | None: ...
    def list(self, offset: int, limit: int) -> Sequence[Customer]: ...
    def add(self, customer: Customer) -> None: ...
    def upsert_many(self, new: Sequence[Customer], existing: Sequence[Customer]) -> None:
        """Insert ``new``, update ``existing``; never changes ``books_for_me`` of the latter."""
        ...

    def set_books_for_me(self, customer_id: str, allowed: bool) -> None: ...
    def ids_booking_for_them(self, customer_ids: Iterable[str]) -> set[str]:
        """Those of ``customer_ids`` who gave standing permission to book for them."""
        ...

    def count(self) -> int: ...
    def demand_by_pc4(self) -> Sequence[AreaDemand]:
        """Customers per postcode area with a location, at the mean of their locations."""
        ...

    def by_contact(self, address: str) -> Customer | None:
        """The customer with this e-mail address or phone number, if exactly one has it."""
        ...


class DeviceRepository(ExternalIds, Protocol):
    def get(self, device_id: str) -> Device | None: ...
    def list(self, offset: int, limit: int, customer_id: str | None = None) -> Sequence[Device]: ...
    def serial_owners(self, serials: Iterable[str]) -> dict[str, str]: ...
    def serial_kinds(self, serials: Iterable[str]) -> dict[str, tuple[str, DeviceKind]]: ...
    def lock(self, device_ids: Iterable[str]) -> None:
        """Hold the devices' rows until the unit of work ends (one writer per device)."""
        ...

    def with_contracts(self) -> Sequence[Device]: ...
    def add(self, device: Device) -> None: ...
    def upsert_many(self, new: Sequence[Device], existing: Sequence[Device]) -> None: ...


class TechnicianRepository(ExternalIds, Protocol):
    def get(self, technician_id: str) -> Technician | None: ...
    def list(self, offset: int, limit: int) -> Sequence[Technician]: ...
    def add(self, technician: Technician) -> None: ...
    def upsert_many(self, new: Sequence[Technician], existing: Sequence[Technician]) -> None: ...
    def revision(self) -> int:
        """A number that changes whenever the crew does."""
        ...


class CaseRepository(Protocol):
    def get(self, case_id: str, *, for_update: bool = False) -> ServiceCase | None: ...
    def list(
        self,
        offset: int,
        limit: int,
        state: CaseState | None = None,
        customer_id: str | None = None,
        among: Collection[str] | None = None,
    ) -> Sequence[ServiceCase]:
        """Cases in the order they were opened; ``among``: only these ids."""
        ...

    def open_cases_by_device(self, device_ids: Iterable[str]) -> dict[str, str]:
        """For each device with a case still asking for work, that case's id."""
        ...

    def board(
        self, filters: CaseFilter, after: tuple[datetime, str] | None, limit: int
    ) -> Sequence[BoardRow]:
        """The newest cases first that pass ``filters``, those older than the case ``after``
        (its opening time and id: keyset paging, as fast on page 100 as on page 1)."""
        ...

    def add(self, case: ServiceCase) -> None: ...
    def save(self, case: ServiceCase, expected_version: int) -> None:
        """Store the case's new state; raise ``ConcurrentUpdate`` if its version moved."""
        ...


class JourneyEventRepository(Protocol):
    def append(self, event: JourneyEvent) -> None: ...
    def append_many(self, events: Sequence[JourneyEvent]) -> None: ...
    def list(
        self,
        offset: int,
        limit: int,
        customer_id: str | None = None,
        case_id: str | None = None,
    ) -> Sequence[JourneyEvent]: ...
    def recent(self, customer_id: str, touchpoint: str, since: datetime) -> Sequence[JourneyEvent]:
        """The customer's events at ``touchpoint`` after ``since``, oldest first."""
        ...


class ApiKeyRepository(Protocol):
    """API keys, by the hash of the key."""

    def add(
        self,
        key_id: str,
        name: str,
        role: str,
        key_hash: str,
        at: datetime,
        serials: Sequence[str] | None = None,
        technician_id: str | None = None,
    ) -> None: ...
    def serials_for(self, key_hash: str) -> frozenset[str]:
        """The serials a device key may send readings for (none for other keys)."""
        ...

    def role_for(self, key_hash: str) -> str | None:
        """The role of a key that exists and was not revoked."""
        ...

    def technician_for(self, key_hash: str) -> str | None:
        """The technician a technician's key belongs to."""
        ...

    def revoke(self, key_id_or_name: str, at: datetime) -> int:
        """Revoke the keys with this id or name; how many were."""
        ...

    def list(self) -> Sequence[ApiKeyInfo]:
        """Every key, the newest first."""
        ...


class PlannedCases(Protocol):
    """What the core reads of the day plan: which cases a technician's key reaches."""

    def cases_of_technician(self, technician_id: str, from_day: date) -> frozenset[str]: ...


class UnitOfWork(Protocol):
    """One transaction over the core's repositories. Each capability extends it with its own
    (``MessagingUnit``, ``SchedulingUnit``, ...) beside its ports, and the app's SQL unit of
    work holds them all. Each repository is a read-only property, so an implementation may
    hold its own repository types (the SQL ones, the tests' fakes)."""

    @property
    def customers(self) -> CustomerRepository: ...
    @property
    def devices(self) -> DeviceRepository: ...
    @property
    def technicians(self) -> TechnicianRepository: ...
    @property
    def cases(self) -> CaseRepository: ...
    @property
    def events(self) -> JourneyEventRepository: ...
    @property
    def api_keys(self) -> ApiKeyRepository: ...
    @property
    def plans(self) -> PlannedCases: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
