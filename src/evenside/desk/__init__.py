"""Provides desk mode: a break schedule, nudges and break records, with no UI."""
