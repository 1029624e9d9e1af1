"""Messages to customers: touchpoints, channel limits, the voice, the right moment."""
