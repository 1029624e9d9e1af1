"""``klantreis bench booking``: many customers booking at once through the HTTP API."""

from __future__ import annotations

import queue
import random
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from typing import Annotated, Any

import httpx
import typer
from rich.progress import Progress
from sqlalchemy import func, select

from benchmarks.slots import _seed
from klantreis.cli.bench import Db, database, emit
from klantreis.core.access import Role, create_api_key
from klantreis.core.console import console
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.devtools.server import serving_process
from klantreis.scheduling.days import technician_route
from klantreis.scheduling.routes import schedule
from klantreis.scheduling.tables import bookings
from klantreis.sim.population import generate


def bench_booking(
    clients: Annotated[int, typer.Option(min=1, max=200)] = 50,
    requests: Annotated[int, typer.Option(min=10)] = 2000,
    technicians: Annotated[int, typer.Option(min=1)] = 60,
    db: Db = Db.sqlite,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Server processes")] = 2,
    rate: Annotated[
        float | None,
        typer.Option(min=0.1, help="Open loop: bookings arrive at this rate per second (Poisson)"),
    ] = None,
    seed: int = 4,
) -> None:
    """Each request books one new case into one of its best windows; one in ten is retried
    with the same Idempotency-Key. Afterwards every technician-day is checked for over-booking
    and every 201 answer for a booking that really exists.

    Closed loop (default): ``clients`` book as fast as answers come, which measures
    throughput (``bookings_per_s``); their latency is mostly queueing. Open loop (``--rate``):
    customers arrive at random at ``rate`` per second whether or not earlier ones are done,
    which measures the latency a customer sees (``p95_ms``)."""
    population = generate(
        Pc4Gazetteer.packaged().deliverable_places(), requests, technicians, seed, date(2026, 1, 5)
    )
    for record in population.technicians:
        record.skills[:] = ["boiler", "heat_pump", "white_goods"]
    with database(db) as container:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("seeding cases", total=requests)
            visits = _seed(container, population, lambda n: progress.advance(task, n))
        with container.uow_factory() as uow:
            key = create_api_key(uow, container.clock, "bench", Role.PLANNER)
            uow.commit()
        work: queue.Queue[str] = queue.Queue()
        for visit in visits:
            work.put(visit.case.id)
        results = _Results()
        url = container.engine.url.render_as_string(hide_password=False)
        with (
            serving_process(url, workers) as base,
            Progress(console=console, transient=True) as progress,
        ):
            label = f"{rate:g} bookings/s arriving" if rate else f"{clients} clients booking"
            task = progress.add_task(label, total=requests)
            started = time.perf_counter()
            if rate:
                _open_loop(base, key, work, results, seed, rate, lambda: progress.advance(task))
            else:
                threads = [
                    threading.Thread(
                        target=_client,
                        args=(base, key, work, results, seed + n, lambda: progress.advance(task)),
                    )
                    for n in range(clients)
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            wall = time.perf_counter() - started
        double, lost = _check(container, results)
        container.dispose()
    latencies = sorted(results.latencies_ms)
    for error in results.errors[:5]:  # before the figures: their JSON is the last line
        console.print(f"[red]{error}[/]")
    answers = _statuses(results.outcomes)
    emit(
        "bench booking",
        {
            "name": "booking",
            "mode": "open" if rate else "closed",
            "clients": None if rate else clients,
            "rate_per_s": rate,
            "server_workers": workers,
            "requests": requests,
            "db": db.value,
            "technicians": technicians,
            "bookings": len(results.booked),
            "unbookable_cases": results.outcomes["no_offer"],
            "conflicts_409": results.outcomes[409],
            "retries_same_key": results.outcomes["retry"],
            "answers": {str(k): v for k, v in sorted(results.outcomes.items(), key=str)},
            "server_errors_5xx": sum(n for status, n in answers.items() if status >= 500),
            "busy_503": answers.get(503, 0),
            "connection_errors": results.outcomes["client_error"],
            "double_bookings": double,
            "lost_bookings": lost,
            "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
            "bookings_per_s": round(len(results.booked) / wall, 1),
        },
    )
    if double or lost:
        raise typer.Exit(1)


def _statuses(outcomes: Counter[Any]) -> Counter[int]:
    """HTTP statuses of every answer, offers and bookings alike ("offers_503" counts too)."""
    found: Counter[int] = Counter()
    for key, count in outcomes.items():
        text = str(key).removeprefix("offers_")
        if text.isdigit():
            found[int(text)] += count
    return found


class _Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies_ms: list[float] = []
        self.booked: dict[str, dict[str, Any]] = {}
        self.outcomes: Counter[Any] = Counter()
        self.errors: list[str] = []


def _client(
    base: str, key: str, work: queue.Queue[str], results: _Results, seed: int, advance: Any
) -> None:
    try:
        _book_all(base, key, work, results, seed, advance)
    except Exception as exc:  # a crashed client must show in the figures, not vanish
        with results.lock:
            results.outcomes["client_error"] += 1
            results.errors.append(repr(exc)[:300])


def _open_loop(
    base: str,
    key: str,
    work: queue.Queue[str],
    results: _Results,
    seed: int,
    rate: float,
    advance: Any,
) -> None:
    """Customers arrive at exponential intervals (a Poisson process at ``rate``), each served
    by its own thread, so a slow answer never holds back the next arrival."""
    rng = random.Random(seed)
    local = threading.local()

    def arrive(case_id: str) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=120)
        try:
            _book_case(local.client, case_id, results, random.Random(case_id), advance)
        except Exception as exc:  # a failed request must show in the figures, not vanish
            with results.lock:
                results.outcomes["client_error"] += 1
                results.errors.append(repr(exc)[:300])

    due = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        while True:
            try:
                case_id = work.get_nowait()
            except queue.Empty:
                break
            due += rng.expovariate(rate)
            time.sleep(max(0.0, due - time.perf_counter()))
            pool.submit(arrive, case_id)


