"""Provides the by-ear benchmark: a routine played with `evenside play --plain`, heard through
ALSA's file plugin at real-time pace, per cue kind: lateness to the first sample, overlaps
with words, loudness.

    /work/venv/bin/python bench/bench_by_ear.py [--runs 3] [--no-voice] [--pan] [--routine FILE]

The listener is the test suite's (tests/support/alsa_listener.py, the routine of
tests/audio/test_by_ear.py): every stream is recorded with the CLOCK_MONOTONIC
reading of its first sample, the `--trace` goes through a FIFO so each line is
stamped as it is written, and the session's start is the least delayed line.
Needs the `audio` and `test` extras, espeak-ng and gcc.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-voice", action="store_true")
    parser.add_argument("--pan", action="store_true")
    parser.add_argument("--routine", type=Path, help="a routine file (default: the test's)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.audio.test_by_ear import ROUTINE, play_by_ear

    from evenside.audio import synth
    from evenside.engine.events import CueKind

    done_ms = synth.render(CueKind.DONE).duration_ms
    routine = args.routine.read_text() if args.routine else ROUTINE
    where = str(args.routine) if args.routine else "tests/audio/test_by_ear.py ROUTINE"

    flags = [f for f, on in (("--no-voice", args.no_voice), ("--pan", args.pan)) if on]
    lateness: dict[str, list[float]] = defaultdict(list)
    levels: dict[str, list[float]] = defaultdict(list)
    overlaps: dict[str, int] = defaultdict(int)
    missing: dict[str, int] = defaultdict(int)
    last_words_complete = 0
    last_played_out = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            played = play_by_ear(Path(folder), routine, *flags)
        heard = played.heard
        speech = [h for h in heard if h.kind == "speech"]
        for record in played.trace:
            if record["event"] == "cue" and record["cue"] != "step_sound":
                kind = str(record["cue"])
            elif record["event"] == "interval_start" and record["kind"] in ("prep", "transition"):
                kind = f"words ({record['kind']})"
            else:
                continue
            planned = float(str(record["planned"])) * 1000
            near = [h for h in heard if -20 < h.start_ms - planned < 150]
            if not near:
                if not kind.startswith("words"):
                    missing[kind] += 1
                continue
            first = near[0]
            if kind == "tick" and first.kind == "speech":
                kind = "rep counted aloud"
            lateness[kind].append(first.start_ms - planned)
            levels[kind].append(first.level_db)
            if any(
                w.start_ms + 30 < first.start_ms < w.end_ms - 30 for w in speech if w is not first
            ):
                overlaps[kind] += 1
        if speech and played.ended_quietly and heard[-1].kind == "speech":
            last_words_complete += 1
        # Words end in silence when they play out; the done tone alone must play whole.
        last_played_out += played.ended_quietly if speech else played.last_ms >= done_ms - 10
    print(f"routine: {where}, {args.runs} run(s), flags: {flags}")
    header = ("cue", "heard", "late median", "late max", "overlaps", "level")
    print("{:22} {:>5} {:>11} {:>8} {:>8} {:>7}".format(*header))
    for kind in sorted(lateness):
        values = lateness[kind]
        print(
            f"{kind:22} {len(values):5d} {statistics.median(values):9.1f}ms "
            f"{max(values):6.1f}ms {overlaps[kind]:8d} {statistics.mean(levels[kind]):5.1f}dB"
        )
    for kind, count in sorted(missing.items()):
        print(f"{kind:22} missing {count} time(s)")
    print(f"last sound played to its end (not cut): {last_played_out} of {args.runs} run(s)")
    print(f"last words heard to the end: {last_words_complete} of {args.runs} run(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
