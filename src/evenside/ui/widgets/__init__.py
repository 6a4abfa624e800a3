"""Provides the widgets two or more screens share, one module each; a widget of one screen
lives in that screen's folder (tests/ui/widgets checks it)."""
