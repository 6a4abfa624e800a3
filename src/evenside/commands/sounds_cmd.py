"""Provides `evenside sounds`: plays each cue once and names it, to check a sound set-up.

Its sample speech is what the player says for the first hold of a sample
routine, chosen and rendered by the player's own code (the spoken forms of
`audio.phrases`, fitted to the prep by the cue plan in `CueBank`), so the
check can never say words a session would not.
"""

from __future__ import annotations

import click

from evenside.audio.backends import all_backends
from evenside.audio.cue_bank import CueBank
from evenside.audio.sound_output import SoundOutput
from evenside.audio.voice import Voice, find_voice
from evenside.audio.wav import Sound
from evenside.engine.events import CueKind
from evenside.engine.timeline import expand
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Sides
from evenside.settings import SettingsError, load_settings

CUE_NAMES: dict[CueKind, str] = {
    CueKind.GO: "go: work starts",
    CueKind.SWITCH: "switch: change sides",
    CueKind.REST: "rest: a rest starts",
    CueKind.COUNTDOWN: "countdown: one of three beeps over the last three seconds",
    CueKind.HALFWAY: "halfway: the middle of a hold of 30 s or more",
    CueKind.TICK: "tick: one rep, for reps with a tempo",
    CueKind.DONE: "done: the routine is complete",
}

SAMPLE_ROUTINE = Routine(
    name="Sample",
    steps=(
        ExerciseStep(
            exercise="Supine release",
            id="supine-release",
            hold_ms=PerSide.same(120_000),
            sides=Sides.BOTH,
            order=Order.LEFT_FIRST,
            sets=PerSide.same(2),
        ),
    ),
)
"""Two sets of a two-minute hold on each side, left first, after the usual prep."""

_BACKEND_WORDS = {
    "simpleaudio": "simpleaudio (ALSA default device)",
    "bell": "the terminal bell (no sound device found)",
    "silent": "none: no sound device and no terminal, so cues are silent",
}


@click.command("sounds")
def sounds() -> None:
    """Play each cue once and name it; say which sound backend and voice were found."""
    try:
        settings = load_settings()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    # Notices (no device, a device failing midway) are printed as they happen.
    output = SoundOutput(all_backends(), click.echo)
    click.echo(f"Sound: {_BACKEND_WORDS.get(output.backend.name, output.backend.name)}")
    voice = find_voice()
    click.echo(
        f"Voice: {voice.describe()}"
        if voice
        else "Voice: none (install espeak-ng, or use macOS, to hear the steps spoken)"
    )
    if settings.mute:
        click.echo("Note: sound is muted in the settings file; playing anyway for this check.")
    click.echo(f"Volume: {settings.volume}%")
    bank = CueBank.load(None, volume=settings.volume)
    for kind, label in CUE_NAMES.items():
        click.echo(f"  {label}")
        output.play(bank.tones[kind])
        output.wait()
    if voice is not None:
        sample = sample_speech(voice, settings.volume)
        if sample is None:
            click.echo(f"  voice: {voice.name} could not render speech")
        else:
            text, sound = sample
            click.echo(f'  voice: "{text}"')
            output.play(sound)
            output.wait()


def sample_speech(voice: Voice, volume: int) -> tuple[str, Sound] | None:
    """The words a session of `SAMPLE_ROUTINE` says for its first hold, and the sound
    the player would play for them: the prep's announcement when it fits there, else
    the hold's own opening. None when `voice` could render none of it."""
    timeline = expand(SAMPLE_ROUTINE)
    bank = CueBank.load(timeline, volume=volume, voice=voice)
    first = timeline.work()[0]
    for interval in timeline.intervals[: first.index + 1]:
        text, sound = bank.opening_text(interval), bank.opening(interval)
        if text is not None and sound is not None:
            return text, sound
    return None
