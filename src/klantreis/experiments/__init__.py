"""Experiments: variants by a stable hash, their registry and their analysis."""
