"""Provides the morning check-in modal."""
