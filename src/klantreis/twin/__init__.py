"""The digital twin: a synthetic organisation that drives the real services."""
