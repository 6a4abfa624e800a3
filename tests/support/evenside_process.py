"""Provides evenside run as a person runs it: the command in a child process."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

EVENSIDE = (sys.executable, "-m", "evenside")
"""The command line that runs this checkout's evenside on this Python."""

EVENSIDE_SCRIPT = Path(sys.executable).parent / "evenside"
"""The installed `evenside` command, for a shell line typed into a terminal."""


def shell_line(*args: str | Path) -> str:
    """`evenside ARGS` as one shell line, every word quoted."""
    return shlex.join([str(EVENSIDE_SCRIPT), *map(str, args)])


def run_evenside(
    *args: str | Path,
    input: str | None = None,
    stdin: int | None = None,
    timeout: float = 60,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run `evenside ARGS` to its end; its output as text (the timeout only bounds a hang)."""
    return subprocess.run(
        [*EVENSIDE, *map(str, args)],
        input=input,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
        check=check,
    )
