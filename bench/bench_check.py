"""Provides the start-up benchmark of the screenless commands against bare `python -c pass`.

Run:  python bench/bench_check.py [--runs N] [--instructions] [--write-docs]

Times `show`, `list`, `check` (one file and 1,000 files), `balance --format json`
and `history --format csv` (on an empty history) in subprocesses, against a
private XDG home, after compiling evenside's bytecode (an installed wheel has
it; an editable checkout under PYTHONDONTWRITEBYTECODE would otherwise compile
every module on every run). Uses hyperfine when installed, else perf_counter.
`--instructions` also counts each command's instructions under valgrind
(cachegrind), which a busy shared machine does not disturb. A second table
shows where `show`'s time goes, by import stage, in one process. With
--write-docs the result replaces the section "## Routine commands (issue 2)"
of docs/benchmarks.md (other sections are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import evenside

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Routine commands (issue 2)"
FINDINGS = "### Where the start-up time goes"
FILES = 1_000

_TEMPLATE = """\
# yaml-language-server: $schema=./routine.schema.json
name: Generated {n}
summary: A generated routine for the benchmark.
description: |
  Stop and see a doctor if you have fever with the pain, bowel or bladder
  changes, night pain that wakes you, or leg weakness or numbness.
tags: [bench, generated]
defaults:
  prep: 10s
  rest: 15s
steps:
  - exercise: Modified runner's lunge {n}
    cue: Knee on a folded towel, tuck your tail.
    hold: {hold}s
    sides: both
    sets: {sets}
  - exercise: Glute bridge
    reps: {reps}
    tempo: 3s
  - rest: 1:30
  - exercise: Supine release
    hold: {{left: 2m, right: 90s}}
    sides: both
  - repeat: 2
    name: Circuit
    rest: 20s
    steps:
      - exercise: Clamshell
        reps: 15
        sides: both
      - exercise: Single-leg balance
        hold: 30s
        sides: both
"""


def generate(folder: Path) -> list[Path]:
    """Write FILES valid routine files into `folder` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(FILES):
        path = folder / f"routine-{n:04d}.yaml"
        path.write_text(_TEMPLATE.format(n=n, hold=30 + n % 30, sets=1 + n % 3, reps=8 + n % 8))
        paths.append(path)
    return paths


def evenside_command() -> list[str]:
    """The installed console script beside this Python, else `python -m evenside`."""
    script = Path(sys.executable).parent / "evenside"
    return [str(script)] if script.exists() else [sys.executable, "-m", "evenside"]


