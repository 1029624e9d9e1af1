"""What every API route takes: dependencies, problem+json errors, request limits."""
