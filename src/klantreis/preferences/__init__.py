"""A customer's own contact preferences and confirmed changes of contact details."""
