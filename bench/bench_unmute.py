"""Provides the unmute benchmark: what the first m of a muted start builds, and how long.

A session started muted builds nothing until m; m then builds the tones (the device
check, every cue) and, with a voice, renders the words, on a thread of its own.

- build: in a fresh process per measure, a bundled routine's tones as m built them
  before the voice came with it (`cue_parts.tones_only`), then its words
  (`cue_parts.with_voice`, espeak-ng): with an empty voice cache (the routine's first
  muted session) and again with it warm. The default routine is the longest bundled one.
- timing: `bench_timing.py`'s 25 s routine played with `--plain --mute --trace`, m typed
  1 s in (during the prep, so the tones and the words are built while the session's
  cues fire; a fresh, empty voice cache each run), against the same with m and
  `--no-voice` (tones only: what m built before the voice came with it) and with no m.
  Lateness (actual - planned) of every boundary and cue, from the trace.
- loop: the session's loop itself, in a fresh process per measure: an asyncio timer every
  13 ms while a real `CuePlayer.muted_start` builds after m (tones only, with
  `voice = false`; tones and words, with the voice cache empty and warm), and how late
  each timer fired. Finer than the trace's whole milliseconds.

Run:

    python bench/bench_unmute.py [--routine psoas-stretches] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench_timing import (
    BOUNDARY_EVENTS,
    GOAL_MS,
    ROUTINES,
    lateness_ms,
    print_table,
    private_home,
    summary,
)

REPO = Path(__file__).resolve().parent.parent
M_AT_S = 1.0
"""When m is typed in the timing runs: during the 3 s prep."""


def measure_build(routine_name: str) -> dict[str, float]:
    """In this process: the tones as m builds them, then the words; ms and counts."""
    from evenside.engine.timeline import expand, left_on_tie
    from evenside.routine.loader import load_routine
    from evenside.settings import Settings

    timeline = expand(load_routine(REPO / "routines" / f"{routine_name}.yaml"), left_on_tie)
    settings = Settings(mute=True)
    notices: list[str] = []
    began = time.perf_counter()
    from evenside.audio import cue_parts

    bank, output = cue_parts.tones_only(timeline, settings, notices.append, None)
    tones_done = time.perf_counter()
    speaker = cue_parts.choose_speaker(True, notices.append)
    if speaker is None:
        raise SystemExit("no speech program: install espeak-ng")
    spoken = cue_parts.with_voice(bank, timeline, settings, output, speaker, lambda: False)
    voice_done = time.perf_counter()
    output.close()
    return {
        "tones_ms": (tones_done - began) * 1000,
        "voice_ms": (voice_done - tones_done) * 1000,
        "total_ms": (voice_done - began) * 1000,
        "clips": len(spoken.clips),
        "intervals": len(timeline.intervals),
    }


PROBE_S = 0.013
"""The loop part's timer period: off the 1 ms grid, so it samples the build evenly."""


async def probe_loop(routine_name: str, voice: bool) -> dict[str, object]:
    """On this process's loop: m on a muted start, and a timer every `PROBE_S` until the
    build is done; how late each timer fired (ms), and how long the build took."""
    from evenside.audio.cue_player import CuePlayer
    from evenside.engine.timeline import expand, left_on_tie
    from evenside.routine.loader import load_routine
    from evenside.settings import Settings

    timeline = expand(load_routine(REPO / "routines" / f"{routine_name}.yaml"), left_on_tie)
    loop = asyncio.get_running_loop()

    def post(call: Callable[[], None]) -> None:
        loop.call_soon_threadsafe(call)

    player = CuePlayer.muted_start(timeline, Settings(mute=True, voice=voice), post=post)
    words: list[float] = []
    player.on_speech = lambda speech: words.append(time.perf_counter())
    began = time.perf_counter()
    player.toggle_mute()
    late: list[float] = []
    building = [t for t in threading.enumerate() if t.name == "evenside-sound"]
    while any(t.is_alive() for t in building):
        due = time.monotonic() + PROBE_S
        await asyncio.sleep(PROBE_S)
        late.append((time.monotonic() - due) * 1000)
    await asyncio.sleep(0.05)  # what the build posted runs on this loop
    player.close()
    if voice and not words:
        raise SystemExit("the words never came in: is espeak-ng installed?")
    ended = words[0] if words else time.perf_counter()
    return {"late_ms": late, "build_ms": (ended - began) * 1000}


