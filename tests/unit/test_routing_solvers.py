"""Solomon instances, the double-precision judge, and the solvers on a small instance."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from klantreis.core.domain_errors import InvalidValue
from klantreis.planning.solvers.ortools_solver import solve_with_ortools
from klantreis.planning.solvers.pyvrp_solver import solve_with_pyvrp
from klantreis.planning.solvers.solomon import VrptwInstance, judge, read_solomon

# Depot at the origin open 0..100; three clients on a line with windows that force an order.
TINY = VrptwInstance(
    name="tiny",
    vehicles=2,
    capacity=10,
    x=(0.0, 10.0, 20.0, 30.0),
    y=(0.0, 0.0, 0.0, 0.0),
    demand=(0, 3, 3, 3),
    ready=(0, 0, 10, 20),
    due=(100, 15, 40, 60),
    service=(0, 5, 5, 5),
)


def test_a_feasible_plan_is_judged_by_its_euclidean_length() -> None:
    verdict = judge(TINY, [[1, 2, 3]])
    assert verdict.feasible and verdict.distance == pytest.approx(60.0)


@pytest.mark.parametrize(
    ("routes", "problem"),
    [
        ([[3, 2, 1]], "after"),  # client 1 reached far too late
        ([[1, 2]], "exactly once"),
        ([[1], [2], [3]], "more routes than vehicles"),
    ],
)
def test_an_infeasible_plan_is_named_as_such(routes: list[list[int]], problem: str) -> None:
    verdict = judge(TINY, routes)
    assert not verdict.feasible and problem in verdict.problem


def test_over_capacity_is_infeasible() -> None:
    heavy = replace(TINY, capacity=8)
    assert "capacity" in judge(heavy, [[1, 2, 3]]).problem


def test_pyvrp_finds_the_only_sensible_order_on_a_tiny_instance() -> None:
    run = solve_with_pyvrp(TINY, seconds=0.2)
    verdict = judge(TINY, run.routes)
    assert verdict.feasible and verdict.distance == pytest.approx(60.0)


def test_ortools_solves_the_same_tiny_instance() -> None:
    run = solve_with_ortools(TINY, seconds=1)
    assert judge(TINY, run.routes).feasible


def test_a_non_positive_time_limit_is_refused() -> None:
    with pytest.raises(InvalidValue, match="seconds"):
        solve_with_pyvrp(TINY, seconds=0)


def test_a_file_that_is_not_solomon_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "X1.txt"
    bad.write_text("X1\n\nVEHICLE\nNUMBER CAPACITY\n  many  200\n")
    with pytest.raises(ValueError, match="X1.txt"):
        read_solomon(bad)


def test_the_shared_c101_reads_as_101_locations() -> None:
    path = Path(__file__).parents[3] / "shared" / "data" / "solomon" / "C101.txt"
    if not path.exists():
        pytest.skip("../shared/data is not beside this checkout")
    instance = read_solomon(path)
    assert (instance.vehicles, instance.capacity, len(instance.x)) == (25, 200, 101)
    assert instance.due[0] == 1236
