"""A signed-in member of staff for tests of console pages: an account made through the
service, signed in through the real form (cookie, CSRF and all)."""

from __future__ import annotations

import re
from itertools import count
from typing import Any

from fastapi.testclient import TestClient

from klantreis.app.bootstrap import Container
from klantreis.core.common import Language
from klantreis.core.web.texts import texts_for
from klantreis.staff.audit import CLI
from klantreis.staff.model import StaffRole
from klantreis.staff.service import create_user
from klantreis.staff.signed_in import SESSION_COOKIE

PASSWORD = "correct horse battery"
_numbers = count(1)


def _account(
    container: Container,
    roles: tuple[StaffRole, ...],
    technician_id: str | None,
    language: Language,
) -> str:
    email = f"staff{next(_numbers)}@example.nl"
    with container.uow_factory() as uow:
        create_user(
            uow,
            container.clock,
            CLI,
            email=email,
            name=f"Staff {email}",
            roles=roles,
            language=language,
            technician_id=technician_id,
            password=PASSWORD,
        )
        uow.commit()
    return email


def sign_in_as(
    client: TestClient,
    container: Container,
    *roles: StaffRole,
    technician_id: str | None = None,
    language: Language = Language.NL,
) -> str:
    """Make an account with ``roles`` and sign ``client`` in with it (``client`` speaks
    https: the session cookie is Secure). Returns the page's CSRF token for forms."""
    email = _account(container, roles, technician_id, language)
    client.cookies.delete(SESSION_COOKIE)  # whoever was signed in on this client before
    page = client.get("/staff/sign-in")
    token = re.search(r'name="form_token" value="([^"]+)"', page.text)
    assert token, page.text
    signed = client.post(
        "/staff/sign-in",
        data={"email": email, "password": PASSWORD, "form_token": token.group(1)},
        follow_redirects=False,
    )
    assert signed.status_code == 303, signed.text
    home = client.get("/staff")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', home.text)
    assert csrf
    return csrf.group(1)


def sign_in_in_browser(
    page: Any,
    base: str,
    container: Container,
    *roles: StaffRole,
    back_to: str = "/staff",
    technician_id: str | None = None,
    language: Language = Language.NL,
) -> None:
    """The same, through the sign-in page in a real browser (Playwright's ``page``)."""
    email = _account(container, roles, technician_id, language)
    page.goto(f"{base}/staff/sign-in?lang={language.value}&next={back_to}")
    words = texts_for(language)
    page.get_by_label(words["staff_email"]).fill(email)
    page.get_by_label(words["staff_password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["staff_sign_in_button"]).click()
    page.wait_for_url(f"{base}{back_to}*")
