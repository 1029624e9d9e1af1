"""Customer self-scheduling: offers, bookings, calendars, personal links and invites."""
