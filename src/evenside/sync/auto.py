"""Provides `AutoSync`: with `[sync] folder` set, a sync when evenside starts and after each
session, in a process of its own, never on the player's path.

A command that writes a record and ends (`checkin`, `program use`, `step`,
`stop`) calls `sync_in_background` instead: one sync left running on its own.

The front end starts one (`start_auto_sync`), passes `after_session` to its
session assembly as an extra listener, and calls `finish` once its screen has
closed: that last sync takes in everything the session wrote (the ratings on
the summary too) and waits a bounded time. Each sync is `evenside sync
--background FOLDER` in a child process at a lower priority: comparing years
of history in the player's own process held its interpreter long enough to
make cues up to 94 ms late (bench in docs/benchmarks.md); a child shares no
interpreter, no memory, and finishes its files even if evenside exits first. A
sync that fails never touches the session: the first failure is kept and
`finish` returns it, once, for the front end to print after the screen is gone.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from evenside.engine.events import Listener, SessionEnded, SessionEvent
from evenside.engine.session import Session
from evenside.settings import Settings, SettingsError, load_settings

SETTLE_S = 2.0
"""How long after a session ends its sync waits: the history writer commits a session's
end within about a second, off the player's path."""
START_DELAY_S = 1.0
"""How long after start the first sync waits: the screen's first frame goes first."""
FINISH_WAIT_S = 15.0
"""How long `finish` waits for the last sync before leaving it to finish on its own."""

SyncRun = Callable[[], "str | None"]
"""One sync; None when it went well, else why not (one line)."""


def sync_command(folder: Path) -> list[str]:
    """The command line of one automatic sync through `folder`."""
    return [sys.executable, "-m", "evenside", "sync", "--background", str(folder)]


def _failure(stderr: str) -> str:
    """One line from a failed sync's error output."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error: ")]
    if len(errors) > 1:
        return f"{len(errors)} problems in the sync folder; `evenside sync` names them"
    last = (errors or lines or ["the sync stopped without saying why"])[-1]
    return last[len("error: ") :] if last.lower().startswith("error: ") else last


def _sync_process(folder: Path) -> SyncRun:
    def run() -> str | None:
        done = subprocess.run(
            sync_command(folder),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            # Its own session: ctrl-c or a closed terminal stops the player, not a sync
            # half way through writing.
            start_new_session=True,
        )
        return None if done.returncode == 0 else _failure(done.stderr)

    return run


class AutoSync:
    """Runs syncs one at a time on a daemon thread, as they are asked for."""

    def __init__(self, run: SyncRun, *, folder: Path, settle_s: float = SETTLE_S) -> None:
        self._run = run
        self._folder = folder
        self._settle_s = settle_s
        self._lock = threading.Condition()
        self._asked = 0  # requests made
        self._done = 0  # requests a finished sync has covered
        self._due = 0.0  # monotonic time the next sync may start
        self._failure: str | None = None
        self._said = False
        self._thread = threading.Thread(target=self._loop, name="evenside-sync", daemon=True)
        self._thread.start()

    def request(self, delay_s: float = 0.0) -> None:
        """Ask for a sync in `delay_s` seconds (requests that meet are one sync)."""
        with self._lock:
            self._asked += 1
            self._due = max(self._due, time.monotonic() + delay_s)
            self._lock.notify_all()

    def after_session(self, session: Session) -> Listener:
        """An extra listener for the session assembly: a sync once the session has ended."""

        def listen(event: SessionEvent) -> None:
            # On the player's loop: only a flag and a notify, no file or database work.
            if isinstance(event, SessionEnded):
                self.request(self._settle_s)

        return listen

    def finish(self, wait_s: float = FINISH_WAIT_S) -> str | None:
        """One last sync now; wait for it (at most `wait_s`). The first failure of this run,
        said once: None when all went well or it was said before."""
        with self._lock:
            # Now, not after a pending session's settle time: the session is closed and written.
            self._asked += 1
            self._due = time.monotonic()
            self._lock.notify_all()
            target = self._asked
            self._lock.wait_for(lambda: self._done >= target, timeout=wait_s)
            finished = self._done >= target
            if not finished and self._failure is None:
                self._failure = f"the sync with {self._folder} is still running; left for next time"
            if self._failure is None or self._said:
                return None
            self._said = True
            return f"automatic sync: {self._failure}"

    def _loop(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._asked > self._done)
                while (pause := self._due - time.monotonic()) > 0:
                    self._lock.wait(pause)
                covering = self._asked
            problem = self._attempt()
            with self._lock:
                if problem is not None and self._failure is None:
                    self._failure = problem
                self._done = covering
                self._lock.notify_all()

    def _attempt(self) -> str | None:
        try:
            return self._run()
        except Exception as error:  # whatever it was, the session must not hear of it
            return str(error) or type(error).__name__


def configured_folder(settings: Settings | None = None) -> Path | None:
    """The sync folder `[sync] folder` names (`settings`, else the settings file), or None.

    A settings file that cannot be read is the command's to report: no sync then.
    """
    try:
        chosen = settings if settings is not None else load_settings()
    except SettingsError:
        return None
    return Path(chosen.sync_folder).expanduser() if chosen.sync_folder else None


def start_auto_sync(
    settings: Settings | None = None,
    *,
    settle_s: float = SETTLE_S,
    start_delay_s: float = START_DELAY_S,
) -> AutoSync | None:
    """With `[sync] folder` set, an `AutoSync` with its start sync asked for; else None."""
    folder = configured_folder(settings)
    if folder is None:
        return None
    auto = AutoSync(_sync_process(folder), folder=folder, settle_s=settle_s)
    auto.request(start_delay_s)
    return auto


def sync_in_background(settings: Settings | None = None) -> bool:
    """With `[sync] folder` set, start one sync in a child process of its own session and
    leave it running (True); else False.

    For commands that write a record and end at once: the person is not kept waiting
    for a sync of years of history, and the child finishes its files after evenside
    has exited. A failure is not said here; the next start's sync says it.
    """
    folder = configured_folder(settings)
    if folder is None:
        return False
    try:
        subprocess.Popen(
            sync_command(folder),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False  # no process could be started: the next start's sync takes it
    return True
