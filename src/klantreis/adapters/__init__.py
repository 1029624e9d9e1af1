"""Adapters: the real implementations of the services' ports."""
