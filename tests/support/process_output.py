"""Provides reading a child process's output until a text shows, bounded so nothing hangs."""

from __future__ import annotations

import os
import select
import subprocess
import time

import pytest


class ProcessOutput:
    """A child's stdout read as it comes: each `until` looks past the text found before."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.seen = b""
        """Everything read so far."""
        self._cursor = 0

    def until(self, text: str, timeout: float = 20) -> str:
        """Read until `text` shows after the last text found (fail after `timeout` s)."""
        stdout = self.process.stdout
        assert stdout is not None
        wanted = text.encode()
        give_up = time.monotonic() + timeout
        while (found := self.seen.find(wanted, self._cursor)) < 0:
            left = give_up - time.monotonic()
            if left <= 0:
                self.process.kill()
                pytest.fail(f"{text!r} never appeared; output so far: {self.seen.decode()!r}")
            ready, _, _ = select.select([stdout], [], [], left)
            if ready:
                chunk = os.read(stdout.fileno(), 4096)
                if not chunk:
                    pytest.fail(f"output ended before {text!r}: {self.seen.decode()!r}")
                self.seen += chunk
        self._cursor = found + len(wanted)
        return self.seen.decode(errors="replace")


def read_until(process: subprocess.Popen[bytes], text: str, timeout: float = 20) -> str:
    """Read stdout until `text` shows (or fail after `timeout` seconds); what was read."""
    return ProcessOutput(process).until(text, timeout)
