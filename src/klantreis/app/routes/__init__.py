"""API routes over the core records (customers, devices, technicians, cases, journey events,
health).
"""
