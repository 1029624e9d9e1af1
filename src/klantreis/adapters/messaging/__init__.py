"""Messaging adapters: the template catalog, senders (SMTP, Apprise, letters), inboxes."""
