"""Customer self-scheduling: offers of 2-hour windows, bookings, area days, calendars, personal
links and invites.
"""
