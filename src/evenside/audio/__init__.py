"""Provides sound for sessions: synthesized cues, spoken steps and the backends that play them.

Nothing here imports Textual; the player wires `CuePlayer` to the engine's events.
"""
