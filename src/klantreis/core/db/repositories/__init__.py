"""The core's repositories: customers, devices, technicians, cases, journey events, API keys."""
