"""Provides evenside: a terminal routine player that keeps your left and right sides even."""

__version__ = "0.1.0"
