"""Provides the summary screen and its rows."""
