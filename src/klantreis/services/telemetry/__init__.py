"""Telemetry from connected appliances: ingestion, diagnosis, risk scoring, maintenance."""
