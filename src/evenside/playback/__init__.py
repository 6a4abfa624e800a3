"""Provides the player: the session runner on asyncio, plain output, tracing and wiring (no UI)."""
