"""Readings stored in the boiler columns before appliance kinds (migration 0018) keep their
values, now by sensor name; a sensor that did not report stays missing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text

from klantreis.app.bootstrap import Container
from klantreis.app.migrate import alembic_config, upgrade


def test_boiler_readings_survive_the_move_to_named_sensor_values(container: Container) -> None:
    at = datetime(2026, 3, 26, 8, tzinfo=UTC)
    command.downgrade(alembic_config(container.engine), "0017")
    with container.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO telemetry_readings (device_id, measured_at, pressure_bar, "
                "flow_temp_c, return_temp_c, ignition_attempts, fault_code) "
                "VALUES ('d1', :at, 1.45, 61.5, NULL, 2, NULL), ('d1', :later, NULL, NULL, "
                "NULL, NULL, 'E133')"
            ),
            {"at": at, "later": at + timedelta(hours=12)},
        )
    upgrade(container.engine)
    with container.uow_factory(read_only=True) as uow:
        [first, second] = uow.telemetry.window(["d1"], at - timedelta(days=1))["d1"]
    assert first.values == {"pressure_bar": 1.45, "flow_temp_c": 61.5, "ignition_attempts": 2.0}
    assert first.fault_code is None
    assert second.values == {} and second.fault_code == "E133"


def test_a_downgrade_puts_the_boiler_values_back_into_their_columns(container: Container) -> None:
    at = datetime(2026, 3, 26, 8, tzinfo=UTC)
    with container.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO telemetry_readings (device_id, measured_at, sensor_values, fault_code)"
                " VALUES ('d1', :at, :values, NULL)"
            ),
            {"at": at, "values": '{"pressure_bar": 1.45, "ignition_attempts": 2}'},
        )
    command.downgrade(alembic_config(container.engine), "0017")
    with container.engine.connect() as connection:
        row = connection.execute(
            text("SELECT pressure_bar, ignition_attempts, flow_temp_c FROM telemetry_readings")
        ).one()
    assert (row.pressure_bar, row.ignition_attempts, row.flow_temp_c) == (1.45, 2, None)
    upgrade(container.engine)  # and up again, as the next start does
    with container.uow_factory(read_only=True) as uow:
        [back] = uow.telemetry.window(["d1"], at - timedelta(days=1))["d1"]
    assert back.values == {"pressure_bar": 1.45, "ignition_attempts": 2.0}
