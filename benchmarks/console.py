"""``klantreis bench console``: how fast the staff console's pages answer over a realistic
book of cases, and the cases board paged through all of them."""

from __future__ import annotations

import statistics
import time
from datetime import date
from typing import Annotated

import httpx
import typer
from rich.progress import Progress

from benchmarks.slots import _seed
from klantreis.app.api import create_app
from klantreis.cli.bench import Db, database, emit
from klantreis.core.console import console
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.devtools.server import serving
from klantreis.sim.population import generate
from klantreis.staff.audit import CLI
from klantreis.staff.model import StaffRole
from klantreis.staff.service import create_user, sign_in
from klantreis.staff.signed_in import SESSION_COOKIE

PASSWORD = "benchmark password"


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


def bench_console(
    cases: Annotated[int, typer.Option(min=100)] = 10_000,
    requests: Annotated[int, typer.Option(min=20, help="Requests per page")] = 60,
    db: Db = Db.sqlite,
    seed: int = 8,
) -> None:
    """Each console page asked ``requests`` times by a signed-in admin over HTTP (one
    client, so the figure is the page's own time, not queueing); then the cases board
    followed by its "older" links from the newest case to the oldest."""
    population = generate(
        Pc4Gazetteer.packaged().deliverable_places(), cases, 20, seed, date(2026, 1, 5)
    )
    with database(db) as container:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("seeding cases", total=cases)
            visits = _seed(container, population, lambda n: progress.advance(task, n))
        with container.uow_factory() as uow:
            create_user(
                uow,
                container.clock,
                CLI,
                email="bench@example.nl",
                name="Bench",
                roles=[StaffRole.ADMIN],
                password=PASSWORD,
            )
            signed_in = sign_in(uow, container.clock, "bench@example.nl", PASSWORD)
            uow.commit()
        assert signed_in is not None
        some_case = visits[len(visits) // 2].case
        pages = {
            "home": "/staff",
            "cases_board": "/staff/planner/cases",
            "cases_search": f"/staff/planner/cases?q={some_case.id[-6:]}",
            "cases_filtered": "/staff/planner/cases?state=opened&origin=periodic_maintenance",
            "case_page": f"/staff/planner/cases/{some_case.id}",
            "planner_day": "/staff/planner?day=2026-01-06",
            "planner_days": "/staff/planner/days",
            "agent_desk": "/staff/agent",
            "agent_booking": f"/staff/agent/cases/{some_case.id}",
            "users": "/staff/admin/users",
            "audit": "/staff/admin/audit",
        }
        # The session cookie is Secure: a browser on 127.0.0.1 sends it, httpx only over https.
        cookie = {"Cookie": f"{SESSION_COOKIE}={signed_in.token}"}
        figures: dict[str, object] = {
            "name": "console",
            "cases": cases,
            "requests": requests,
            "db": db.value,
        }
        with (
            serving(create_app(container)) as base,
            httpx.Client(base_url=base, headers=cookie, timeout=30) as client,
        ):
            worst = 0.0
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task("asking each page", total=len(pages) * requests)
                for name, path in pages.items():
                    samples = []
                    for _ in range(requests + 1):
                        began = time.perf_counter()
                        answer = client.get(path)
                        elapsed = (time.perf_counter() - began) * 1000
                        if answer.status_code != 200:
                            raise typer.BadParameter(f"{path} answered {answer.status_code}")
                        samples.append(elapsed)
                        progress.advance(task)
                    figures[f"{name}_p95_ms"] = round(_p95(samples[1:]), 1)  # after a warm-up
                    worst = max(worst, float(figures[f"{name}_p95_ms"]))  # type: ignore[arg-type]
            figures["worst_page_p95_ms"] = round(worst, 1)
            seen, walk = _walk_the_board(client)
        figures["board_pages"] = len(walk)
        figures["board_cases_seen"] = seen
        figures["board_page_p95_ms"] = round(_p95(walk), 1)
        figures["board_last_page_ms"] = round(walk[-1], 1)
        container.dispose()
    emit("bench console", figures)


def _walk_the_board(client: httpx.Client) -> tuple[int, list[float]]:
    """Every page of the board by its "older" link; how many cases were shown and each
    page's time in ms."""
    import re

    path, seen, timings = "/staff/planner/cases", 0, []
    while path:
        began = time.perf_counter()
        page = client.get(path).text
        timings.append((time.perf_counter() - began) * 1000)
        seen += len(re.findall(r'<a href="/staff/planner/cases/[^"?]+">', page))
        older = re.search(r'href="(/staff/planner/cases\?[^"]+)" rel="next"', page)
        path = older.group(1).replace("&amp;", "&") if older else ""
    return seen, timings
