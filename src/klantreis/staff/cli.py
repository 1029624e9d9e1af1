"""``klantreis user``: staff accounts from the server's command line, and the audit trail."""

from __future__ import annotations

import secrets
import sys
from collections.abc import Callable
from typing import Annotated, Protocol, TypeVar

import typer

from klantreis.core.commands import container_of
from klantreis.core.common import Language
from klantreis.core.console import console
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import ServiceError
from klantreis.core.ports import Clock
from klantreis.core.spreadsheet import SpreadsheetSafeWriter
from klantreis.messaging.outbox_service import Messenger
from klantreis.staff.audit import CLI, CSV_HEADER, AuditAction, SubjectKind, csv_row
from klantreis.staff.model import StaffRole, StaffUser
from klantreis.staff.ports import StaffUnit
from klantreis.staff.service import (
    audit,
    create_user,
    send_password_reset,
    set_active,
    set_roles,
    staff_list,
    whole_audit_trail,
)
from klantreis.staff.signed_in import password_reset_link


class UserCommandsNeed(Protocol):
    @property
    def clock(self) -> Clock: ...
    @property
    def messenger(self) -> Messenger: ...
    @property
    def public_base_url(self) -> str: ...
    @property
    def uow_factory(self) -> Callable[..., StaffUnit]: ...


T = TypeVar("T")

user_app = typer.Typer(help="Staff accounts: create, disable, reset, roles.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail of who did what.", no_args_is_help=True)

RoleOption = Annotated[
    list[StaffRole], typer.Option("--role", help="A role (repeat for more than one)")
]


def _refuse(error: InvalidValue | ServiceError) -> typer.Exit:
    text = f"--{error.field}: {error.message}" if isinstance(error, InvalidValue) else error.detail
    console.print(f"[red]{text}[/]")
    return typer.Exit(2)


def _changed(container: UserCommandsNeed, change: Callable[[StaffUnit], T]) -> T:
    """Make the change in one unit of work and commit it; a refusal is named, nothing kept."""
    with container.uow_factory() as uow:
        try:
            result = change(uow)
        except (InvalidValue, ServiceError) as error:
            raise _refuse(error) from error
        uow.commit()
    return result


def _mail_link(container: UserCommandsNeed, uow: StaffUnit, email: str) -> bool:
    link = password_reset_link(container.public_base_url)
    return send_password_reset(
        uow, container.clock, container.messenger.templates, link, CLI, email
    )


@user_app.command("create")
def create(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Their e-mail address: they sign in with it")],
    name: Annotated[str, typer.Option(help="Their name as colleagues see it")],
    role: RoleOption,
    language: Annotated[Language, typer.Option(help="The console's language for them")] = (
        Language.NL
    ),
    technician: Annotated[
        str | None, typer.Option(help="For the technician role: the technician's id")
    ] = None,
    print_password: Annotated[
        bool,
        typer.Option(help="Print a first password once instead of mailing a link to choose one"),
    ] = False,
) -> None:
    """Create a staff account. By default they get a mail (through the outbox) to choose a
    password; with --print-password a first password is printed once, never stored."""
    container: UserCommandsNeed = container_of(ctx)
    password = secrets.token_urlsafe(15) if print_password else None

    def add(uow: StaffUnit) -> StaffUser:
        user = create_user(
            uow,
            container.clock,
            CLI,
            email=email,
            name=name,
            roles=role,
            language=language,
            technician_id=technician,
            password=password,
        )
        if password is None:
            _mail_link(container, uow, user.email)
        return user

    user = _changed(container, add)
    console.print(f"created {user.email} ({', '.join(sorted(user.roles))})", highlight=False)
    if password is not None:
        console.print(f"first password (shown once): {password}", highlight=False)
    else:
        console.print("a mail to choose a password is in the outbox (klantreis worker sends it)")


@user_app.command("disable")
def disable(ctx: typer.Context, email: str) -> None:
    """Disable an account: every session of it ends at once."""
    container: UserCommandsNeed = container_of(ctx)
    user = _changed(container, lambda uow: set_active(uow, container.clock, CLI, email, False))
    console.print(f"{user.email}: disabled", highlight=False)


@user_app.command("enable")
def enable(ctx: typer.Context, email: str) -> None:
    """Enable a disabled account again (and lift a lock-out)."""
    container: UserCommandsNeed = container_of(ctx)
    user = _changed(container, lambda uow: set_active(uow, container.clock, CLI, email, True))
    console.print(f"{user.email}: enabled", highlight=False)


@user_app.command("reset")
def reset(ctx: typer.Context, email: str) -> None:
    """Mail the account a link to choose a new password (valid for an hour, once)."""
    container: UserCommandsNeed = container_of(ctx)
    if not _changed(container, lambda uow: _mail_link(container, uow, email)):
        console.print(f"[red]no active staff account has the address '{email}'[/]")
        raise typer.Exit(1)
    console.print("a mail with the link is in the outbox (klantreis worker sends it)")


@user_app.command("roles")
def roles(ctx: typer.Context, email: str, role: RoleOption) -> None:
    """Replace an account's roles."""
    container: UserCommandsNeed = container_of(ctx)
    user = _changed(container, lambda uow: set_roles(uow, container.clock, CLI, email, role))
    console.print(f"{user.email}: {', '.join(sorted(user.roles))}", highlight=False)


@user_app.command("list")
def list_users(ctx: typer.Context) -> None:
    """Every staff account, its roles and whether it is active."""
    container: UserCommandsNeed = container_of(ctx)
    with container.uow_factory(read_only=True) as uow:
        for user in staff_list(uow):
            state = "active" if user.active else "disabled"
            console.print(
                f"{user.email}\t{user.name}\t{','.join(sorted(user.roles))}\t{state}",
                highlight=False,
            )


@audit_app.command("export")
def export(ctx: typer.Context) -> None:
    """The whole audit trail as CSV on standard output, newest first (and the export itself
    becomes its next line)."""
    container: UserCommandsNeed = container_of(ctx)
    writer = SpreadsheetSafeWriter(sys.stdout)
    writer.writerow(CSV_HEADER)
    with container.uow_factory() as uow:
        for entry in whole_audit_trail(uow):
            writer.writerow(csv_row(entry))
        audit(uow, container.clock, CLI, AuditAction.AUDIT_EXPORTED, SubjectKind.AUDIT, "csv")
        uow.commit()
