"""Use cases: each takes a unit of work (and other ports) and never commits itself."""
