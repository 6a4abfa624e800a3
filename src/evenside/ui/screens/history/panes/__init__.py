"""Provides the history screen's panes: side by side, calendar, pain and sessions."""
