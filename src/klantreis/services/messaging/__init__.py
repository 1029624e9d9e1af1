"""Messages to customers: what to say, on which channel, when; the outbox; inbound triage."""
