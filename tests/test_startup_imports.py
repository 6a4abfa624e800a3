"""The commands import only what they use, so they start fast and stay small.

Each check runs the real command in a fresh interpreter and looks at
`sys.modules` afterwards; for `play` and the library, in a real terminal, at
their first frame (speed itself is measured in bench/bench_check.py and
bench/bench_player_frame.py).
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from evenside.balance.tracker import DEFAULT_DAYS
from evenside.commands.history_cmds import BALANCE_DAYS
from evenside.history.db import open_history
from evenside.locations import bundled_routines_dir, history_path
from tests.support.tmux_terminal import TmuxTerminal


def modules_after(args: list[str], cwd: Path) -> list[str]:
    """Run `evenside ARGS` in a fresh interpreter; return the modules it imported."""
    code = (
        "import contextlib, io, json, sys\n"
        "from evenside.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = cli.main({args!r}, prog_name='evenside', standalone_mode=False)\n"
        "assert not code, code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=cwd
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_balance_default_matches_the_tracker() -> None:
    assert BALANCE_DAYS == DEFAULT_DAYS


def test_a_routine_given_by_path_needs_no_user_folders(tmp_path: Path) -> None:
    path = str(bundled_routines_dir() / "desk-break.yaml")
    for args in (["show", path], ["check", "--quiet", path]):
        loaded = modules_after(args, tmp_path)
        assert "evenside.routine.loader" in loaded  # the command really ran
        assert "platformdirs" not in loaded


def test_a_routine_found_by_name_loads_no_spelling_suggestions(tmp_path: Path) -> None:
    # difflib is for a name that is not found ("did you mean ..."), not for every show.
    loaded = modules_after(["show", "desk-break"], tmp_path)
    assert "evenside.routine.finder" in loaded  # the name was looked up
    assert "difflib" not in loaded


def test_history_export_does_not_load_the_balance_tracker(tmp_path: Path) -> None:
    loaded = modules_after(["history", "--format", "csv"], tmp_path)
    assert "evenside.history.export" in loaded
    assert "evenside.balance.tracker" not in loaded


FIRST_FRAME_PROBE = """\
import json, sys
from pathlib import Path
from textual._context import active_app
import evenside.ui.app as app_module
from evenside.playback.assembly import SessionAssembly
seen = {}
settle, wire = app_module.settle_gc, SessionAssembly.wire
def done(stage):
    seen[stage] = sorted(sys.modules)
    if stage == LAST:
        Path(OUT).write_text(json.dumps(seen))
        active_app.get().exit()
def at_first_frame():
    settle()
    done("frame")
def wired(self, session, choose):
    played = wire(self, session, choose)
    done("wired")
    return played
app_module.settle_gc = at_first_frame
SessionAssembly.wire = wired
from evenside.cli import main
sys.argv = ["evenside", *ARGS]
main()
"""


def modules_at_first_frame(
    terminal: TmuxTerminal, args: list[str], out: Path, last: str = "wired"
) -> dict[str, Any]:
    """Run `evenside ARGS` in the real terminal: the modules loaded when its first frame
    was drawn ("frame") and once the session was wired after it ("wired"); it ends at `last`."""
    code = FIRST_FRAME_PROBE.replace("ARGS", repr(args)).replace("OUT", repr(str(out)))
    code = code.replace("LAST", repr(last))
    terminal.start(shlex.join([sys.executable, "-c", code]))
    terminal.wait_for(lambda screen: out.exists(), "the session to be wired")
    seen: dict[str, Any] = json.loads(out.read_text())
    return seen


MUTED_NEVER_LOADS = {
    "evenside.audio.backends",
    "evenside.audio.sound_output",
    "evenside.audio.alsa_quiet",
    "evenside.audio.cue_bank",
    "evenside.audio.synth",
    "evenside.audio.voice",
    "evenside.audio.wav",
    "simpleaudio",
    "ctypes",
}
"""What a session started muted does not load: its cue player is built at the first m."""


def test_a_muted_session_draws_its_first_frame_before_sound_and_history_load(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    routine = str(bundled_routines_dir() / "desk-break.yaml")
    seen = modules_at_first_frame(terminal, ["play", routine, "--mute"], tmp_path / "seen.json")
    frame, wired = set(seen["frame"]), set(seen["wired"])
    assert "evenside.ui.screens.player_screen.screen" in frame  # the player was drawn
    later = {
        "evenside.audio.cue_player",
        "evenside.history.recorder",
        "evenside.ui.screens.summary.screen",
        "evenside.ui.screens.library.screen",
        "simpleaudio",
        "ctypes",
        # The check-in offer needs today's date, not the program loader.
        "evenside.program.enrolled",
        "evenside.program.loader",
    }
    assert not later & frame
    assert {"evenside.audio.cue_player", "evenside.history.recorder"} <= wired
    # Muted, nothing that plays is loaded until m: no backend, no sound library, no tone.
    assert not MUTED_NEVER_LOADS & wired
    # The cue files' and spoken clips' names are digests: taken from CPython's own
    # SHA-256, not hashlib, which loads OpenSSL (half a MiB of every session's memory).
    assert "hashlib" not in wired


def test_the_library_draws_its_first_frame_before_reading_a_program(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    # A history without a program (the common case): the Today section stays hidden, and
    # is known to be so from the file alone, without the program modules.
    open_history(history_path()).close()
    seen = modules_at_first_frame(terminal, [], tmp_path / "seen.json", last="frame")
    frame = set(seen["frame"])
    assert "evenside.ui.screens.library.screen" in frame  # the library was drawn
    assert (
        not {
            "evenside.program.status",
            "evenside.program.enrolled",
            "evenside.program.loader",
        }
        & frame
    )