def loop_once(folder: Path, routine_name: str, voice: bool) -> dict[str, object]:
    """One loop measure in a fresh process, with `folder` as its data and cache home."""
    done = subprocess.run(
        [sys.executable, __file__, "--child-loop", routine_name, "--voice", str(voice)],
        check=True,
        capture_output=True,
        text=True,
        env=private_home(folder),
        timeout=300,
    )
    figures: dict[str, object] = json.loads(done.stdout)
    return figures


def bench_loop(folder: Path, routine_name: str, runs: int, as_json: bool) -> dict[str, object]:
    """Timer lateness on the loop while m builds: tones only, and tones + words."""
    variants: dict[str, tuple[list[float], list[float]]] = {
        "tones only": ([], []),
        "words, cold": ([], []),
        "words, warm": ([], []),
    }
    for run in range(runs):
        home = folder / f"loop-{run}"
        measures = (
            ("tones only", loop_once(home, routine_name, False)),
            ("words, cold", loop_once(home, routine_name, True)),
            ("words, warm", loop_once(home, routine_name, True)),
        )
        for label, measure in measures:
            late, build = measure["late_ms"], measure["build_ms"]
            assert isinstance(late, list) and isinstance(build, float)
            variants[label][0].extend(late)
            variants[label][1].append(build)
    figures: dict[str, object] = {
        label: {**summary(late), "build_median_ms": statistics.median(builds)}
        for label, (late, builds) in variants.items()
    }
    if not as_json:
        print(
            f"timer lateness on the loop while m builds ({routine_name}, {runs} run(s), "
            f"a timer every {PROBE_S * 1000:.0f} ms), goal <= {GOAL_MS} ms"
        )
        print_table({label: f for label, f in figures.items() if isinstance(f, dict)})
        for label, figure in figures.items():
            assert isinstance(figure, dict)
            print(f"{label}: the build took {figure['build_median_ms']:.0f} ms (median)")
    return figures