def compile_bytecode() -> None:
    """Write evenside's .pyc files, as `pip install` does for a wheel."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    package = str(Path(evenside.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=env, check=True)


def time_runs(argv: list[str], runs: int, env: dict[str, str]) -> list[float]:
    """Wall-clock seconds of `runs` runs of `argv` (after one warm-up run)."""
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def hyperfine_runs(argv: list[str], runs: int, env: dict[str, str]) -> list[float]:
    """The same, measured by hyperfine (its JSON export holds every run)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        subprocess.run(
            ["hyperfine", "--warmup", "1", "--runs", str(runs), "--export-json", export.name,
             "--style", "none", "-N", shlex.join(argv)],
            check=True, stdout=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        return list(json.loads(Path(export.name).read_text())["results"][0]["times"])


def instructions(argv: list[str], env: dict[str, str]) -> float | None:
    """Millions of instructions `argv` executes (valgrind's cachegrind), or None without it."""
    if not shutil.which("valgrind"):
        return None
    tool = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    out = subprocess.run(
        [*tool, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    return int(found.group(1).replace(",", "")) / 1e6 if found else None


# Where `show desk-break` spends its time, stage by stage, in one fresh interpreter. Each
# stage imports what the command needs next; modules already loaded cost nothing again.
_STAGES = """
import contextlib, io, time
marks = [time.perf_counter()]
import click
marks.append(time.perf_counter())
import yaml
marks.append(time.perf_counter())
import pathlib, platformdirs
platformdirs.PlatformDirs("evenside").user_data_dir
marks.append(time.perf_counter())
import evenside.cli, evenside.commands.routines_cmds
marks.append(time.perf_counter())
import evenside.routine.loader, evenside.routine.finder, evenside.engine.timeline
marks.append(time.perf_counter())
with contextlib.redirect_stdout(io.StringIO()):
    evenside.cli.cli.main(["show", "desk-break"], standalone_mode=False)
marks.append(time.perf_counter())
print(*[(b - a) * 1000 for a, b in zip(marks, marks[1:])])
"""
STAGE_NAMES = (
    "import click (with the standard modules it loads: inspect, typing, enum, uuid, ...)",
    "import yaml (PyYAML with libyaml; its pure-Python reader compiles a Unicode regex)",
    "import pathlib and platformdirs, find the data folder",
    "import evenside.cli and the routine commands",
    "import the loader, finder and timeline (dataclasses, enums, regexes)",
    "run: find, read, check and expand desk-break, print the timeline",
)


def show_stages(runs: int, env: dict[str, str]) -> list[float]:
    """Median ms of each stage of `show desk-break` in one process."""
    samples: list[list[float]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _STAGES], capture_output=True, text=True, env=env, check=True
        )
        samples.append([float(x) for x in out.stdout.split()])
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions under valgrind"
    )
    parser.add_argument("--write-docs", action="store_true", help=f"update {DOCS.name}")
    args = parser.parse_args()

    files = generate(WORK / "routines")
    compile_bytecode()
    evenside_argv = evenside_command()
    one_file = str(files[0])
    cases = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("evenside show desk-break", [*evenside_argv, "show", "desk-break"]),
        ("evenside show desk-break --format json",
         [*evenside_argv, "show", "desk-break", "--format", "json"]),
        ("evenside list", [*evenside_argv, "list"]),
        ("evenside check FILE (one file)", [*evenside_argv, "check", "--quiet", one_file]),
        ("evenside balance --format json (empty history)",
         [*evenside_argv, "balance", "--format", "json"]),
        ("evenside history --format csv (empty history)",
         [*evenside_argv, "history", "--format", "csv"]),
        (f"evenside check --quiet ({FILES:,} files)",
         [*evenside_argv, "check", "--quiet", *map(str, files)]),
    ]  # fmt: skip
    tool = "hyperfine" if shutil.which("hyperfine") else "perf_counter"
    runner = hyperfine_runs if tool == "hyperfine" else time_runs
    rows = []
    with tempfile.TemporaryDirectory() as home:
        # A private home: the benchmark never reads or writes the user's own routines or history.
        env = dict(os.environ, HOME=home)
        for kind in ("DATA", "CONFIG", "CACHE", "STATE"):
            env[f"XDG_{kind}_HOME"] = str(Path(home) / kind.lower())
        for label, argv in cases:
            times = runner(argv, args.runs, env)
            count = instructions(argv, env) if args.instructions else None
            rows.append((label, min(times), statistics.median(times), max(times), count))
        stages = show_stages(args.runs, env)
    base = rows[0][2]
    base_count = rows[0][4]
    counted = args.instructions and base_count is not None
    table = [
        "| command | min ms | median ms | max ms | median beyond `python -c pass` |"
        + (" instructions (M) |" if counted else ""),
        "|---|---:|---:|---:|---:|" + ("---:|" if counted else ""),
    ]
    for label, low, mid, high, count in rows:
        extra = "-" if label == rows[0][0] else f"{(mid - base) * 1000:.0f} ms"
        line = f"| `{label}` | {low * 1000:.0f} | {mid * 1000:.0f} | {high * 1000:.0f} | {extra} |"
        if counted:
            line += f" {count:.0f} |" if count is not None else " - |"
        table.append(line)
    per_file = (rows[-1][2] - rows[4][2]) / (FILES - 1) * 1000
    stage_table = [
        "| stage of `show desk-break`, in one process | median ms |",
        "|---|---:|",
        *[f"| {name} | {ms:.1f} |" for name, ms in zip(STAGE_NAMES, stages, strict=True)],
        f"| total | {sum(stages):.1f} |",
    ]
    notes = [
        f"`evenside check` costs about {per_file:.2f} ms per routine file beyond start-up.",
    ]
    print("\n".join(table))
    print()
    print("\n".join(stage_table))
    print("\n".join(notes))
    if args.write_docs:
        write_docs(table, stage_table, notes, tool, args)


def write_docs(
    table: list[str], stage_table: list[str], notes: list[str], tool: str, args: argparse.Namespace
) -> None:
    """Replace (or add) this benchmark's section of docs/benchmarks.md."""
    flags = " --instructions" if args.instructions else ""
    section = "\n".join(
        [
            HEADING,
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, timed with {tool}, "
            f"{args.runs} runs each after one warm-up, with evenside's bytecode compiled and a "
            "private, empty XDG home. The machine was shared with other work while measuring, "
            "so the max column is noisy"
            + ("; the instruction counts (valgrind) are not." if args.instructions else "."),
            "",
            f"Command: `python bench/bench_check.py --runs {args.runs}{flags} --write-docs` "
            f"(generates {FILES:,} routine files in `bench/.work/`).",
            "",
            *table,
            "",
            *stage_table,
            "",
            " ".join(notes),
            "",
        ]
    )
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n\n"
    start = text.find(HEADING)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        old = text[start : end + 1 if end != -1 else len(text)]
        # The hand-written findings below the figures stay as they are.
        kept = old.find(FINDINGS)
        if kept != -1:
            section += "\n" + old[kept:].rstrip("\n") + "\n"
        text = text[:start] + section + ("\n" + text[end + 1 :] if end != -1 else "")
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    print(f"wrote {DOCS}")


if __name__ == "__main__":
    main()
