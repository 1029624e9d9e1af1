"""Storage on SQLAlchemy 2 (SQLite embedded default, PostgreSQL): the engine, column types and the
core tables.
"""
