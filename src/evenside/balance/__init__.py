"""Provides the balance tracker: per-side accounting, owed sides, neglect and side order."""
