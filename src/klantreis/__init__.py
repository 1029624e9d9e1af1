"""Klantreis: the service journey of connected appliances."""

__version__ = "0.1.0"
