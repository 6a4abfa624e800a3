"""Provides pain: the ratings' entry, care notes and trends per side (no UI)."""
