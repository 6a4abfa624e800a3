"""Provides the desk-mode screen and the app that waits on it."""
