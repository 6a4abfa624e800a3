"""Provides a real terminal for end-to-end tests: one tmux server on a private socket.

Only this server is ever killed. The pane stays after its program exits
(remain-on-exit), so a test can read how it ended.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.tools import require_tool

WAIT_S = 20.0
"""Generous: the machine is shared; this bounds a hang, it does not measure speed."""


class TmuxTerminal:
    """A tmux server on a private socket, running one command in a named 100x30 pane."""

    def __init__(self, socket: str, config: Path, target: str) -> None:
        self.base = ["tmux", "-L", socket, "-f", str(config)]
        self.target = target

    def run(self, *args: str) -> str:
        """Run a tmux command on this server; its output."""
        done = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, check=True, timeout=WAIT_S
        )
        return done.stdout

    def start(self, command: str, width: int = 100, height: int = 30) -> None:
        """Start `command` (a shell line) with this test's XDG folders and HOME."""
        env = [f"-e{name}={value}" for name, value in os.environ.items() if name.startswith("XDG_")]
        self.run(
            "new-session", "-d", "-s", self.target, "-x", str(width), "-y", str(height),
            *env, "-e", "HOME=" + os.environ["HOME"], command,
        )  # fmt: skip

    def text(self) -> str:
        """The visible screen."""
        return self.run("capture-pane", "-p", "-t", self.target)

    def lines(self) -> list[str]:
        """The visible screen, line by line."""
        return self.text().splitlines()

    def wait_for(self, test: Callable[[str], bool], what: str) -> str:
        """Poll the screen until `test` holds; fail (naming `what`) after WAIT_S."""
        deadline = time.monotonic() + WAIT_S
        while True:
            screen = self.text()
            if test(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}; screen:\n{screen}")
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        """Type into the pane."""
        self.run("send-keys", "-t", self.target, *keys)


def run_with_status(command: str, status: Path) -> str:
    """`command` as a shell line that writes its exit status into `status`.

    tmux 3.3 sometimes leaves an exited pane process unreaped, so the pane's
    own dead status cannot be relied on.
    """
    return f"{command}; echo $? > {shlex.quote(str(status))}"


def wait_for_exit(terminal: TmuxTerminal, status: Path) -> int:
    """Wait for the status file `run_with_status` writes; the exit status."""
    deadline = time.monotonic() + WAIT_S
    while not (status.exists() and status.read_text().strip()):
        if time.monotonic() > deadline:
            pytest.fail("the program did not exit:\n" + terminal.text())
        time.sleep(0.1)
    return int(status.read_text().strip())


@contextmanager
def private_terminal(tmp_path: Path, name: str, target: str) -> Iterator[TmuxTerminal]:
    """A terminal on the socket `name-PID`, killed (and only it) afterwards."""
    require_tool("tmux")
    config = tmp_path / "tmux.conf"
    config.write_text("set -g remain-on-exit on\n")
    terminal = TmuxTerminal(f"{name}-{os.getpid()}", config, target)
    try:
        yield terminal
    finally:
        subprocess.run([*terminal.base, "kill-server"], capture_output=True, timeout=WAIT_S)
