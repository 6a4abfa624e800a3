"""Provides a whole `--plain` session, as the TUI gives one: the owed-sides offer, the
session with its keys, the summary, the pain questions and the offer to do owed sides now.

Questions are read a line at a time from stdin; with no one to answer (end of
input) each is taken as no, or skipped. After ctrl-c only the summary is
printed: the person asked to leave.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from evenside.balance.owed import OwedSide, owed_now, owed_sides, with_owed_first
from evenside.engine.timeline import SideChooser
from evenside.pain.rating import rated_sides
from evenside.plain import rating as plain_rating
from evenside.plain.checkin import offer_checkin
from evenside.plain.dose_note import print_dose_note
from evenside.plain.keys import is_terminal
from evenside.plain.player import run_plain
from evenside.plain.summary import owed_lines, owed_question, summary_lines
from evenside.playback.assembly import SessionAssembly
from evenside.routine.model import Routine
from evenside.terminal_text import safe_text
from evenside.wording import sentence


@dataclass
class PlainSessionFlow:
    """Plays routines in plain lines for one command (`play --plain`, a desk break)."""

    assembly: SessionAssembly
    """Puts each session together (sound, history, trace)."""
    out: TextIO = field(default_factory=lambda: sys.stdout)
    """Where the lines go."""
    err: TextIO = field(default_factory=lambda: sys.stderr)
    """Where what could not be saved is said."""
    stdin_fd: int | None = 0
    """Keys and answers (None: no input at all)."""
    rate: bool = False
    """Ask pain before and after (`--rate`); after is asked at a terminal anyway."""

    def play(
        self, routine: Routine, *, offers: bool = True, choose: SideChooser | None = None
    ) -> int:
        """Play `routine` to its end; the exit code (0, 1 when something was not saved or
        no input could finish a set, 128 + a signal's number when stopped by one).

        `offers`: offer owed sides first and afterwards (not for the owed sides' own session);
        `choose` picks the first side (None: the balance chooser from the history).
        Raises what `SessionAssembly.build` raises when the session cannot be put together.
        """
        if offers:
            # The morning check-in, at a terminal only: a script's piped keys are not answers.
            offer_checkin(
                self.out, self._read, interactive=is_terminal(self.stdin_fd),
                history=self.assembly.history,
            )  # fmt: skip
            owed = self._owed(routine)
            if owed and self._yes(owed_question(owed, "first")):
                routine = with_owed_first(routine, owed)
        played = self.assembly.build(routine, choose)
        try:
            for why in played.reasons.values():
                self._say(safe_text(sentence(why)) + ".")
            if self.rate and offers:
                sides = rated_sides(played.session.timeline)
                before = plain_rating.ask_ratings("before", sides, self.out, self._read)
                plain_rating.attach_before_ratings(played, before)
            code = run_plain(played, self.out, self.stdin_fd)
            self._say("")
            for line in summary_lines(played.session):
                self._say(line)
            print_dose_note(played, self.out)  # a program's doses, when it is one
            interrupted = code >= 128
            if not interrupted and played.session.finished and self._asks_after():
                plain_rating.after_session(played, self.out, self._read)
        finally:
            played.close()
        report = played.unsaved_report()
        if report is not None:
            self.err.write(f"! {report}\n")
            code = code or 1
        if offers:
            code = self._offer_owed_now(routine, code) or code
        return code

    def _offer_owed_now(self, routine: Routine, code: int) -> int:
        owed = self._owed(routine)
        for line in owed_lines(owed):
            self._say(line)
        extra = owed_now(owed, routine) if owed else None
        if extra is None or code >= 128 or not self._yes(owed_question(owed, "now")):
            return 0
        return self.play(extra, offers=False)

    def _asks_after(self) -> bool:
        return self.rate or is_terminal(self.stdin_fd)

    def _owed(self, routine: Routine) -> Sequence[OwedSide]:
        """The sides `routine`'s exercises owe; none when the history cannot be read."""
        if not self.assembly.records:
            return []
        from evenside.history.db import HistoryUnavailable, open_history
        from evenside.locations import history_path

        ids = [step.id for step in routine.exercises()]
        try:
            conn = open_history(self.assembly.history or history_path())
        except (HistoryUnavailable, sqlite3.Error, OSError):
            return []
        try:
            return owed_sides(conn, ids)
        except sqlite3.Error:
            return []
        finally:
            conn.close()

    def _read(self) -> str | None:
        if self.stdin_fd is None:
            return None
        try:
            return plain_rating.read_line(self.stdin_fd)
        except OSError:
            return None

    def _yes(self, question: str) -> bool:
        self._write(question)
        answer = self._read()
        if answer is None or not is_terminal(self.stdin_fd):
            # No terminal echoed the answer: say it, so the log reads as it happened.
            self._say(answer.strip() if answer is not None else "")
        return answer is not None and answer.strip().lower() in ("y", "yes")

    def _say(self, line: str) -> None:
        self._write(line + "\n")

    def _write(self, text: str) -> None:
        # The reader may have gone (`| head`): the session still ends and is saved.
        with contextlib.suppress(BrokenPipeError, ValueError):
            self.out.write(text)
            self.out.flush()
