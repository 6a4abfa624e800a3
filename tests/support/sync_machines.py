"""Provides two (or more) machines for the sync tests: each its own data folder and history,
sessions really played through the engine on a fake clock, and a shared sync folder."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from evenside.desk.records import BreakOutcome, record_break
from evenside.history.checkins import Checkin, save_checkin
from evenside.history.db import open_database
from evenside.history.export import write_json
from evenside.history.store import HistoryStore
from evenside.routine.model import Routine
from evenside.sync.device import Device
from evenside.sync.kinds import RECORD_KINDS, RecordKind
from evenside.sync.merge import SyncReport, sync_folder
from tests.support.evenside_process import run_evenside
from tests.support.history_fixtures import PSOAS, TODAY, on, play


@dataclass(frozen=True)
class Machine:
    """One machine: a data folder with a history, and its identity in the sync folder."""

    root: Path
    device: Device

    @classmethod
    def make(cls, parent: Path, name: str) -> Machine:
        root = parent / name
        root.mkdir(parents=True)
        return cls(root, Device(os.urandom(8).hex(), name))

    @property
    def history(self) -> Path:
        return self.root / "history.sqlite3"

    @contextmanager
    def store(self) -> Iterator[HistoryStore]:
        store = HistoryStore(open_database(self.history), now=lambda: TODAY)
        try:
            yield store
        finally:
            store.conn.close()

    def play(
        self,
        day: int = 1,
        routine: Routine = PSOAS,
        pain: tuple[dict[str, int], dict[str, int]] | None = None,
        hour: int = 8,
        when: datetime | None = None,
    ) -> str:
        """Play `routine` to the end on May `day` 2024 (or at `when`); return the session id."""
        with self.store() as store:
            return play(store, routine, when or on(day, hour), pain=pain)

    def rate(self, session_id: str, when: str, side: str, pain: int) -> None:
        with self.store() as store:
            store.add_rating(session_id, when, side, pain)

    def check_in(self, day: date, side: str, pain: int, at: str) -> None:
        with self.store() as store:
            save_checkin(store.conn, Checkin(day, side, pain, at))

    def desk_break(self, when: datetime, outcome: BreakOutcome, session_id: str | None) -> None:
        with self.store() as store:
            record_break(store.conn, outcome, "desk-break", session_id=session_id, now=lambda: when)

    def sync(
        self, folder: Path, now: datetime = TODAY, kinds: Sequence[RecordKind] = RECORD_KINDS
    ) -> SyncReport:
        return sync_folder(
            folder,
            self.device,
            history=self.history,
            now=lambda: now,
            data_folder=self.root,
            kinds=kinds,
        )

    def snapshot(self) -> dict[str, object]:
        """Everything that travels, in a comparable form."""
        with self.store() as store:
            out = io.StringIO()
            write_json(store, out)
            conn = store.conn
            checkins = [tuple(r) for r in conn.execute("SELECT * FROM checkins ORDER BY 1, 2")]
            breaks = [
                tuple(r)
                for r in conn.execute(
                    "SELECT at, day, outcome, routine, session_id FROM desk_breaks ORDER BY 1, 3"
                )
            ]
        return {
            "sessions": json.loads(out.getvalue())["sessions"],
            "checkins": checkins,
            "breaks": breaks,
        }


def folder_files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the sync folder: its bytes and modification time (ns)."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


class Home:
    """One machine as the command line sees it: its own XDG homes and settings."""

    def __init__(self, root: Path, name: str, folder: Path | None) -> None:
        self.root = root / name
        self.env = {
            **os.environ,
            "XDG_DATA_HOME": str(self.root / "data"),
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_CACHE_HOME": str(self.root / "cache"),
            "XDG_STATE_HOME": str(self.root / "state"),
        }
        settings = f'[sync]\ndevice = "{name}"\n'
        if folder is not None:
            settings += f'folder = "{folder}"\n'
        config = self.root / "config" / "evenside"
        config.mkdir(parents=True)
        (config / "settings.toml").write_text(settings)
        # Sessions recorded through the engine straight into this home's history.
        self.machine = Machine(self.root / "data" / "evenside", Device("0" * 16, name))

    def run(self, *args: str | Path, input: str | None = None) -> tuple[int, str, str]:
        result = run_evenside(*args, env=self.env, timeout=120, input=input)
        return result.returncode, result.stdout, result.stderr
