"""The assembly: configuration, the container that wires adapters to services, the web app,
migrations.
"""
