"""Persistence: SQLAlchemy 2 models and repositories. SQLite (WAL) by default, any URL by config."""
