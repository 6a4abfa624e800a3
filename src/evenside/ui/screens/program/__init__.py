"""Provides the program's lines the TUI screens show (the dose a session was played at)."""
