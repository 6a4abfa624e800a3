"""Provides the owed-side offer and the words and routines for owed sides."""
