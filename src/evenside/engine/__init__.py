"""Provides the pure session engine: the timeline and the state machine over it (no UI)."""
