"""CSV imports, against fake repositories: row-and-field errors, all-or-nothing, idempotency."""

from __future__ import annotations

import pytest

from klantreis.core.customer import Persona, SchoolRegion
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.imports import ImportKind, import_csv
from tests.fakes import FakeUnitOfWork

GAZETTEER = Pc4Gazetteer.packaged()
CUSTOMERS = """external_id,salutation,first_name,tussenvoegsel,surname,street,house_number,postcode,persona,consents,channel_preferences,quiet_hours
K1,heer,Jan,van der,Berg,Oudegracht,12,3511ab,family,service:email;service:sms,email;sms,21:00-08:00
K2,first_name,Anna,,Jansen,Dorpsstraat,3,9711 AB,single_senior,,,
"""


def test_a_good_file_creates_every_row_with_place_data_from_the_postcode() -> None:
    uow = FakeUnitOfWork()
    report = import_csv(uow, GAZETTEER, ImportKind.CUSTOMERS, CUSTOMERS)
    assert report.ok and report.written and report.created == 2
    by_external = {c.external_id: c for c in uow.customers.rows.values()}
    assert by_external["K1"].address.city == "Utrecht"
    assert by_external["K1"].school_region is SchoolRegion.MIDDEN
    assert by_external["K2"].school_region is SchoolRegion.NOORD  # Groningen
    assert by_external["K2"].persona is Persona.SINGLE_SENIOR
    assert by_external["K1"].quiet_hours is not None


def test_importing_the_same_file_twice_updates_and_creates_nothing() -> None:
    uow = FakeUnitOfWork()
    import_csv(uow, GAZETTEER, ImportKind.CUSTOMERS, CUSTOMERS)
    ids = set(uow.customers.rows)
    again = import_csv(
        uow, GAZETTEER, ImportKind.CUSTOMERS, CUSTOMERS.replace("Oudegracht", "Neude")
    )
    assert again.created == 0 and again.updated == 2
    assert set(uow.customers.rows) == ids
    assert {c.address.street for c in uow.customers.rows.values()} == {"Neude", "Dorpsstraat"}


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ("K3,heer,Piet,,Vos,Kerkstraat,1,0000 AB,family,,,", "postcode", "not a Dutch postcode"),
        ("K3,heer,Piet,,Vos,Kerkstraat,1,8999 ZZ,family,,,", "postcode", "does not exist"),
        ("K3,heer,Piet,,Vos,Kerkstraat,1,1000 AB,family,,,", "postcode", "PO-box"),
        ("K3,sir,Piet,,Vos,Kerkstraat,1,3511 AB,family,,,", "salutation", "heer"),
        ("K3,heer,Piet,,Vos,Kerkstraat,1,3511 AB,alien,,,", "persona", "family"),
        ("K3,heer,Piet,,,Kerkstraat,1,3511 AB,family,,,", "surname", "required"),
        ("K3,heer,Piet,,Vos,Kerkstraat,1,3511 AB,family,email,,", "consents", "service:email"),
        ("K3,heer,Piet,,Vos,Kerkstraat,1,3511 AB,family,service:pigeon,,", "consents", "email"),
        ("K3,heer,Piet,,Vos,Kerkstraat,1,3511 AB,family,,,21-08", "quiet_hours", "valid time"),
        ("K3,first_name,,,Vos,Kerkstraat,1,3511 AB,family,,,", "first_name", "first name"),
        ("K1,heer,Piet,,Vos,Kerkstraat,1,3511 AB,family,,,", "external_id", "first on row 2"),
    ],
)
def test_a_bad_row_is_named_by_row_and_field_and_nothing_is_written(
    line: str, field: str, message: str
) -> None:
    uow = FakeUnitOfWork()
    report = import_csv(uow, GAZETTEER, ImportKind.CUSTOMERS, CUSTOMERS + line + "\n")
    assert not report.written
    assert {(e.row, e.field) for e in report.errors} == {(4, field)}
    assert message in report.errors[0].message
    assert uow.customers.rows == {}


