"""The appliance catalogue is checked whole at load: an entry that does not add up is refused
with its place in the file named, before any reading is judged by it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from klantreis.core.device import DeviceKind
from klantreis.telemetry.fleet.catalogue import CatalogueError, load_catalogue, parse_catalogue

PACKAGED = (resources.files("klantreis.telemetry.fleet") / "data" / "appliances.toml").read_text(
    "utf-8"
)


def test_the_shipped_catalogue_declares_four_kinds_each_with_its_own_modes() -> None:
    catalogue = parse_catalogue(PACKAGED, "appliances.toml")
    assert set(catalogue.kinds) == {
        DeviceKind.BOILER,
        DeviceKind.HEAT_PUMP,
        DeviceKind.DISHWASHER,
        DeviceKind.WASHING_MACHINE,
    }
    for kind in catalogue.kinds.values():
        assert kind.counters, f"{kind.kind} has no counter of use"
        for mode in kind.modes:  # every mode the model learns has a cause to plan for
            assert catalogue.cause(kind.mode_causes[mode]).mode == mode


def _broken(old: str, new: str) -> str:
    assert old in PACKAGED
    return PACKAGED.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("low = 0\nhigh = 10\n", "low = 10\nhigh = 0\n", "kinds.boiler.sensors.2"),
        ('name = "return_temp_c"', 'name = "flow_temp_c"', "'flow_temp_c' is declared twice"),
        ('minuend = "flow_temp_c"', 'minuend = "flow_c"', "no sensor 'flow_c'"),
        ('cause = "overheating"', 'cause = "melting"', "kinds.boiler.signals: no cause 'melting'"),
        ('signal = "pressure_bar"', 'signal = "pressure"', "no sensor or difference 'pressure'"),
        ("at_least = 95", "at_least = 95\nbelow = 20", "exactly one of at_least and below"),
        ("E133 = ", '"e 133" = ', "kinds.boiler.codes.remeha: 'e 133' is not a fault code"),
        ('ignition = "ignition_wear"', 'ignition = "low_pressure"', "of another mode"),
        ("[kinds.dishwasher]", "[kinds.toaster]", "kinds.toaster"),
        ('mode = "drain"\nurgency = "soon"', 'mode = "drain"\nurgency = "whenever"', "urgency"),
        ('note = "pressure fell to {value:.2f} bar"', 'note = "fell to {bar}"', "needs {value}"),
        ("every_minutes = 720", "every_minutes = 0", "every_minutes"),
        ('name = "return_temp_c"', 'name = "at"', "'at' is a reading's own field"),
        ('E24 = "drain_blocked"', 'E24 = "pump_failure"', "needs skill 'boiler'"),
    ],
)
def test_a_catalogue_that_does_not_add_up_is_refused_naming_the_entry(
    old: str, new: str, named: str
) -> None:
    with pytest.raises(CatalogueError) as refused:
        parse_catalogue(_broken(old, new), "firm.toml")
    assert str(refused.value).startswith("firm.toml: ")
    assert named in str(refused.value)


def test_a_file_that_is_no_toml_or_cannot_be_read_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "firm.toml"
    broken.write_text("[kinds.boiler\n", "utf-8")
    with pytest.raises(CatalogueError, match="not valid TOML"):
        load_catalogue(broken)
    with pytest.raises(CatalogueError, match="cannot be read"):
        load_catalogue(tmp_path / "missing.toml")


def test_a_firm_may_add_sensors_to_a_kind_in_its_own_copy(tmp_path: Path) -> None:
    own = tmp_path / "firm.toml"
    own.write_text(
        _broken(
            "[[kinds.dishwasher.signals]]",
            '[[kinds.dishwasher.sensors]]\nname = "salt_level_pct"\nunit = "%"\nlow = 0\n'
            "high = 100\nevery_minutes = 1440\n\n[[kinds.dishwasher.signals]]",
        ),
        "utf-8",
    )
    dishwasher = load_catalogue(own).kinds[DeviceKind.DISHWASHER]
    assert "salt_level_pct" in dishwasher.levels
