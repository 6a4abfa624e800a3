"""Provides docs/screenshot-player.svg: the player in a hold, on a frozen clock, at 80x24.

Run from the repository root: /work/venv/bin/python docs/make_screenshot_player.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from evenside.engine.clock import FakeClock
from evenside.routine.loader import load_routine
from evenside.ui.app import EvensideApp
from evenside.ui.screens.player_screen.screen import PlayerScreen

ROUTINE = """\
name: Psoas release
defaults:
  prep: 10s
  rest: 15s
steps:
  - exercise: Modified runner's lunge
    cue: Knee on a folded towel, tuck your tail. No bouncing.
    hold: 45s
    sides: both
    sets: 2
  - exercise: Glute bridge
    reps: 12
    tempo: 3s
"""


async def main() -> None:
    docs = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "psoas-release.yaml"
        source.write_text(ROUTINE)
        routine = load_routine(source)
        clock = FakeClock()
        # An empty history of its own: the picture must not depend on the user's.
        app = EvensideApp(routine, clock=clock, history=Path(folder) / "history.db")
        async with app.run_test(size=(80, 24)) as pilot:
            clock.advance(10 + 45 + 5 + 17)  # 17 s into the right side's hold
            screen = app.screen
            assert isinstance(screen, PlayerScreen)
            screen.session.update()
            screen.refresh_display()
            await pilot.pause()
            app.save_screenshot("screenshot-player.svg", str(docs))


if __name__ == "__main__":
    asyncio.run(main())
