"""Dependencies every route takes: the container, a unit of work, the caller's role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import APIKeyHeader

from klantreis.core.access import Caller, Role, caller_of
from klantreis.core.ports import UnitOfWork

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key; each key carries one role"
)


class OpensUnits(Protocol):
    """What the core's dependencies need of the app's container."""

    @property
    def uow_factory(self) -> Callable[..., UnitOfWork]: ...


def get_container(request: Request) -> Any:
    return request.app.state.container


C = TypeVar("C")
# The app's container, typed as what a capability's routes say they need of it (a Protocol
# beside them: ``ContainerDep = ContainerOf[SchedulingWiring]``); the app checks it serves all.
ContainerOf = Annotated[C, Depends(get_container)]
ContainerDep = ContainerOf[OpensUnits]


def get_uow(container: ContainerDep, request: Request) -> Iterator[UnitOfWork]:
    """The request's unit of work. GET and HEAD only read; any other method commits once
    the route has returned, and rolls back if it raised. Routes and services never commit.

    Its scope is the route function: the commit runs before the answer is sent, so a
    commit that fails answers as an error instead of a 2xx for writes that were lost."""
    writes = request.method not in ("GET", "HEAD")
    with container.uow_factory(read_only=not writes) as uow:
        yield uow
        if writes:
            uow.commit()


def get_writing_uow(container: ContainerDep) -> Iterator[UnitOfWork]:
    """For the rare GET that must write (a sign-in's return from the identity provider,
    which the protocol makes a GET): commits once the route has returned, like a POST."""
    with container.uow_factory() as uow:
        yield uow
        uow.commit()


U = TypeVar("U", bound=UnitOfWork)


def write_apart(unit_factory: Callable[..., U], work: Callable[[U], None]) -> None:
    """The request's own bookkeeping on a GET (a staff session's idle clock): a short writing
    unit of its own, committed here, because the request's unit only reads on a GET."""
    with unit_factory() as uow:
        work(uow)
        uow.commit()


# The request's unit of work, typed as what the capability's routes need of it:
# ``UowDep = UnitOfWorkDep[SchedulingUnit]`` in scheduling's routes.
UnitOfWorkDep = Annotated[U, Depends(get_uow, scope="function")]
UowDep = UnitOfWorkDep[UnitOfWork]
WritingUnitOfWorkDep = Annotated[U, Depends(get_writing_uow, scope="function")]


def identify(*roles: Role) -> Callable[..., Caller]:
    """A dependency that lets through only keys whose role is in ``roles`` (admin always),
    and says who is calling: a technician's key also names its technician."""
    allowed = {Role.ADMIN, *roles}

    def check(
        container: ContainerDep, key: Annotated[str | None, Depends(api_key_header)]
    ) -> Caller:
        if not key:
            raise HTTPException(
                401,
                "an API key is required (header X-API-Key)",
                headers={"WWW-Authenticate": "ApiKey"},
            )
        with container.uow_factory(read_only=True) as uow:
            caller = caller_of(uow, key)
        if caller is None:
            raise HTTPException(
                401, "this API key is unknown or revoked", headers={"WWW-Authenticate": "ApiKey"}
            )
        if caller.role not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise HTTPException(
                403, f"role '{caller.role.value}' may not do this (allowed: {names})"
            )
        return caller

    return check


def require(*roles: Role) -> Callable[..., Role]:
    """As ``identify``, for routes where the role alone decides."""
    identified = identify(*roles)

    # A default rather than Annotated: the annotations are strings, resolved in this
    # module's globals, where the closure's ``identified`` is not.
    def check(caller: Caller = Depends(identified)) -> Role:  # noqa: B008
        return caller.role

    return check


def page(
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> tuple[int, int]:
    return offset, limit


PageDep = Annotated[tuple[int, int], Depends(page)]
