"""The pure domain: dataclasses and rules, no I/O, no frameworks, no clock."""
