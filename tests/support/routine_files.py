"""Provides routine files written for tests, and the routine texts more than one test writes."""

from __future__ import annotations

import textwrap
from pathlib import Path

MORNING_HIPS = """\
name: Morning hips
summary: Wake the hips up.
tags: [hips, daily]
defaults:
  prep: 5s
steps:
  - exercise: Runner's lunge
    hold: 45s
    sides: both
  - exercise: Glute bridge
    reps: 12
"""
"""A routine of the user's own: 1:40 of lunges, then 12 untimed bridges."""


def write_routine(folder: Path, text: str, name: str = "routine.yaml") -> Path:
    """Write `text` (dedented) as the file `name` in `folder`, made if need be; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
