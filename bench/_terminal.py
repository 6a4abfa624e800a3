"""Provides a private tmux terminal for benchmarks: start a command, read the screen, its CPU."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Terminal:
    """One tmux server on a private socket, holding one pane."""

    socket: str
    width: int = 100
    height: int = 30

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this socket and return its output."""
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def start(self, command: list[str], env: dict[str, str] | None = None) -> float:
        """Start `command` in a fresh pane; returns the perf_counter time just before launch."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        line = f"env {exports} TERM=xterm-256color {shlex.join(command)}"
        started = time.perf_counter()
        subprocess.run(
            [
                "tmux",
                "-L",
                self.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                str(self.width),
                "-y",
                str(self.height),
                line,
            ],
            check=True,
        )
        return started

    def screen(self) -> str:
        """The visible text of the pane."""
        return self.tmux("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 10.0) -> float:
        """Poll the screen until `text` shows; return the perf_counter time it was seen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if text in self.screen():
                return time.perf_counter()
            time.sleep(0.002)
        raise TimeoutError(f"{text!r} did not appear; screen:\n{self.screen()}")

    def pane_pid(self) -> int:
        """The pid of the command running in the pane."""
        return int(self.tmux("display-message", "-p", "#{pane_pid}").strip())

    def send(self, *keys: str) -> None:
        """Type keys into the pane."""
        self.tmux("send-keys", *keys)

    def kill(self) -> None:
        """Stop this private tmux server (and only it)."""
        self.tmux("kill-server")


def cpu_seconds(pid: int) -> float:
    """CPU time of `pid` and its live descendants, every thread counted.

    Read from /proc/PID/task/TID/schedstat (nanoseconds, so a 15 s window of a
    process using well under 1 % of a core is not rounded to whole 10 ms clock
    ticks); from the tick counts in /proc/PID/stat where schedstat is missing.
    Children that ended count too (their ticks, from the parent's stat).
    """
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime: fields 14-17 of stat (index 11-14 after the name).
        own, ended = fields[11:13], fields[13:15]
        threads = _thread_ns(p)
        total += threads / 1e9 if threads is not None else sum(int(x) for x in own) / tick
        total += sum(int(x) for x in ended) / tick
    return total


def _thread_ns(pid: int) -> int | None:
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    total = 0
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as schedstat:
                total += int(schedstat.read().split()[0])
        except (OSError, ValueError, IndexError):
            return None
    return total


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            for child in children.read().split():
                pids.extend(_tree(int(child)))
    except OSError:
        pass
    return pids
