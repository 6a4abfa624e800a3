"""Provides the TUI benchmark: first frame, CPU over a long hold, peak memory, boundary lateness.

Each figure is taken side by side with a peer in the same run: termdown (first
frame, CPU) and a bare Textual app with one label (memory). Run:

    python bench/bench_tui.py [--runs 5] [--cpu-seconds 15]

evenside's modules are byte-compiled first, as pip does when it installs a
package (an editable install under PYTHONDONTWRITEBYTECODE would otherwise
compile every module on every start, which no installed copy does); termdown
and Textual were installed by pip, so they are compiled already. First frame
and CPU are medians over `--runs`, the two programs taking turns.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import evenside as evenside_package

sys.path.insert(0, str(Path(__file__).parent))
from _terminal import Terminal, cpu_seconds

BIN = Path(sys.executable).parent

LONG_HOLD = """\
name: Long hold
defaults: {prep: 0}
steps:
  - exercise: Supine release
    hold: 10m
    sides: both
"""

SHORT_SESSION = """\
name: Bench session
defaults: {prep: 2s, switch: 2s}
steps:
  - exercise: Runner's lunge
    hold: 4s
    sides: both
  - rest: 2s
  - exercise: Glute bridge
    reps: 3
    tempo: 1s
  - exercise: Clamshell
    hold: 3s
    sides: both
"""


def first_frame(
    term: Terminal, command: list[str], marker: str | None, env: dict[str, str]
) -> float:
    """Seconds from launch until `marker` (or, for None, any non-blank text) is on screen."""
    started = term.start(command, env)
    if marker is not None:
        seen = term.wait_for(marker)
    else:
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            if term.screen().strip():
                break
            time.sleep(0.002)
        seen = time.perf_counter()
    return seen - started


def measure_cpu(term: Terminal, seconds: float) -> float:
    """CPU seconds the pane's process tree used over `seconds` of wall time."""
    pid = term.pane_pid()
    time.sleep(1.0)
    before = cpu_seconds(pid)
    time.sleep(seconds)
    return cpu_seconds(pid) - before


def peak_rss_kb(term: Terminal, command: list[str], env: dict[str, str], work: Path, finish) -> int:  # type: ignore[no-untyped-def]
    """Peak RSS (kB) of `command`, measured by GNU time, after `finish(term)` ends it."""
    out = work / "rss.txt"
    out.unlink(missing_ok=True)
    term.start(["/usr/bin/time", "-f", "%M", "-o", str(out), *command], env)
    finish(term)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline and not (out.exists() and out.read_text().strip()):
        time.sleep(0.1)
    return int(out.read_text().split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu-seconds", type=float, default=15.0)
    args = parser.parse_args()
    for package_dir in evenside_package.__path__:
        compileall.compile_dir(package_dir, quiet=1)

    work = Path(tempfile.mkdtemp(prefix="evenside-bench-"))
    env = {
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_CACHE_HOME": str(work / "cache"),
    }
    long_hold = work / "long.yaml"
    long_hold.write_text(LONG_HOLD)
    session = work / "session.yaml"
    session.write_text(SHORT_SESSION)
    evenside = [str(BIN / "evenside"), "play", str(long_hold), "--mute"]
    termdown = [str(BIN / "termdown"), "600"]
    bare = [sys.executable, str(Path(__file__).parent / "bare_textual.py")]
    term = Terminal(f"evenside-bench-{os.getpid()}")
    results: dict[str, object] = {}
    try:
        # The bare Textual app is the floor any Textual program starts from.
        frames: dict[str, list[float]] = {"evenside": [], "termdown": [], "bare_textual": []}
        for _ in range(args.runs):
            for name, command, marker in (
                ("evenside", evenside, "Supine release"),
                ("termdown", termdown, None),
                ("bare_textual", bare, "bare textual"),
            ):
                frames[name].append(first_frame(term, command, marker, env))
                term.kill()
                time.sleep(0.2)
        ev_frame = statistics.median(frames["evenside"])
        td_frame = statistics.median(frames["termdown"])
        bare_frame = statistics.median(frames["bare_textual"])
        results["first_frame_ms"] = {
            "evenside": round(ev_frame * 1000, 1),
            "termdown": round(td_frame * 1000, 1),
            "ratio": round(ev_frame / td_frame, 2),
            "bare_textual": round(bare_frame * 1000, 1),
            "bare_textual_ratio": round(bare_frame / td_frame, 2),
        }

        cpu: dict[str, list[float]] = {"evenside": [], "termdown": []}
        for _ in range(args.runs):
            for name, command, marker in (
                ("evenside", evenside, "Supine release"),
                ("termdown", termdown, None),
            ):
                first_frame(term, command, marker, env)
                cpu[name].append(measure_cpu(term, args.cpu_seconds))
                term.kill()
                time.sleep(0.2)
        ev_cpu = statistics.median(cpu["evenside"])
        td_cpu = statistics.median(cpu["termdown"])
        results["cpu_percent_of_a_core"] = {
            "evenside": round(100 * ev_cpu / args.cpu_seconds, 2),
            "termdown": round(100 * td_cpu / args.cpu_seconds, 2),
            "ratio": round(ev_cpu / td_cpu, 2) if td_cpu else None,
            "runs": {
                name: [round(100 * c / args.cpu_seconds, 2) for c in values]
                for name, values in cpu.items()
            },
        }

        trace = work / "trace.jsonl"

        def finish_session(t: Terminal) -> None:
            t.wait_for("Time taken", timeout=60)
            t.send("q")

        def finish_bare(t: Terminal) -> None:
            t.wait_for("bare textual")
            time.sleep(1.0)
            t.send("q")

        ev_rss = peak_rss_kb(
            term,
            [str(BIN / "evenside"), "play", str(session), "--mute", "--trace", str(trace)],
            env,
            work,
            finish_session,
        )
        term.kill()
        bare_rss = peak_rss_kb(
            term,
            bare,
            env,
            work,
            finish_bare,
        )
        term.kill()
        results["peak_rss_mb"] = {
            "evenside_session": round(ev_rss / 1024, 1),
            "bare_textual": round(bare_rss / 1024, 1),
            "ratio": round(ev_rss / bare_rss, 2),
        }
        late = [json.loads(line) for line in trace.read_text().splitlines() if line.strip()]
        boundaries = [
            (e["actual"] - e["planned"]) * 1000
            for e in late
            if e["event"] in ("interval_start", "interval_end")
        ]
        cues = [(e["actual"] - e["planned"]) * 1000 for e in late if e["event"] == "cue"]
        for label, values in (
            ("tui_boundary_lateness_ms", boundaries),
            ("tui_cue_lateness_ms", cues),
        ):
            if values:
                ordered = sorted(values)
                results[label] = {
                    "count": len(values),
                    "p50": round(statistics.median(ordered), 2),
                    "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
                    "max": round(max(ordered), 2),
                }
    finally:
        term.kill()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
