"""Provides the commented starter routine that `evenside new NAME` writes."""

from __future__ import annotations

import json

_TEMPLATE = """\
# yaml-language-server: $schema=./routine.schema.json
# A routine for evenside. Check it with:  evenside check {filename}
# Play it with:  evenside play {stem}     See the timeline:  evenside show {stem}
#
# Durations: 45 (seconds), 45s, 2m, 1m30s, 1:30, 2 min. At most 4 hours.
# Sides: left, right, both (each side in turn) or none.

name: {name}
summary: A short line for the library list.
description: |
  What this routine is for, and where it comes from.
  Stop and see a doctor if you have fever with the pain, bowel or bladder
  changes, night pain that wakes you, or leg weakness or numbness.
tags: [custom]

defaults:
  prep: 5s         # get-ready countdown before the first exercise
  rest: 15s        # rest between the sets of a step
  switch: 5s       # time to change sides

steps:
  # A hold on each side. 'order: balance' puts the side that is behind first.
  - exercise: Kneeling hip flexor stretch
    cue: Tuck your tail, keep the back knee under the hip. No bouncing.
    hold: 30s
    sides: both
    sets: 2

  # Reps with a tempo tick the count for you; without 'tempo' you press enter when done.
  - exercise: Glute bridge
    cue: Squeeze the glutes at the top.
    reps: 10
    tempo: 3s

  - rest: 20s
    cue: Breathe.

  # A block repeats its steps; 'rest' here is between rounds.
  - repeat: 2
    name: Side work
    rest: 15s
    steps:
      - exercise: Clamshell
        reps: 12
        sides: both
      # Uneven sides: give the tighter side a longer hold.
      - exercise: Supine release
        hold: {{left: 60s, right: 45s}}
        sides: both
"""


def starter_routine(name: str, filename: str) -> str:
    """The starter routine text for a routine called `name`, saved as `filename`."""
    stem = filename.rsplit(".", 1)[0]
    # json.dumps quotes the name safely for YAML (JSON strings are valid YAML scalars).
    return _TEMPLATE.format(name=json.dumps(name, ensure_ascii=False), filename=filename, stem=stem)
