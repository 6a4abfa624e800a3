"""Provides the history screen, its panes, the session detail and its own launcher."""
