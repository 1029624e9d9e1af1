"""Travel times and (later) route optimisation."""
