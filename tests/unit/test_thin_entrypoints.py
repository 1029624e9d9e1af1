"""Routes and pages parse, call a service and return: the request commits, never a route.

A function in an entrypoint module (API routes, pages and what renders them) may hand a unit
of work to a service but may not reach into it: no repository, no commit, no rollback. The
only unit of work it may open itself is a read-only one (the request's is the one writer).
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).parents[2] / "src" / "klantreis"
UNIT_OF_WORK_TYPES = {"UowDep", "UnitOfWork"}  # and every capability's ``...Unit``


def entrypoint_modules() -> list[Path]:
    return sorted(
        path
        for path in SOURCE.rglob("*.py")
        if path.name in ("api.py", "pages.py", "render.py", "signed_in.py")
        or path.stem.endswith(("_api", "_page"))
        or path.parent.name == "routes"
    )


def _annotation_names(node: ast.expr | None) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} if node else set()


def _is_a_unit(names: set[str]) -> bool:
    return bool(names & UNIT_OF_WORK_TYPES) or any(n.endswith("Unit") for n in names)


def _is_read_only_factory(call: ast.expr) -> bool:
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "uow_factory"
        and any(
            k.arg == "read_only" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in call.keywords
        )
    )


def reaches_into_a_unit_of_work(source: str, where: str) -> list[str]:
    """Each place in ``source`` where a function uses a unit of work other than by handing
    it on: ``uow.<repository>``, ``.commit()``, ``.rollback()``, a writing ``uow_factory``."""
    found: list[str] = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        arguments = function.args.posonlyargs + function.args.args + function.args.kwonlyargs
        units = {a.arg for a in arguments if _is_a_unit(_annotation_names(a.annotation))}
        for node in ast.walk(function):
            opened = node.context_expr if isinstance(node, ast.withitem) else None
            if (
                isinstance(node, ast.withitem)
                and isinstance(node.optional_vars, ast.Name)
                and isinstance(opened, ast.Call)
                and isinstance(opened.func, ast.Attribute)
                and opened.func.attr == "uow_factory"
            ):
                units.add(node.optional_vars.id)
                if not _is_read_only_factory(opened):
                    found.append(f"{where}:{opened.lineno} opens a writing unit")
        for node in ast.walk(function):
            if not isinstance(node, ast.Attribute):
                continue
            if node.attr in ("commit", "rollback"):
                found.append(f"{where}:{node.lineno} calls .{node.attr}()")
            elif isinstance(node.value, ast.Name) and node.value.id in units:
                found.append(f"{where}:{node.lineno} reaches {node.value.id}.{node.attr}")
    return sorted(set(found), key=lambda place: int(place.split(":")[1].split()[0]))


def test_the_scan_covers_the_routes_and_pages_of_every_capability() -> None:
    names = {str(p.relative_to(SOURCE)) for p in entrypoint_modules()}
    assert {
        "scheduling/api.py",
        "scheduling/pages.py",
        "scheduling/render.py",
        "planning/pins_api.py",
        "planning/technician_page.py",
        "feedback/pages.py",
        "app/routes/cases.py",
        "inbound/api.py",
        "telemetry/api.py",
    } <= names


def test_no_route_or_page_reaches_into_a_unit_of_work_or_commits() -> None:
    found = [
        place
        for path in entrypoint_modules()
        for place in reaches_into_a_unit_of_work(
            path.read_text("utf-8"), str(path.relative_to(SOURCE))
        )
    ]
    assert found == []


def test_the_scan_finds_each_way_a_route_can_reach_into_its_unit_of_work() -> None:
    route = """
def book(case_id: str, uow: UowDep, container: ContainerDep) -> Response:
    booking = uow.bookings.get(case_id)
    def refused(reading: SchedulingUnit) -> Response:
        return page(reading.cases.get(case_id))
    uow.commit()
    with container.uow_factory() as other:
        other.rollback()
    with container.uow_factory(read_only=True) as reading:
        reading.cases.get(case_id)
    return book_window(uow, booking)
"""
    assert reaches_into_a_unit_of_work(route, "r.py") == [
        "r.py:3 reaches uow.bookings",
        "r.py:5 reaches reading.cases",
        "r.py:6 calls .commit()",
        "r.py:7 opens a writing unit",
        "r.py:8 calls .rollback()",
        "r.py:10 reaches reading.cases",
    ]
