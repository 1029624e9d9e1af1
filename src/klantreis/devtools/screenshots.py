"""Screenshots of each role's main console page, for the README:
``python -m klantreis.devtools.screenshots docs/screenshots`` (Debian's Chromium, Playwright).

A small world on a temporary SQLite database: two technicians near Utrecht, a day of
booked and planned visits, a message waiting for customer service."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from klantreis.app.api import create_app
from klantreis.app.bootstrap import bootstrap
from klantreis.app.config import Settings
from klantreis.app.migrate import upgrade
from klantreis.core.db.engine import make_engine
from klantreis.devtools.server import serving
from klantreis.staff.audit import CLI
from klantreis.staff.model import StaffRole
from klantreis.staff.service import create_user

PASSWORD = "screenshot password"
DAY = date(2026, 3, 31)
PAGES = {
    "planner": (StaffRole.PLANNER, f"/staff/planner?day={DAY}", {"width": 1100, "height": 900}),
    "agent": (StaffRole.AGENT, "/staff/agent", {"width": 1100, "height": 900}),
    "technician": (
        StaffRole.TECHNICIAN,
        f"/staff/technician?day={DAY}",
        {"width": 390, "height": 844},
    ),
    "analyst": (StaffRole.ANALYST, "/staff/analytics", {"width": 1100, "height": 1200}),
    "admin": (StaffRole.ADMIN, "/staff/admin/users", {"width": 1100, "height": 800}),
}


def take(folder: Path) -> list[Path]:
    from playwright.sync_api import ViewportSize, sync_playwright

    from klantreis.devtools.screenshot_world import planned_day

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'shots.db'}"
        upgrade(make_engine(url))
        container = bootstrap(Settings(database_url=url), clock=_Thursday())
        technician_id = planned_day(container, DAY)
        with container.uow_factory() as uow:
            for name, (role, _, _) in PAGES.items():
                create_user(
                    uow,
                    container.clock,
                    CLI,
                    email=f"{name}@example.nl",
                    name=name.title(),
                    roles=[role],
                    password=PASSWORD,
                    technician_id=technician_id if role is StaffRole.TECHNICIAN else None,
                )
            uow.commit()
        taken = []
        with serving(create_app(container)) as base, sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu"],
            )
            for name, (_, path, size) in PAGES.items():
                viewport: ViewportSize = {"width": size["width"], "height": size["height"]}
                page = chromium.new_context(viewport=viewport, locale="nl-NL").new_page()
                page.goto(f"{base}/staff/sign-in?lang=nl&next={path}")
                page.get_by_label("E-mailadres").fill(f"{name}@example.nl")
                page.get_by_label("Wachtwoord").fill(PASSWORD)
                page.get_by_role("button", name="Inloggen").click()
                page.wait_for_load_state("networkidle")
                shot = folder / f"console-{name}.png"
                page.screenshot(path=str(shot), full_page=False)
                taken.append(shot)
            chromium.close()
        container.dispose()
    return taken


class _Thursday:
    """Thursday 26 March 2026, 10:00 in Amsterdam: the visits are next Tuesday."""

    def now(self) -> datetime:
        return datetime(2026, 3, 26, 9, 0, tzinfo=UTC)


if __name__ == "__main__":
    for shot in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(shot)
