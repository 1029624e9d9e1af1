"""Inbound messages: triage by intent and language, surges, callback requests."""
