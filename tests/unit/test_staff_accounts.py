"""Staff accounts without a database: passwords, lock-out, sessions that end, reset links
that work once, and every change in the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from klantreis.core.common import GeoPoint, Language
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import Conflict, NotFound
from klantreis.core.technician import Technician
from klantreis.messaging.catalog import TemplateCatalog
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.staff.audit import CLI, AuditAction
from klantreis.staff.csrf import CsrfTokens, same_value
from klantreis.staff.model import (
    LOCK_OUT,
    MAX_FAILED_SIGN_INS,
    SessionPolicy,
    StaffRole,
    normalise_email,
    password_problem,
)
from klantreis.staff.passwords import hash_password, password_matches
from klantreis.staff.service import (
    create_user,
    reset_password,
    send_password_reset,
    session_of,
    set_active,
    set_roles,
    sign_in,
    sign_out_everywhere,
    whole_audit_trail,
)
from klantreis.staff.signed_in import safe_back_to
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

PASSWORD = "correct horse battery"
POLICY = SessionPolicy()
TEMPLATES = TemplateCatalog.packaged()


def _with_planner(clock: FixedClock) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    create_user(
        uow,
        clock,
        CLI,
        email=" Piet@Example.NL ",
        name="Piet",
        roles=[StaffRole.PLANNER],
        password=PASSWORD,
    )
    return uow


def _actions(uow: FakeUnitOfWork) -> list[AuditAction]:
    return [e.action for e in reversed(list(whole_audit_trail(uow, page=2)))]


def test_an_address_is_kept_in_lower_case_and_a_non_address_is_refused_by_field() -> None:
    assert normalise_email(" Piet@Example.NL ") == "piet@example.nl"
    with pytest.raises(InvalidValue) as refused:
        normalise_email("piet at example")
    assert refused.value.field == "email"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1!", "at least 12"),
        ("x" * 257, "at most 256"),
        ("piet@example.nl", "e-mail address"),
        ("aaaaaaaaaaaaaaaa", "different characters"),
    ],
)
def test_a_weak_password_is_refused_with_its_reason(password: str, reason: str) -> None:
    problem = password_problem(password, "piet@example.nl")
    assert problem is not None and reason in problem
    assert password_problem(PASSWORD, "piet@example.nl") is None


def test_a_password_is_kept_as_an_argon2id_hash_that_only_it_matches() -> None:
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert password_matches(stored, PASSWORD)
    assert not password_matches(stored, PASSWORD + "!")
    assert not password_matches(None, PASSWORD)  # an account without a password
    assert not password_matches("not a hash", PASSWORD)


def test_the_right_password_opens_a_session_whose_token_only_the_cookie_holds(
    clock: FixedClock,
) -> None:
    uow = _with_planner(clock)
    signed_in = sign_in(uow, clock, "PIET@example.nl", PASSWORD)
    assert signed_in is not None and signed_in.user.email == "piet@example.nl"
    (stored, token_hash) = uow.staff.sessions[signed_in.session.id]
    assert signed_in.token not in token_hash and len(signed_in.token) >= 40
    found = session_of(uow, clock, signed_in.token, POLICY)
    assert found is not None and found.user.id == signed_in.user.id
    assert _actions(uow) == [AuditAction.USER_CREATED, AuditAction.SIGNED_IN]


def test_an_unknown_address_and_a_wrong_password_are_refused_alike(clock: FixedClock) -> None:
    uow = _with_planner(clock)
    assert sign_in(uow, clock, "nobody@example.nl", PASSWORD) is None
    assert sign_in(uow, clock, "not an address", PASSWORD) is None
    assert sign_in(uow, clock, "piet@example.nl", "wrong password!!") is None
    (user,) = uow.staff.users.values()
    assert user.failed_sign_ins == 1


def test_the_fifth_wrong_password_locks_the_account_for_a_quarter_even_against_the_right_one(
    clock: FixedClock,
) -> None:
    uow = _with_planner(clock)
    for _ in range(MAX_FAILED_SIGN_INS):
        assert sign_in(uow, clock, "piet@example.nl", "wrong password!!") is None
    assert AuditAction.LOCKED_OUT in _actions(uow)
    assert sign_in(uow, clock, "piet@example.nl", PASSWORD) is None
    clock.current += LOCK_OUT - timedelta(seconds=1)
    assert sign_in(uow, clock, "piet@example.nl", PASSWORD) is None
    clock.current += timedelta(seconds=2)
    assert sign_in(uow, clock, "piet@example.nl", PASSWORD) is not None
    (user,) = uow.staff.users.values()
    assert (user.failed_sign_ins, user.locked_until) == (0, None)


def test_a_session_ends_when_idle_too_long_even_across_the_night_the_clocks_go_forward() -> None:
    # 02:00 local does not exist on 29 March 2026; the idle clock counts real minutes (UTC).
    clock = FixedClock(datetime(2026, 3, 29, 0, 45, tzinfo=UTC))  # 01:45 CET
    uow = _with_planner(clock)
    signed_in = sign_in(uow, clock, "piet@example.nl", PASSWORD)
    assert signed_in is not None
    clock.current += POLICY.idle - timedelta(seconds=1)  # 03:14 CEST: 29 minutes on
    assert session_of(uow, clock, signed_in.token, POLICY) is not None
    clock.current += timedelta(seconds=2)
    assert session_of(uow, clock, signed_in.token, POLICY) is None


def test_a_session_in_use_still_ends_a_working_day_after_sign_in(clock: FixedClock) -> None:
    uow = _with_planner(clock)
    signed_in = sign_in(uow, clock, "piet@example.nl", PASSWORD)
    assert signed_in is not None
    started = clock.current
    while clock.current < started + POLICY.absolute - timedelta(minutes=10):
        clock.current += timedelta(minutes=10)
        uow.staff.touch_session(signed_in.session.id, clock.current)
        assert session_of(uow, clock, signed_in.token, POLICY) is not None
    clock.current = started + POLICY.absolute
    assert session_of(uow, clock, signed_in.token, POLICY) is None


def test_disabling_an_account_ends_its_sessions_and_refuses_its_password(
    clock: FixedClock,
) -> None:
    uow = _with_planner(clock)
    signed_in = sign_in(uow, clock, "piet@example.nl", PASSWORD)
    assert signed_in is not None
    set_active(uow, clock, CLI, "piet@example.nl", active=False)
    assert session_of(uow, clock, signed_in.token, POLICY) is None
    assert sign_in(uow, clock, "piet@example.nl", PASSWORD) is None
    with pytest.raises(NotFound):
        set_active(uow, clock, CLI, "nobody@example.nl", active=False)


def test_signing_out_everywhere_ends_every_session_of_that_person_only(
    clock: FixedClock,
) -> None:
    uow = _with_planner(clock)
    create_user(
        uow,
        clock,
        CLI,
        email="an@example.nl",
        name="An",
        roles=[StaffRole.AGENT],
        password=PASSWORD,
    )
    phone = sign_in(uow, clock, "piet@example.nl", PASSWORD)
    laptop = sign_in(uow, clock, "piet@example.nl", PASSWORD)
    colleague = sign_in(uow, clock, "an@example.nl", PASSWORD)
    assert phone and laptop and colleague
    assert sign_out_everywhere(uow, clock, CLI, phone.user.id) == 2
    assert session_of(uow, clock, laptop.token, POLICY) is None
    assert session_of(uow, clock, colleague.token, POLICY) is not None


def test_a_reset_link_goes_through_the_outbox_and_works_once_within_the_hour(
    clock: FixedClock,
) -> None:
    uow = _with_planner(clock)
    old_session = sign_in(uow, clock, "piet@example.nl", PASSWORD)
    links: list[str] = []
    assert send_password_reset(
        uow, clock, TEMPLATES, lambda t: links.append(t) or t, CLI, "piet@example.nl"
    )
    (mail,) = uow.outbox.rows.values()
    assert mail.touchpoint is Touchpoint.PASSWORD_RESET and mail.customer_id is None
    assert mail.recipient == "piet@example.nl" and links[0] in mail.text
    assert mail.values == {}  # the secret is in the text that goes out, not in its values
    with pytest.raises(InvalidValue):
        reset_password(uow, clock, links[0], "short")
    # A refused password rolls the request back; the fake does not, so ask for a new link.
    assert send_password_reset(
        uow, clock, TEMPLATES, lambda t: links.append(t) or t, CLI, "piet@example.nl"
    )
    reset_password(uow, clock, links[1], "a brand new sentence")
    assert old_session and session_of(uow, clock, old_session.token, POLICY) is None
    assert sign_in(uow, clock, "piet@example.nl", "a brand new sentence") is not None
    with pytest.raises(Conflict):
        reset_password(uow, clock, links[1], "another new sentence")


def test_an_earlier_reset_link_ends_when_a_new_one_is_sent_and_any_link_after_an_hour(
    clock: FixedClock,
) -> None:
    uow = _with_planner(clock)
    links: list[str] = []
    for _ in range(2):
        send_password_reset(
            uow, clock, TEMPLATES, lambda t: links.append(t) or t, CLI, "piet@example.nl"
        )
    with pytest.raises(Conflict):
        reset_password(uow, clock, links[0], "a brand new sentence")
    clock.current += timedelta(hours=1)
    with pytest.raises(Conflict):
        reset_password(uow, clock, links[1], "a brand new sentence")
    assert not send_password_reset(uow, clock, TEMPLATES, str, CLI, "nobody@example.nl")


def test_an_account_needs_a_role_and_a_technician_account_its_technician(
    clock: FixedClock,
) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidValue, match="role"):
        create_user(uow, clock, CLI, email="a@example.nl", name="A", roles=[])
    with pytest.raises(InvalidValue, match="technician"):
        create_user(uow, clock, CLI, email="a@example.nl", name="A", roles=[StaffRole.TECHNICIAN])
    with pytest.raises(NotFound):
        create_user(
            uow,
            clock,
            CLI,
            email="a@example.nl",
            name="A",
            roles=[StaffRole.TECHNICIAN],
            technician_id="t-9",
        )
    uow.technicians.add(Technician("t-9", "Tom", GeoPoint(52.1, 5.1)))
    tom = create_user(
        uow,
        clock,
        CLI,
        email="a@example.nl",
        name="A",
        roles=[StaffRole.TECHNICIAN],
        technician_id="t-9",
        language=Language.EN,
    )
    assert tom.password_hash is None and tom.may(StaffRole.TECHNICIAN)
    assert not tom.may(StaffRole.PLANNER, StaffRole.ANALYST)
    with pytest.raises(Conflict):
        create_user(uow, clock, CLI, email="A@example.nl", name="B", roles=[StaffRole.AGENT])


def test_an_admin_may_do_every_role_but_cannot_take_away_their_own_admin_role(
    clock: FixedClock,
) -> None:
    uow = FakeUnitOfWork()
    admin = create_user(
        uow,
        clock,
        CLI,
        email="ada@example.nl",
        name="Ada",
        roles=[StaffRole.ADMIN],
        password=PASSWORD,
    )
    assert admin.may(StaffRole.PLANNER) and admin.may(StaffRole.TECHNICIAN)
    from klantreis.staff.service import actor_of

    with pytest.raises(Conflict):
        set_roles(uow, clock, actor_of(admin), "ada@example.nl", [StaffRole.ANALYST])
    changed = set_roles(uow, clock, CLI, "ada@example.nl", [StaffRole.ADMIN, StaffRole.ANALYST])
    entry = next(e for e in uow.audit.entries if e.action is AuditAction.ROLES_CHANGED)
    assert changed.roles == {StaffRole.ADMIN, StaffRole.ANALYST}
    assert entry.detail == {"before": "admin", "after": "admin,analyst"}


def test_a_form_token_belongs_to_its_session_and_survives_a_secret_rotation() -> None:
    old, new = b"o" * 32, b"n" * 32
    before = CsrfTokens([old])
    rotated = CsrfTokens([old, new])
    token = before.for_session("s-1")
    assert rotated.valid("s-1", token) and rotated.valid("s-1", rotated.for_session("s-1"))
    assert not rotated.valid("s-2", token)
    assert not rotated.valid("s-1", "") and not CsrfTokens([new]).valid("s-1", token)
    assert same_value("abc", "abc") and not same_value("abc", "abd")
    assert not same_value(None, "") and not same_value("", "")


@pytest.mark.parametrize(
    ("asked", "goes_to"),
    [
        ("/staff/planner?day=2026-03-29", "/staff/planner?day=2026-03-29"),
        ("https://evil.example/staff", "/staff"),
        ("//evil.example/staff", "/staff"),
        ("/b/some-customer-link", "/staff"),
        ("/staff\\@evil.example", "/staff"),
        ("", "/staff"),
    ],
)
def test_after_sign_in_the_browser_goes_back_only_to_a_console_page(
    asked: str, goes_to: str
) -> None:
    assert safe_back_to(asked) == goes_to


def test_an_account_that_signs_in_with_the_identity_provider_cannot_be_locked_out(
    clock: FixedClock,
) -> None:
    from klantreis.staff.service import sign_in_with_identity

    uow = FakeUnitOfWork()
    create_user(uow, clock, CLI, email="sso@example.nl", name="Sso", roles=[StaffRole.ADMIN])
    for _ in range(MAX_FAILED_SIGN_INS + 1):  # someone guessing a password it does not have
        assert sign_in(uow, clock, "sso@example.nl", "any guess at all") is None
    (user,) = uow.staff.users.values()
    assert (user.failed_sign_ins, user.locked_until) == (0, None)
    assert sign_in_with_identity(uow, clock, "idp-9", "sso@example.nl", True) is not None
    linked = [e.action for e in uow.audit.entries if e.action is AuditAction.IDENTITY_LINKED]
    assert linked == [AuditAction.IDENTITY_LINKED]


def test_nobody_disables_themselves_and_the_last_admin_stays(clock: FixedClock) -> None:
    from klantreis.staff.service import actor_of

    uow = FakeUnitOfWork()
    ada = create_user(
        uow,
        clock,
        CLI,
        email="ada@example.nl",
        name="Ada",
        roles=[StaffRole.ADMIN],
        password=PASSWORD,
    )
    with pytest.raises(Conflict, match="your own account"):
        set_active(uow, clock, actor_of(ada), "ada@example.nl", active=False)
    with pytest.raises(Conflict, match="last active admin"):
        set_active(uow, clock, CLI, "ada@example.nl", active=False)
    with pytest.raises(Conflict, match="last active admin"):
        set_roles(uow, clock, CLI, "ada@example.nl", [StaffRole.PLANNER])
    create_user(uow, clock, CLI, email="bo@example.nl", name="Bo", roles=[StaffRole.ADMIN])
    assert not set_active(uow, clock, CLI, "ada@example.nl", active=False).active


def test_a_nul_in_an_address_is_no_address() -> None:
    with pytest.raises(InvalidValue):
        normalise_email("piet\x00@example.nl")
