"""Provides docs/screenshot-library.svg: the library with a program's Today section and the
week's left|right bars, on a history of its own made for the picture.

Four days of the bundled psoas program are played through the engine on a fake
clock and recorded in a private SQLite history (a right side skipped twice, so
a side is behind), with morning check-ins, and today's stretches done. The
dates are this week's, so the picture shows the day it is made.
Run from the repository root: python docs/make_screenshot_library.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def private_home(folder: Path) -> None:
    """Every evenside folder under `folder`: the picture never reads the user's history."""
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        os.environ[f"XDG_{name}_HOME"] = str(folder / name.lower())


async def main() -> None:
    from tests.support.history_fixtures import play, skip

    from evenside.history.checkins import Checkin, save_checkin
    from evenside.history.db import open_database
    from evenside.history.store import HistoryStore
    from evenside.history.timestamps import to_iso
    from evenside.locations import bundled_routines_dir, history_path
    from evenside.program.loader import load_program
    from evenside.program.status import take_up
    from evenside.routine.loader import load_routine
    from evenside.routine.model import Side
    from evenside.ui.app import EvensideApp

    today = date.today()
    first = today - timedelta(days=4)
    store = HistoryStore(open_database(history_path()))
    bundled = bundled_routines_dir()
    program = load_program(bundled / "programs" / "psoas-rehab.yaml")
    take_up(store.conn, program, first)
    stretches = load_routine(bundled / "psoas-stretches.yaml")
    release = load_routine(bundled / "psoas-self-release.yaml")
    for offset in range(4):
        day = first + timedelta(days=offset)
        at = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
        for side, pain in (("left", 3), ("right", 4 if offset < 2 else 3)):
            save_checkin(store.conn, Checkin(day, side, pain, to_iso(at)))
        # The right lunge was skipped on the third and fourth days: the right is behind.
        act = skip("runners-lunge", Side.RIGHT) if offset >= 2 else None
        play(store, stretches, at + timedelta(hours=1), act)
        play(store, release, at + timedelta(hours=11))
    # This morning: checked in, and the stretches done an hour ago.
    now = datetime.now(UTC)
    for side, pain in (("left", 2), ("right", 3)):
        save_checkin(store.conn, Checkin(today, side, pain, to_iso(now - timedelta(hours=2))))
    play(store, stretches, now - timedelta(hours=1))
    store.conn.close()
    app = EvensideApp(None)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):  # the library reads the history after its first frame
            await pilot.pause(0.05)
        app.save_screenshot("screenshot-library.svg", str(ROOT / "docs"))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as home:
        private_home(Path(home))
        asyncio.run(main())
