"""Synthetic data: a population of customers and appliances, their telemetry and journeys, for the
demo, the benchmarks and the twin.
"""
