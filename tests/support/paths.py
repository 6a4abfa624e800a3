"""Provides the repository's folders as the tests see them, wherever a test file sits."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The checkout's root (pyproject.toml, README.md, routines/, sounds/)."""
SRC = REPO / "src"
"""The source tree, put on PYTHONPATH for child processes."""