def test_with_partial_the_good_rows_are_written_and_the_bad_skipped() -> None:
    uow = FakeUnitOfWork()
    bad = "K3,heer,Piet,,Vos,Kerkstraat,1,0000 AB,family,,,\n"
    report = import_csv(uow, GAZETTEER, ImportKind.CUSTOMERS, CUSTOMERS + bad, all_or_nothing=False)
    assert report.written and report.created == 2 and report.skipped == 1
    assert len(report.errors) == 1


def test_a_missing_or_unknown_column_is_reported_on_the_header_row() -> None:
    uow = FakeUnitOfWork()
    report = import_csv(
        uow,
        GAZETTEER,
        ImportKind.CUSTOMERS,
        "external_id,surname,street,postcode,colour\nK1,Vos,Kerkstraat,3511 AB,red\n",
    )
    assert {(e.row, e.field, e.message) for e in report.errors} == {
        (1, "house_number", "required column is missing"),
        (1, "colour", "unknown column"),
    }
    assert not report.written


def test_a_row_with_more_cells_than_the_header_is_refused() -> None:
    uow = FakeUnitOfWork()
    report = import_csv(
        uow,
        GAZETTEER,
        ImportKind.TECHNICIANS,
        "external_id,name,latitude,longitude\nT1,Piet,52.1,5.1,oops\n",
    )
    assert report.errors[0].row == 2 and not report.written


def test_devices_refer_to_customers_by_external_id() -> None:
    uow = FakeUnitOfWork()
    import_csv(uow, GAZETTEER, ImportKind.CUSTOMERS, CUSTOMERS)
    devices = (
        "external_id,customer_external_id,kind,model,serial,installed_on,contract_reference,contract_start\n"
        "D1,K1,boiler,Remeha Tzerra,SN1,2019-04-01,SC-1,2019-04-01\n"
        "D2,K404,boiler,Remeha Tzerra,SN2,2019-04-01,,\n"
        "D3,K2,toaster,Brood 3000,SN3,2019-04-01,,\n"
        "D4,K2,dishwasher,Bosch,SN1,2031-13-01,,\n"
    )
    report = import_csv(uow, GAZETTEER, ImportKind.DEVICES, devices)
    assert [(e.row, e.field) for e in report.errors] == [
        (3, "customer_external_id"),
        (4, "kind"),
        (5, "installed_on"),
    ]
    assert uow.devices.rows == {}


def test_a_serial_twice_in_one_file_is_refused_on_its_second_row() -> None:
    uow = FakeUnitOfWork()
    import_csv(uow, GAZETTEER, ImportKind.CUSTOMERS, CUSTOMERS)
    devices = (
        "external_id,customer_external_id,kind,model,serial,installed_on\n"
        "D1,K1,boiler,Remeha,SN1,2019-04-01\n"
        "D2,K2,boiler,Remeha,SN1,2019-04-01\n"
    )
    report = import_csv(uow, GAZETTEER, ImportKind.DEVICES, devices)
    assert [(e.row, e.field) for e in report.errors] == [(3, "serial")]


def test_technicians_carry_skills_and_shifts() -> None:
    uow = FakeUnitOfWork()
    text = (
        "external_id,name,latitude,longitude,skills,shifts\n"
        "T1,Piet Vos,52.1,5.1,boiler;heat_pump,mon 08:00-17:00;tue 08:00-12:00\n"
        "T2,Els,52.1,5.1,Boiler!,mon 08:00-17:00;mon 09:00-10:00\n"
    )
    report = import_csv(uow, GAZETTEER, ImportKind.TECHNICIANS, text, all_or_nothing=False)
    assert [(e.row, e.field) for e in report.errors] == [(3, "skills")]
    (tech,) = uow.technicians.rows.values()
    assert tech.skills == {"boiler", "heat_pump"} and len(tech.shifts) == 2


@pytest.mark.parametrize(
    "text",
    ["external_id,name\rT1,x\n", "external_id,name,latitude,longitude\nT1,\x00,52,5\n"],
)
def test_text_that_is_not_valid_csv_is_reported_not_crashed_on(text: str) -> None:
    report = import_csv(FakeUnitOfWork(), GAZETTEER, ImportKind.TECHNICIANS, text)
    assert not report.written and report.errors
    assert all(e.row >= 1 for e in report.errors)
