"""Provides `evenside sounds`: plays each cue once and names it, to check a sound set-up."""

from __future__ import annotations

import click

from evenside.audio.backends import all_backends
from evenside.audio.cue_bank import CueBank
from evenside.audio.sound_output import SoundOutput
from evenside.audio.voice import find_voice, render_phrases
from evenside.audio.wav import scaled
from evenside.engine.events import CueKind
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

SAMPLE_PHRASE = "Supine release. Left side. Two minutes. Set one of two"

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
        clips, _ = render_phrases(voice, [SAMPLE_PHRASE])
        clip = clips.get(SAMPLE_PHRASE)
        if clip is None:
            click.echo(f"  voice: {voice.name} could not render speech")
        else:
            click.echo(f'  voice: "{SAMPLE_PHRASE}"')
            output.play(scaled(clip, settings.volume))
            output.wait()
