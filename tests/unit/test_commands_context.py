"""A capability's command is handed the container by the command line, never opens one."""

from __future__ import annotations

import click
import pytest
import typer

from klantreis.core.commands import container_of


def test_a_command_run_outside_the_klantreis_command_line_is_told_so() -> None:
    with pytest.raises(RuntimeError, match="through the klantreis command line"):
        container_of(typer.Context(click.Command("plan")))


def test_a_command_gets_what_the_command_line_opens_when_it_asks() -> None:
    opened: list[str] = []
    ctx = typer.Context(click.Command("plan"), obj=lambda: opened.append("opened") or "container")
    assert opened == []  # nothing is opened until a command asks
    assert container_of(ctx) == "container" and opened == ["opened"]
