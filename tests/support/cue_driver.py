"""Provides a script the audio tests run in a subprocess, with ALSA_CONFIG_PATH set for it.

    cue_driver.py tone --backend simpleaudio|aplay --cue go
    cue_driver.py clip --backend simpleaudio|aplay
    cue_driver.py routine [--players aplay] [--no-simpleaudio] [--no-voice] [--mute]
                           [--volume V] [--break-at N --broken CONF]

`routine` plays a short routine through the real engine (Session, FakeClock)
into a real CuePlayer; notices are printed as "NOTICE: ...", then "FINISHED".
`--break-at N` swaps ALSA's configuration for CONF when interval N starts,
which is how a device disappears mid-routine without a sound card.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from evenside.audio import synth
from evenside.audio.backends import (
    Backend,
    SilentBackend,
    SimpleaudioBackend,
    SystemPlayerBackend,
    all_backends,
)
from evenside.audio.cue_bank import load_tone
from evenside.audio.cue_player import CuePlayer
from evenside.audio.sound_output import SoundOutput
from evenside.audio.voice import find_voice, render_phrases
from evenside.audio.wav import write_wav
from evenside.engine.clock import FakeClock
from evenside.engine.events import CueKind, IntervalStarted, SessionEvent
from evenside.engine.session import Session
from evenside.engine.timeline import expand
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Sides
from evenside.settings import Settings

PHRASE = "Supine release. Left side. Two minutes. Set one of two"


def notice(message: str) -> None:
    print(f"NOTICE: {message}", flush=True)


def one_backend(name: str, folder: Path) -> list[Backend]:
    if name == "simpleaudio":
        import simpleaudio

        return [SimpleaudioBackend(simpleaudio)]
    return [SystemPlayerBackend("aplay", ["aplay", "-q"], folder, needs_alsa=True)]


def short_routine(folder: Path) -> Routine:
    """3 s prep; a 30 s hold per side with a 2 s switch; 2 timed reps with a step sound."""
    step_sound = folder / "bridge.wav"
    write_wav(step_sound, synth.render(CueKind.HALFWAY))
    return Routine(
        name="capture test",
        prep_ms=3_000,
        steps=(
            ExerciseStep(
                exercise="Lunge",
                id="lunge",
                hold_ms=PerSide.same(30_000),
                sides=Sides.BOTH,
                order=Order.LEFT_FIRST,
                switch_ms=2_000,
            ),
            ExerciseStep(
                exercise="Glute bridge",
                id="glute-bridge",
                reps=PerSide.same(2),
                tempo_ms=1_500,
                sound=step_sound,
            ),
        ),
    )


def run_routine(args: argparse.Namespace, folder: Path) -> None:
    timeline = expand(short_routine(folder))
    players = tuple(args.players.split(",")) if args.players else ()
    backends = all_backends(folder / "cues", players=players)
    if args.no_simpleaudio:
        backends = [b for b in backends if b.name != "simpleaudio"]
    settings = Settings(mute=args.mute, voice=not args.no_voice, volume=args.volume)
    player = CuePlayer.for_timeline(timeline, settings, notice, backends=backends)
    print(f"BACKEND: {player.backend_name}", flush=True)
    clock = FakeClock()
    session = Session(timeline, clock)

    def break_device(event: SessionEvent) -> None:
        if isinstance(event, IntervalStarted) and event.interval.index == args.break_at:
            current = Path(os.environ["ALSA_CONFIG_PATH"])
            mtime = current.stat().st_mtime
            shutil.copyfile(args.broken, current)
            # alsa-lib reloads its configuration when the file's time changes.
            os.utime(current, (mtime + 5, mtime + 5))

    if args.break_at is not None:
        session.subscribe(break_device)
    session.subscribe(player)
    session.start()
    while not session.finished:
        clock.advance_ms(100)
        session.update()
    player.output.wait(30)
    print(f"FINISHED: {session.status}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["tone", "clip", "routine"])
    parser.add_argument("--backend", default="simpleaudio")
    parser.add_argument("--cue", default="go")
    parser.add_argument("--players", default="")
    parser.add_argument("--no-voice", action="store_true")
    parser.add_argument("--mute", action="store_true")
    parser.add_argument("--no-simpleaudio", action="store_true")
    parser.add_argument("--volume", type=int, default=100)
    parser.add_argument("--break-at", type=int, default=None)
    parser.add_argument("--broken", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if args.mode == "routine":
            run_routine(args, folder)
            return
        output = SoundOutput([*one_backend(args.backend, folder), SilentBackend()], notice)
        if args.mode == "tone":
            sound = load_tone(CueKind(args.cue))
        else:
            voice = find_voice()
            if voice is None:
                sys.exit("no voice")
            clips, _ = render_phrases(voice, [PHRASE], folder / "voice")
            sound = clips[PHRASE]
        output.prepare([sound])
        output.play(sound)
        output.wait(30)
        print(f"PLAYED: {sound.name} on {output.backend.name}", flush=True)


if __name__ == "__main__":
    main()
