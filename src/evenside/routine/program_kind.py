"""Provides the test that tells a program file from a routine file without loading it.

A program has a top-level `schedule:` and no top-level `steps:`. Listing the
routine folders asks this of every file, so it reads the text only (a
regular expression on the first bytes), never the YAML.
"""

from __future__ import annotations

import re
from pathlib import Path

from evenside.routine.file_kinds import file_kind
from evenside.routine.yaml_nodes import MAX_FILE_BYTES

_SCHEDULE = re.compile(rb"^schedule[ \t]*:", re.MULTILINE)
_STEPS = re.compile(rb"^steps[ \t]*:", re.MULTILINE)


def is_program_text(data: bytes) -> bool:
    """True when `data` (a file's bytes) is written as a program."""
    return _SCHEDULE.search(data) is not None and _STEPS.search(data) is None


def is_program_file(path: Path) -> bool:
    """True when the file at `path` is a program; False for a routine or an unreadable file."""
    if file_kind(path) != "":
        return False  # not a regular file: opening a named pipe would wait for a writer
    try:
        with path.open("rb") as handle:
            return is_program_text(handle.read(MAX_FILE_BYTES))
    except OSError:
        return False
