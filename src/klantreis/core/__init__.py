"""The shared core: customers, devices, cases and their state machine, journey events, clock, ids,
errors, storage base, i18n.
"""
