"""Provides the history store: every interval and session, kept in SQLite."""
