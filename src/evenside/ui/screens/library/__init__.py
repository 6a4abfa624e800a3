"""Provides the library screen and its helpers: entries, balance bars, the command palette."""
