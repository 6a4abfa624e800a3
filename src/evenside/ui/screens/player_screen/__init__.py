"""Provides the player screen and its helpers: quick widgets, interval words, stop dialog."""
