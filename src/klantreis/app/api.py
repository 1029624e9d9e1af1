"""The FastAPI application, built by a factory (nothing happens at import time)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from klantreis import __version__
from klantreis.analytics import pages as analyst_page
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.routes import cases, customers, devices, events, health, technicians
from klantreis.core.api import answers
from klantreis.core.api.limits import BodyLimit, redact_access_logs
from klantreis.core.api.problems import install_problem_handlers, refuse_nul_in_url
from klantreis.core.web import guard
from klantreis.feedback import pages as survey_page
from klantreis.imports import api as imports
from klantreis.inbound import api as inbound
from klantreis.inbound import desk_page
from klantreis.planning import cases_page, days_page, planner_page, technician_page, tracking_page
from klantreis.planning import pins_api as pins
from klantreis.planning import plans_api as plans
from klantreis.preferences import contact_page
from klantreis.preferences import pages as preferences_page
from klantreis.scheduling import api as scheduling
from klantreis.scheduling import desk_booking_page
from klantreis.scheduling import pages as booking_page
from klantreis.staff import pages as staff_pages
from klantreis.telemetry import api as telemetry

if TYPE_CHECKING:
    from klantreis.analytics.wiring import AnalyticsWiring
    from klantreis.feedback.wiring import FeedbackWiring
    from klantreis.imports.wiring import ImportsWiring
    from klantreis.inbound.wiring import InboundWiring
    from klantreis.planning.wiring import PlanningWiring
    from klantreis.preferences.wiring import PreferencesWiring
    from klantreis.scheduling.wiring import SchedulingWiring
    from klantreis.staff.wiring import StaffWiring
    from klantreis.telemetry.wiring import TelemetryWiring

API_PREFIX = "/api/v1"

if TYPE_CHECKING:

    def _the_container_serves_every_capability_s_routes(container: Container) -> None:
        """Checked by mypy: the container is what each capability's routes say they need."""
        needs: tuple[
            AnalyticsWiring,
            FeedbackWiring,
            ImportsWiring,
            InboundWiring,
            PlanningWiring,
            PreferencesWiring,
            SchedulingWiring,
            StaffWiring,
            TelemetryWiring,
        ] = (container,) * 9
        del needs


def create_app(container: Container | None = None) -> FastAPI:
    """Build the app; without a container one is bootstrapped from the environment."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = container is None
        app.state.container = container or bootstrap()
        problem = app.state.container.settings.serving_problem() if owned else None
        if problem:
            app.state.container.dispose()
            raise RuntimeError(problem)  # uvicorn stops: no server on a public secret
        try:
            yield
        finally:
            if owned:
                app.state.container.dispose()

    app = FastAPIOffline(  # /docs and /redoc from local files, not a third-party CDN
        title="Klantreis API",
        version=__version__,
        description="The service journey of connected appliances. Authenticate with X-API-Key.",
        lifespan=lifespan,
    )
    if container is not None:
        app.state.container = container
    install_problem_handlers(app)
    answers.install(app)
    app.middleware("http")(refuse_nul_in_url)
    guard.install(app, lambda request: request.app.state.container.settings.public_base_url)
    app.add_middleware(
        BodyLimit, import_bytes=lambda: app.state.container.settings.max_import_bytes
    )
    redact_access_logs()
    for module in (
        health,
        customers,
        devices,
        technicians,
        cases,
        scheduling,
        plans,
        pins,
        events,
        imports,
        telemetry,
        inbound,
    ):
        app.include_router(module.router, prefix=API_PREFIX)
    booking_page.install(app)
    app.include_router(tracking_page.router)
    for console_page in (technician_page, planner_page, analyst_page):
        app.include_router(console_page.router)
        app.include_router(console_page.old_links)
    app.include_router(preferences_page.router)
    app.include_router(contact_page.router)
    app.include_router(survey_page.router)
    app.include_router(days_page.router)
    app.include_router(cases_page.router)
    app.include_router(desk_page.router)
    app.include_router(desk_booking_page.router)
    staff_pages.install(app)
    return app
