"""The planner's days in the console (``/staff/planner/days``): open or close postcode areas
for a day, and plan a day again after such a change, with what moved and what did not fit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep
from klantreis.core.errors import Unprocessable
from klantreis.core.i18n import day_label
from klantreis.core.ids import new_id
from klantreis.core.records import strip_nul
from klantreis.core.web.templating import page_templates
from klantreis.core.web.texts import texts_for
from klantreis.planning.capacity import capacity_ahead
from klantreis.planning.capacity_chart import as_page_data, capacity_figure
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.replan import plan_the_day
from klantreis.planning.technician_page import today
from klantreis.planning.wiring import PlanningWiring
from klantreis.scheduling.availability import DayRule, RuleKind
from klantreis.scheduling.day_rules import add_day_rule, day_rules_ahead, remove_day_rule
from klantreis.staff.audit import AuditAction, SubjectKind
from klantreis.staff.console import console_page, notice_of, saved
from klantreis.staff.model import StaffRole
from klantreis.staff.service import actor_of, audit
from klantreis.staff.signed_in import StaffRequest, staff_only

UowDep = UnitOfWorkDep[PlanningUnit]
ContainerDep = ContainerOf[PlanningWiring]
Planner = Annotated[StaffRequest, Depends(staff_only(StaffRole.PLANNER))]

templates = page_templates(Path(__file__).parent / "templates")
PATH = "/staff/planner/days"
router = APIRouter(prefix=PATH, include_in_schema=False)
CAPACITY_DAYS = 10  # the days customers can book
REPLAN_SECONDS = 5.0  # the solver's time on a request: a planner waits for the answer


def _days_page(
    request: Request,
    staff: StaffRequest,
    container: PlanningWiring,
    uow: PlanningUnit,
    *,
    outcome: dict[str, object] | None = None,
) -> HTMLResponse:
    language = staff.user.language
    rules = [
        {
            "id": r.id,
            "day": day_label(r.day, language),
            "kind": r.kind.value,
            "areas": ", ".join(sorted(r.postcode_prefixes)) or "*",
            "note": r.note,
        }
        for r in day_rules_ahead(uow, container.clock)
    ]
    t = texts_for(language)
    ahead = capacity_ahead(uow, today(container.clock.now()), CAPACITY_DAYS)
    chart = capacity_figure(
        ahead,
        [day_label(d.day, language) for d in ahead],
        t["days_booked"],
        t["days_capacity"],
        t["days_capacity_title"],
    )
    capacity = [
        {
            "day": day_label(d.day, language),
            "booked": round(d.booked_minutes / 60, 1),
            "shift": round(d.shift_minutes / 60, 1),
            "areas": ", ".join(f"{a}xx {m / 60:.1f}" for a, m in sorted(d.booked_by_area.items())),
        }
        for d in ahead
    ]
    return console_page(
        templates,
        request,
        "planner_days.html",
        staff,
        texts_for(language)["days_title"],
        rules=rules,
        capacity=capacity,
        chart=as_page_data(chart),
        outcome=outcome,
        notice=notice_of(request, texts_for(language), ("days_saved",)),
    )


@router.get("", response_class=HTMLResponse)
def days_page(
    request: Request, staff: Planner, container: ContainerDep, uow: UowDep
) -> HTMLResponse:
    return _days_page(request, staff, container, uow)


@router.post("/rules")
def add_rule(
    staff: Planner,
    container: ContainerDep,
    uow: UowDep,
    day: Annotated[date, Form()],
    kind: Annotated[RuleKind, Form()],
    areas: Annotated[str, Form(max_length=400)] = "",
    note: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Open or close the areas (postcode prefixes, comma-separated; none: the whole country)."""
    prefixes = frozenset(p.strip() for p in areas.replace(";", ",").split(",") if p.strip())
    rule = DayRule(new_id(), day, kind, prefixes, strip_nul(note).strip())
    add_day_rule(uow, container.clock, container.gazetteer, rule)
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.DAY_RULE_ADDED,
        SubjectKind.DAY,
        day.isoformat(),
        kind=kind.value,
        areas=",".join(sorted(prefixes)),
    )
    return saved(PATH, "days_saved")


@router.post("/rules/{rule_id}/remove")
def remove_rule(
    rule_id: Annotated[str, PathParam(max_length=32)],
    staff: Planner,
    container: ContainerDep,
    uow: UowDep,
) -> Response:
    remove_day_rule(uow, rule_id)
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.DAY_RULE_REMOVED,
        SubjectKind.DAY,
        rule_id,
    )
    return saved(PATH, "days_saved")


@router.post("/replan", response_class=HTMLResponse)
def replan(
    request: Request,
    staff: Planner,
    container: ContainerDep,
    uow: UowDep,
    day: Annotated[date, Form()],
) -> HTMLResponse:
    """Plan the day again, keeping each visit with its technician where it can; a day gone
    by keeps the plan it was worked to."""
    if day < today(container.clock.now()):
        raise Unprocessable(f"{day} is in the past: its plan stays as it was worked", field="day")
    planned = plan_the_day(
        uow,
        container.clock,
        container.travel,
        container.plan_costs,
        container.messenger,
        day,
        REPLAN_SECONDS,
        keep_assignments=True,
    )
    audit(
        uow,
        container.clock,
        actor_of(staff.user),
        AuditAction.DAY_REPLANNED,
        SubjectKind.DAY,
        day.isoformat(),
        moved=str(planned.moved),
        planned=str(planned.plan.planned),
        unplanned=str(len(planned.plan.problems)),
    )
    names = {c.technician_id: c.name for c in planned.crew}
    outcome = {
        "day": day_label(day, staff.user.language),
        "planned": planned.plan.planned,
        "moved": planned.moved,
        "routes": [
            {
                "name": names.get(tech, tech),
                "visits": len(route),
                "km": round(planned.km.get(tech, 0.0)),
            }
            for tech, route in sorted(
                planned.plan.routes.items(), key=lambda r: names.get(r[0], r[0])
            )
            if route
        ],
        "unplanned": [
            f"{p.subject}: {p.reason.value.replace('_', ' ')}"
            + (f" ({p.detail})" if p.detail else "")
            for p in planned.plan.problems
        ],
    }
    return _days_page(request, staff, container, uow, outcome=outcome)
