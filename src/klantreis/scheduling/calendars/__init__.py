"""Calendars: public holidays, customers' private calendars (CalDAV, .ics) and invites."""
