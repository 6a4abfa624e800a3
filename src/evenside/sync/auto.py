"""Provides `AutoSync`: with `[sync] folder` set, a sync when evenside starts and after each
session, on a thread of its own, never on the player's path.

The front end starts one (`start_auto_sync`), passes `after_session` to its
session assembly as an extra listener, and calls `finish` once its screen has
closed: that last sync takes in everything the session wrote (the ratings on
the summary too) and waits a bounded time. A sync that fails never touches the
session: the first failure is kept and `finish` returns it, once, for the
front end to print after the screen is gone.
"""

from __future__ import annotations

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
"""How long after start the first sync waits: the screen's first frame goes first (both
want the interpreter, and a long history takes seconds to compare)."""
FINISH_WAIT_S = 15.0
"""How long `finish` waits for the last sync before leaving it (a hung network folder)."""

SyncRun = Callable[[], list[str]]
"""One sync; returns the problems worth saying (raises with the reason when it fails)."""


def _sync_run(folder: Path, device_name: str, history: Path | None) -> SyncRun:
    def run() -> list[str]:
        from evenside.sync.device import this_device
        from evenside.sync.merge import sync_folder

        report = sync_folder(folder, this_device(device_name), history=history)
        if report.problems:
            count = len(report.problems)
            return [
                f"{count} record(s) in the sync folder could not be read; "
                "`evenside sync` names them"
            ]
        return []

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
            problems = self._run()
        except Exception as error:  # whatever it was, the session must not hear of it
            return str(error) or type(error).__name__
        return problems[0] if problems else None


def start_auto_sync(
    settings: Settings | None = None,
    history: Path | None = None,
    *,
    settle_s: float = SETTLE_S,
    start_delay_s: float = START_DELAY_S,
) -> AutoSync | None:
    """With `[sync] folder` set, an `AutoSync` already syncing (the start sync); else None.

    A settings file that cannot be read is the command's to report: no sync then.
    """
    try:
        chosen = settings if settings is not None else load_settings()
    except SettingsError:
        return None
    if not chosen.sync_folder:
        return None
    folder = Path(chosen.sync_folder).expanduser()
    run = _sync_run(folder, chosen.sync_device, history)
    auto = AutoSync(run, folder=folder, settle_s=settle_s)
    auto.request(start_delay_s)
    return auto
