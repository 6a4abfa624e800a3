"""Provides the plain-line front end: play, pain ratings and desk mode, as lines."""
