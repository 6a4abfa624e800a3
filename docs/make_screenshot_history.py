"""Provides docs/screenshot-history.svg: the side-by-side pane on a fixed history, date frozen.

The history is the one the tests use (tests/history_fixtures.py): routines really
played through the engine on a fake clock and recorded in SQLite.
Run from the repository root: /work/venv/bin/python docs/make_screenshot_history.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.history_fixtures import build_history, frozen_now  # noqa: E402

from evenside.history.aggregates import HistoryFilter  # noqa: E402
from evenside.ui.history_app import HistoryApp  # noqa: E402


async def main() -> None:
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as folder:
        store = build_history(Path(folder) / "history.sqlite3")
        app = HistoryApp(store.conn, now=frozen_now, filters=HistoryFilter(days=30))
        async with app.run_test(size=(90, 24)) as pilot:
            await pilot.pause()
            app.save_screenshot("screenshot-history.svg", str(docs))
        store.conn.close()


if __name__ == "__main__":
    asyncio.run(main())
