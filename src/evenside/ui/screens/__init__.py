"""Provides the screens of the evenside app, one module each."""
