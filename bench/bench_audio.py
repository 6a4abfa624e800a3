"""Provides the sound CPU benchmark: a long hold played with sound on, against `--mute`.

    /work/venv/bin/python bench/bench_audio.py [--seconds 60] [--device capture|default]

Two measurements, each a child process timed with os.wait4 (user + system CPU
of the child and of the players it ran):

- `evenside play --plain` on a one-exercise routine holding for SECONDS, with
  sound and with `--mute` (the whole program, as a person runs it);
- the session runner alone on the real clock, with a CuePlayer attached and
  without one (the audio layer's own cost, whatever the player wires up).

Without a sound card, `--device capture` (the default) points ALSA at the
file plugin with a null slave, so sound really goes through alsa-lib; note
that the null slave is not real time, so device writes cost a little less
than on a card.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROUTINE = """\
name: Bench long hold
defaults:
  prep: 3s
steps:
  - exercise: Long hold
    cue: Breathe slowly.
    hold: {seconds}s
    sides: both
    order: left-first
    switch: 3s
"""


SHORT_S = 5
"""The short run's hold: subtracting it leaves the cost of holding alone."""


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run `command`; return (CPU seconds, wall seconds, exit status)."""
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode and process.stderr is not None:
        sys.stderr.write(process.stderr.read().decode(errors="replace"))
    return usage.ru_utime + usage.ru_stime, wall, process.returncode


def child(routine: Path, sound: bool) -> None:
    """Play `routine` on the real clock with the session runner, with or without sound."""
    from evenside.audio.cue_player import CuePlayer
    from evenside.engine.clock import monotonic_clock
    from evenside.engine.session import Session
    from evenside.engine.timeline import expand
    from evenside.playback.runner import SessionRunner
    from evenside.routine.loader import load_routine
    from evenside.settings import Settings

    loaded = load_routine(routine)
    timeline = expand(loaded)
    session = Session(timeline, monotonic_clock)
    if sound:
        player = CuePlayer.for_timeline(timeline, Settings(volume=80), print)
        session.subscribe(player)

    async def run() -> None:
        done = asyncio.Event()
        session.subscribe(lambda event: done.set() if session.finished else None)
        runner = SessionRunner(session, on_second=lambda: None)
        runner.start()
        await done.wait()
        runner.close()

    asyncio.run(run())


def call_costs(routine: Path) -> None:
    """Time one CuePlayer call: a tone cue, and a boundary with its spoken step."""
    import statistics

    from evenside.audio.cue_player import CuePlayer
    from evenside.engine.events import CueDue, CueKind, IntervalStarted, SessionEvent
    from evenside.engine.timeline import expand
    from evenside.routine.loader import load_routine
    from evenside.settings import Settings

    timeline = expand(load_routine(routine))
    started = time.perf_counter()
    player = CuePlayer.for_timeline(timeline, Settings(), print)
    first_ms = 1000 * (time.perf_counter() - started)
    print(f"for_timeline (first time, voice rendered): {first_ms:.0f} ms")
    started = time.perf_counter()
    CuePlayer.for_timeline(timeline, Settings(), print).close()
    print(f"for_timeline (voice cached): {1000 * (time.perf_counter() - started):.0f} ms")
    print(f"backend: {player.backend_name}, voice: {player.voice_name}")
    work = timeline.work()[0]
    events: dict[str, Callable[[], SessionEvent]] = {
        "tone cue (countdown)": lambda: CueDue(CueKind.COUNTDOWN, work, 0, 0),
        "boundary + spoken step": lambda: IntervalStarted(work, 0, 0),
    }
    for name, make in events.items():
        costs = []
        for _ in range(50):
            event = make()
            started = time.perf_counter()
            player(event)
            costs.append(1000 * (time.perf_counter() - started))
            player.output.stop_all()
        print(f"{name:<26} median {statistics.median(costs):.3f} ms, max {max(costs):.3f} ms")
    player.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="each side's hold in the long run")
    parser.add_argument("--device", choices=["capture", "default"], default="capture")
    parser.add_argument("--child", choices=["sound", "mute", "calls"], help=argparse.SUPPRESS)
    parser.add_argument("--routine", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "calls":
        call_costs(args.routine)
        return 0
    if args.child:
        child(args.routine, args.child == "sound")
        return 0

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        routines = []
        for seconds in (SHORT_S, args.seconds):
            routine = folder / f"bench-hold-{seconds}.yaml"
            routine.write_text(ROUTINE.format(seconds=seconds))
            routines.append(routine)
        env = dict(os.environ)
        env["XDG_CACHE_HOME"] = str(folder / "cache")
        if args.device == "capture":
            config = folder / "asound.conf"
            config.write_text(
                "pcm.!default { type file; slave.pcm { type null }; "
                f'file "{folder}/capture.wav"; format "wav" }}\n'
            )
            env["ALSA_CONFIG_PATH"] = str(config)
        evenside = [sys.executable, "-m", "evenside", "play", "--plain"]
        itself = [sys.executable, __file__, "--child"]
        runs: dict[str, Callable[[Path], list[str]]] = {
            "play --plain (sound on)": lambda r: [*evenside, str(r)],
            "play --plain --mute": lambda r: [*evenside, "--mute", str(r)],
            "runner + CuePlayer": lambda r: [*itself, "sound", "--routine", str(r)],
            "runner, no sound": lambda r: [*itself, "mute", "--routine", str(r)],
        }
        print(
            f"routine: 3 s prep, a hold per side, 3 s switch; holds {SHORT_S} s, {args.seconds} s"
        )
        print(f"ALSA: {'file plugin, null slave' if args.device == 'capture' else 'default'}")
        print("steady = extra CPU per extra second of hold (start-up cancels out)")
        print(f"{'run':<26} {'CPU s':>7} {'wall s':>7} {'steady %':>9}  exit")
        print("cost of one call on the event loop:", flush=True)
        subprocess.run([*itself, "calls", "--routine", str(routines[0])], env=env, check=False)
        for name, command in runs.items():
            short = measure(command(routines[0]), env)
            long = measure(command(routines[1]), env)
            steady = 100 * (long[0] - short[0]) / (long[1] - short[1])
            code = short[2] or long[2]
            print(f"{name:<26} {long[0]:7.3f} {long[1]:7.1f} {steady:8.2f}%  {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