def build_once(folder: Path, routine_name: str) -> dict[str, float]:
    """One build measure in a fresh process, with `folder` as its data and cache home."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", routine_name],
        check=True,
        capture_output=True,
        text=True,
        env=private_home(folder),
        timeout=300,
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def bench_build(folder: Path, routine_name: str, runs: int, as_json: bool) -> dict[str, object]:
    """Cold and warm builds, `runs` of each; medians and maxima."""
    cold: list[dict[str, float]] = []
    warm: list[dict[str, float]] = []
    for run in range(runs):
        home = folder / f"build-{run}"
        cold.append(build_once(home, routine_name))
        warm.append(build_once(home, routine_name))
    figures: dict[str, object] = {}
    for name, measures in (("cold cache", cold), ("warm cache", warm)):
        figures[name] = {
            key: {
                "median": statistics.median(m[key] for m in measures),
                "max": max(m[key] for m in measures),
            }
            for key in ("tones_ms", "voice_ms", "total_ms")
        }
    figures["clips"] = cold[0]["clips"]
    figures["intervals"] = cold[0]["intervals"]
    if not as_json:
        print(
            f"m's build on {routine_name} ({cold[0]['intervals']:.0f} intervals, "
            f"{cold[0]['clips']:.0f} phrases), {runs} run(s) each, median / max ms"
        )
        print(f"{'':12}{'tones (before)':>18}{'words (added)':>18}{'tones + words':>18}")
        for name in ("cold cache", "warm cache"):
            row = figures[name]
            assert isinstance(row, dict)
            cells = "".join(
                f"{row[key]['median']:>9.0f} /{row[key]['max']:>6.0f}"
                for key in ("tones_ms", "voice_ms", "total_ms")
            )
            print(f"{name:12}{cells}")
    return figures


VARIANTS = {"no m": (False, ()), "m, tones": (True, ("--no-voice",)), "m, words": (True, ())}
"""Each timing variant: (m typed at `M_AT_S`, more flags)."""


def play_once(
    folder: Path, run: int, unmute: bool, flags: tuple[str, ...] = ()
) -> list[dict[str, object]]:
    """Play the 25 s routine muted, typing m at `M_AT_S` when `unmute`; its trace records."""
    home = folder / f"play-{'m' if unmute else 'no-m'}{''.join(flags)}-{run}"
    home.mkdir(parents=True)
    slug, text = ROUTINES["short"]
    routine = home / f"{slug}.yaml"
    routine.write_text(text, encoding="utf-8")
    trace = home / "trace.jsonl"
    command = [sys.executable, "-m", "evenside", "play", "--plain", "--mute", *flags, "--trace"]
    process = subprocess.Popen(
        [*command, str(trace), str(routine)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=private_home(home),
    )
    assert process.stdin is not None
    time.sleep(M_AT_S)
    if unmute:
        process.stdin.write(b"m\n")
        process.stdin.flush()
    process.stdin.close()
    if process.wait(timeout=300) != 0:
        raise SystemExit(f"the player exited with status {process.returncode}")
    return [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]


def bench_timing(folder: Path, runs: int, as_json: bool) -> dict[str, object]:
    """Lateness of every boundary and cue, with m typed 1 s in (with and without the
    voice) and without m; the runs of the variants take turns, so load hits them alike."""
    late: dict[str, tuple[list[float], list[float]]] = {label: ([], []) for label in VARIANTS}
    for run in range(runs):
        for label, (unmute, flags) in VARIANTS.items():
            records = play_once(folder, run, unmute, flags)
            late[label][0].extend(lateness_ms(records, BOUNDARY_EVENTS))
            late[label][1].extend(lateness_ms(records, ("cue",)))
    figures: dict[str, object] = {
        label: {"boundaries": summary(bounds), "cues": summary(cues)}
        for label, (bounds, cues) in late.items()
    }
    if not as_json:
        print(
            f"lateness (actual - planned), {runs} run(s) of the 25 s routine of bench_timing,"
            f" --mute, goal <= {GOAL_MS} ms"
        )
        rows: dict[str, dict[str, float]] = {}
        for label, figure in figures.items():
            assert isinstance(figure, dict)
            rows[f"{label}: bounds"] = figure["boundaries"]
            rows[f"{label}: cues"] = figure["cues"]
        print_table(rows)
    return figures


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--routine", default="psoas-stretches", help="a bundled routine (default: the longest)"
    )
    parser.add_argument("--runs", type=int, default=3, help="how many times to measure each")
    parser.add_argument(
        "--part",
        choices=("build", "loop", "timing", "all"),
        default="all",
        help="what to measure (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-loop", help=argparse.SUPPRESS)
    parser.add_argument("--voice", default="True", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_build(args.child)))
        return
    if args.child_loop:
        print(json.dumps(asyncio.run(probe_loop(args.child_loop, args.voice == "True"))))
        return

    figures: dict[str, object] = {}
    parts = {"build": bench_build, "loop": bench_loop}
    with tempfile.TemporaryDirectory(prefix="evenside-bench-") as folder:
        for name, part in parts.items():
            if args.part in (name, "all"):
                figures[name] = part(Path(folder), args.routine, args.runs, args.json)
                if not args.json:
                    print()
        if args.part in ("timing", "all"):
            figures["timing"] = bench_timing(Path(folder), args.runs, args.json)
    if args.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
