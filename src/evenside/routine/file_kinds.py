"""Provides `file_kind`: what a path is, found with stat alone (a named pipe is never opened)."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def file_kind(path: Path) -> str | None:
    """What `path` is when it is not a regular file ("a folder", "a named pipe (FIFO)"...);
    "" for a regular file, None when nothing is there. Only stat, never open."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
