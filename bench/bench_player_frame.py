"""Provides the player's first-frame instruction count, after imports (issue 16).

Two runs of one fresh interpreter under valgrind (cachegrind, no cache
simulation): one imports what the player needs and loads the routine, the
other does the same and then runs the player headless at 100x30 until its
first frame is drawn. The difference is the work of composing, styling,
laying out and drawing that frame: instructions are deterministic where wall
time moves with the load. A bare Textual app with one label is measured the
same way, as the floor. The player runs without sound and without recording
(the app's default), reading the history for its side order as `play` does.

Then the real commands, whole: `evenside play ROUTINE --mute` and `evenside`
(the library), from the interpreter's start to the first frame written out
(headless, so no terminal is needed; the process ends right there), against
the bare app measured the same way. Run:

    python bench/bench_player_frame.py [--src DIR]

`--src` measures another checkout's `src` folder (say, main's) with the same script.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROUTINE = """\
name: Long hold
defaults: {prep: 5s}
steps:
  - exercise: Supine release
    hold: 10m
    sides: both
    cue: Let the leg hang off the edge of the bed.
  - rest: 30s
  - exercise: Glute bridge
    reps: 12
"""

# The peer: a bare Textual app with one label, its imports, then (mode "frame") its first frame.
BARE = """
import sys
from textual.app import App
from textual.widgets import Label

if sys.argv[1] == "frame":
    class FirstFrame(App[None]):
        def compose(self):
            yield Label("bare textual")

        def on_ready(self) -> None:
            self.call_after_refresh(self.exit)

    FirstFrame().run(headless=True, size=(100, 30))
"""

# The child: imports, the routine, and (mode "frame") the first frame.
CHILD = """
import sys
from pathlib import Path
from evenside.routine.loader import load_routine
from evenside.ui.app import EvensideApp

routine = load_routine(Path(sys.argv[2]))
if sys.argv[1] == "frame":
    class FirstFrame(EvensideApp):
        def on_ready(self) -> None:
            super().on_ready()
            self.call_after_refresh(self.exit)

    FirstFrame(routine).run(headless=True, size=(100, 30))
"""


# The real command line to its first frame written: headless, the terminal checks passed, and
# the process ended at once after the first frame leaves the app (no teardown counted).
COMMAND = """
import os, sys
os.environ["TEXTUAL_DRIVER"] = "textual.drivers.headless_driver:HeadlessDriver"
import textual.app

display = textual.app.App._display

def first_frame_then_exit(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None and not self._batch_count:
        os._exit(0)

textual.app.App._display = first_frame_then_exit
if sys.argv[1] == "bare":
    from textual.widgets import Label

    class Bare(textual.app.App[None]):
        def compose(self):
            yield Label("bare textual")

    Bare().run()
else:
    import evenside.commands.tui_launch
    from evenside.cli import main

    evenside.commands.tui_launch.no_terminal_reason = lambda: None
    sys.argv = ["evenside", *sys.argv[2:]]
    main()
"""


def instructions(argv: list[str], env: dict[str, str]) -> float:
    """Millions of instructions `argv` executes, counted by valgrind."""
    tool = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    out = subprocess.run(
        [*tool, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if not found:
        raise SystemExit(f"valgrind gave no count:\n{out.stderr[-2000:]}")
    return int(found.group(1).replace(",", "")) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", type=Path, help="the src folder to measure (default: installed)")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is needed")
    work = Path(tempfile.mkdtemp(prefix="evenside-frame-"))
    routine = work / "routine.yaml"
    routine.write_text(ROUTINE)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # Compiled modules in a folder of the run's own, never beside the measured sources.
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(work / var.lower())
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve())
    for name, code in (("evenside player", CHILD), ("bare Textual app", BARE)):
        child = [sys.executable, "-c", code]
        # Once each without valgrind first: compiled modules, and the history file made.
        for mode in ("imports", "frame"):
            subprocess.run([*child, mode, str(routine)], env=env, check=True)
        imports = instructions([*child, "imports", str(routine)], env)
        frame = instructions([*child, "frame", str(routine)], env)
        print(
            f"{name}: imports {imports:.0f} M, first frame {frame:.0f} M, "
            f"first frame after imports {frame - imports:.0f} M instructions"
        )
    commands = {
        "evenside play ROUTINE --mute": ["evenside", "play", str(routine), "--mute"],
        "evenside (library)": ["evenside"],
        "bare Textual app": ["bare"],
    }
    counts = {}
    for name, argv in commands.items():
        child = [sys.executable, "-c", COMMAND, *argv]
        # Once without valgrind first: compiled modules, the routine cache and the history.
        subprocess.run(child, env=env, check=True, stdout=subprocess.DEVNULL)
        counts[name] = instructions(child, env)
    bare = counts["bare Textual app"]
    for name, count in counts.items():
        ratio = count / bare
        print(f"{name}, start to first frame: {count:.0f} M instructions ({ratio:.2f}x bare)")


if __name__ == "__main__":
    main()
