"""Journey analytics over the event log, in DuckDB."""
