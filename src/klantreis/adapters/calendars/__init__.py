"""Calendars: public holidays, customers' private calendars (CalDAV, .ics), invites."""