def _book_case(
    client: httpx.Client, case_id: str, results: _Results, rng: random.Random, advance: Any
) -> None:
    listed = client.get(f"/api/v1/cases/{case_id}/offers")
    if listed.status_code != 200:
        with results.lock:
            results.outcomes[f"offers_{listed.status_code}"] += 1
            results.errors.append(listed.text[:300])
    else:
        _book_one(client, case_id, listed.json()["offers"], results, rng)
    advance()


def _book_all(
    base: str, key: str, work: queue.Queue[str], results: _Results, seed: int, advance: Any
) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=120) as client:
        while True:
            try:
                case_id = work.get_nowait()
            except queue.Empty:
                return
            _book_case(client, case_id, results, rng, advance)


def _book_one(
    client: httpx.Client,
    case_id: str,
    offers: list[dict[str, Any]],
    results: _Results,
    rng: random.Random,
) -> None:
    for attempt in range(4):
        if not offers:
            with results.lock:
                results.outcomes["no_offer"] += 1
            return
        choice = rng.choice(offers[:3])  # many want the same few good windows
        idem = f"{case_id}-{attempt}"
        body = {"window_start": choice["window_start"]}
        started = time.perf_counter()
        response = client.post(
            f"/api/v1/cases/{case_id}/booking", json=body, headers={"Idempotency-Key": idem}
        )
        elapsed = (time.perf_counter() - started) * 1000
        with results.lock:
            results.latencies_ms.append(elapsed)
            results.outcomes[response.status_code] += 1
        if response.status_code == 201:
            if rng.random() < 0.1:  # the client never saw the answer and retries
                again = _retry_while_busy(
                    partial(
                        client.post,
                        f"/api/v1/cases/{case_id}/booking",
                        json=body,
                        headers={"Idempotency-Key": idem},
                    )
                )
                with results.lock:
                    results.outcomes["retry"] += 1
                    if again.status_code == 503:  # told to come back later: not an answer
                        results.outcomes["retry_busy"] += 1
                    elif again.json() != response.json():
                        results.outcomes["retry_mismatch"] += 1
            with results.lock:
                results.booked[case_id] = response.json()
            return
        if response.status_code != 409:
            with results.lock:
                results.errors.append(response.text[:300])
            return
        offers = response.json().get("offers", [])
    with results.lock:  # four windows in a row were taken before this customer got one
        results.outcomes["gave_up_after_409"] += 1


def _retry_while_busy(send: Any, attempts: int = 3) -> httpx.Response:
    """What a well-behaved client does with 503: wait as told (Retry-After), then again."""
    response: httpx.Response = send()
    for _ in range(attempts - 1):
        if response.status_code != 503:
            break
        time.sleep(float(response.headers.get("retry-after", "1")))
        response = send()
    return response


def _check(container: Any, results: _Results) -> tuple[int, int]:
    """Double bookings: a case booked twice, or a technician-day that no longer fits.
    Lost bookings: a 201 answer without that booking active in the database."""
    with container.engine.connect() as connection:
        twice = connection.execute(
            select(func.count()).select_from(
                select(bookings.c.case_id)
                .where(bookings.c.active.is_(True))
                .group_by(bookings.c.case_id)
                .having(func.count() > 1)
                .subquery()
            )
        ).scalar_one()
    overbooked = 0
    lost = results.outcomes["retry_mismatch"]
    with container.uow_factory() as uow:
        crew = {t.id: t for t in uow.technicians.list(0, 100_000)}
        days = sorted({date.fromisoformat(b["day"]) for b in results.booked.values()})
        active = uow.bookings.active_between(days[0], days[-1]) if days else []
        by_day: dict[tuple[str, date], list[Any]] = {}
        for booking in active:
            by_day.setdefault((booking.technician_id, booking.day), []).append(booking)
        for (tech_id, day), booked in by_day.items():
            route = technician_route(crew[tech_id], day, booked)
            if route is None or schedule(route, container.travel.minutes) is None:
                overbooked += 1
        active_ids = {b.id for b in active}
        lost += sum(1 for body in results.booked.values() if body["id"] not in active_ids)
    return int(twice) + overbooked, lost
