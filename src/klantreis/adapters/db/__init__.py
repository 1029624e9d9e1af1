"""Storage on SQLAlchemy 2: SQLite (embedded default) and PostgreSQL."""
