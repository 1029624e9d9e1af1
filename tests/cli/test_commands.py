"""The command line: imports that name bad rows, the demo seed, the schema upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from klantreis.app.bootstrap import bootstrap
from klantreis.app.config import Settings
from klantreis.cli.main import app
from klantreis.core.customer import Persona

runner = CliRunner()


@pytest.fixture
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", sqlite_url)
    return sqlite_url


def customer_count(url: str) -> int:
    container = bootstrap(Settings(database_url=url))
    with container.uow_factory() as uow:
        count = uow.customers.count()
    container.dispose()
    return count


def test_db_upgrade_reports_the_revision(database: str) -> None:
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    from klantreis.app.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config(create_engine(database))).get_current_head()
    result = runner.invoke(app, ["db", "upgrade"])
    assert head and result.exit_code == 0 and f"revision {head} " in result.output


def test_an_import_with_bad_rows_names_them_and_writes_nothing(
    database: str, tmp_path: Path
) -> None:
    file = tmp_path / "klanten.csv"
    file.write_text(
        "external_id,surname,street,house_number,postcode\n"
        "K1,Vos,Kerkstraat,1,3511 AB\n"
        "K2,Bos,Kerkstraat,2,35111 AB\n"
        "K3,,Kerkstraat,3,3511 AB\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", "customers", str(file)])
    assert result.exit_code == 1
    assert "row 3, field 'postcode'" in result.output
    assert "row 4, field 'surname'" in result.output
    assert "nothing written" in result.output
    assert customer_count(database) == 0


def test_a_partial_import_writes_the_good_rows(database: str, tmp_path: Path) -> None:
    file = tmp_path / "klanten.csv"
    file.write_text(
        "external_id,surname,street,house_number,postcode\n"
        "K1,Vos,Kerkstraat,1,3511 AB\nK2,Bos,Kerkstraat,2,35111 AB\n"
    )
    result = runner.invoke(app, ["import", "customers", str(file), "--partial"])
    assert result.exit_code == 1  # still says something was wrong
    assert "1 created" in result.output and customer_count(database) == 1


def test_a_file_that_is_not_utf8_is_named(database: str, tmp_path: Path) -> None:
    file = tmp_path / "latin1.csv"
    file.write_bytes("external_id,surname\nK1,M\xfcller\n".encode("latin-1"))
    result = runner.invoke(app, ["import", "customers", str(file)])
    assert result.exit_code == 2 and "not UTF-8" in result.output


def test_the_demo_seed_covers_every_persona_and_running_it_again_doubles_nothing(
    database: str,
) -> None:
    first = runner.invoke(app, ["seed-demo", "--households", "120", "--technicians", "21"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["seed-demo", "--households", "120", "--technicians", "21"])
    assert "0 new cases" in second.output
    container = bootstrap(Settings(database_url=database))
    with container.uow_factory() as uow:
        customers = uow.customers.list(0, 1000)
        technicians = uow.technicians.list(0, 100)
        cases = uow.cases.list(0, 1000)
    container.dispose()
    assert len(customers) == 120 and len(technicians) == 21
    assert {c.persona for c in customers} == set(Persona)
    assert all(t.shifts and t.skills for t in technicians)
    assert len({c.address.postcode[:4] for c in customers}) > 100  # spread over the country
    assert cases, "the demo opens some cases"
