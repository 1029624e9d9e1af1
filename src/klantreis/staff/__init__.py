"""Staff accounts: sign-in (password or the company's identity provider), sessions, roles,
CSRF on every form, and the audit trail of who did what."""
