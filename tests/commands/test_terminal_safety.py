"""Tests that text from routine files and imported histories reaches the terminal shown, never
sent: `show`, `list`, `play --plain`, `balance` and the history export at a terminal."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evenside import locations
from tests.history.test_importer_hardening import document
from tests.support.evenside_process import run_evenside, shell_line
from tests.support.tmux_terminal import TmuxTerminal

pytestmark = pytest.mark.slow

TITLE = "\x1b]0;pwned\x07"
HIDE = "\x1b[8m"
SHOWN_TITLE = "␛]0;pwned␇"
SHOWN_HIDE = "␛[8m"

HOSTILE = r"""
name: "Evil \e]0;pwned\a routine"
description: "Safety \e[8mhidden"
steps:
  - exercise: "Lunge \e[8m"
    cue: "Knee \e]0;pwned\a down"
    hold: 1s
    sides: both
""".lstrip()


def hostile_routine() -> Path:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    path = folder / "evil.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def assert_shown_not_sent(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text, repr(text)


@pytest.mark.parametrize(
    "args", [("show", "evil"), ("list",), ("play", "evil", "--plain", "--mute")]
)
def test_escapes_in_a_routine_are_shown_not_sent(args: tuple[str, ...]) -> None:
    hostile_routine()
    done = run_evenside(*args, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0, done.stderr
    assert_shown_not_sent(done.stdout + done.stderr)
    if args[0] != "list":
        assert f"Lunge {SHOWN_HIDE}" in done.stdout
    if args[0] == "play":
        assert f"Knee {SHOWN_TITLE} down" in done.stdout
    else:
        assert f"Evil {SHOWN_TITLE} routine" in done.stdout or "evil" in done.stdout


def import_hostile_history(tmp_path: Path) -> None:
    doc = document()
    session = doc["sessions"][0]
    start = datetime.now(UTC) - timedelta(days=1)
    stamp = start.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    session["started_at"] = session["ended_at"] = stamp
    session["routine"] = f"Evil {TITLE}"
    for interval in session["intervals"]:
        interval["exercise"] = f"Lunge {HIDE}"
        interval["started_at"] = interval["ended_at"] = stamp
        interval["actual_seconds"] = 49.792
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    imported = run_evenside("history", "import", path)
    assert imported.returncode == 0, imported.stderr


def test_balance_shows_escapes_and_whole_seconds_over_the_last_7_days(tmp_path: Path) -> None:
    import_hostile_history(tmp_path)
    done = run_evenside("balance")
    assert done.returncode == 0, done.stderr
    assert_shown_not_sent(done.stdout)
    assert done.stdout.startswith("Balance over the last 7 days (")
    assert f"Lunge {SHOWN_HIDE}" in done.stdout
    # Two left sets of 49.792 s: "1 min 39 s" (rounded down as everywhere), not "99.584 s".
    assert "2 sets, 1 min 39 s, 100% | 1 set, 49 s, 100%" in done.stdout


def test_the_history_export_at_a_terminal_shows_escapes(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    import_hostile_history(tmp_path)
    terminal.start(shell_line("history", "--format", "csv"), width=200)
    screen = terminal.wait_for(lambda s: f"Lunge {SHOWN_HIDE}" in s, "the exercise shown")
    assert f"Evil {SHOWN_TITLE}" in screen
    assert "pwned" not in terminal.run("display-message", "-p", "-t", "evenside", "#{pane_title}")
    # Into a file (not a terminal) the export is byte for byte what the history holds.
    piped = run_evenside("history", "--format", "csv")
    assert f"Lunge {HIDE}" in piped.stdout
