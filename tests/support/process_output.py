"""Provides reading a child process's output until a text shows, bounded so nothing hangs."""

from __future__ import annotations

import os
import select
import subprocess
import time

import pytest


def read_until(process: subprocess.Popen[bytes], text: str, timeout: float = 20) -> str:
    """Read stdout until `text` shows (or fail after `timeout` seconds); what was read."""
    assert process.stdout is not None
    seen = b""
    give_up = time.monotonic() + timeout
    while text.encode() not in seen:
        left = give_up - time.monotonic()
        if left <= 0:
            process.kill()
            pytest.fail(f"{text!r} never appeared; output so far: {seen.decode()!r}")
        ready, _, _ = select.select([process.stdout], [], [], left)
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                pytest.fail(f"output ended before {text!r}: {seen.decode()!r}")
            seen += chunk
    return seen.decode()
