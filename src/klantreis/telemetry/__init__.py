"""Telemetry from connected appliances: ingestion, diagnosis, the fleet model, risk scoring,
maintenance.
"""
