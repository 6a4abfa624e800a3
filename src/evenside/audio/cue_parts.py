"""Provides what a cue player plays through, built for a timeline: the sound output (the
backends that can play here, the ALSA check among them) and the cue bank (every tone and
spoken phrase, made ready on that output).

What plays is imported inside each function: a session that starts muted (no backend,
no sound library, no tone) imports this module and none of the sound modules until m
first turns the sound on. It then builds in two steps, on a thread of its own: the
tones (`tones_only`), which play from the next cue, then the words (`with_voice`),
which come in a bank of their own while the tones' bank is playing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from evenside.engine.timeline import Timeline
from evenside.routine.model import Side
from evenside.settings import Settings

if TYPE_CHECKING:
    from evenside.audio.backends import Backend
    from evenside.audio.cue_bank import CueBank
    from evenside.audio.sound_output import SoundOutput
    from evenside.audio.voice import Voice
    from evenside.audio.wav import Sound

Notice = Callable[[str], None]
"""Shows a one-time message about sound (a device lost, a voice missing)."""
_CHANNEL = {Side.LEFT: 0, Side.RIGHT: 1}
NO_VOICE = (
    "The voice cannot come on: none was rendered for this session (--no-voice, "
    "voice = false in the settings, no speech program, or the rendering failed). Tones only"
)
"""Said once when v asks for a voice that was never rendered."""
NO_SPEECH_PROGRAM = "No speech program found (install espeak-ng to hear the steps): tones only"


def open_output(settings: Settings, tell: Notice, backends: list[Backend] | None) -> SoundOutput:
    """The backends that can play here, in order (the ALSA check among them)."""
    from evenside.audio.backends import all_backends
    from evenside.audio.sound_output import SoundOutput

    return SoundOutput(
        backends if backends is not None else all_backends(), tell, quiet_start=settings.mute
    )


def load_bank(
    timeline: Timeline, settings: Settings, output: SoundOutput, speaker: Voice | None
) -> CueBank:
    """Every cue of `timeline` and its phrases (with `speaker`), made ready on `output`."""
    from evenside.audio.cue_bank import CueBank

    bank = CueBank.load(timeline, volume=settings.volume, voice=speaker)
    output.prepare(bank.all_sounds())
    return bank


def spoken(
    timeline: Timeline,
    settings: Settings,
    tell: Notice,
    backends: list[Backend] | None,
    voice: Voice | bool | None,
) -> tuple[CueBank, SoundOutput, Voice | None]:
    """The bank, the output and the voice that speaks (None: tones only) for a session as
    `settings` start it: `voice` True finds one, a `Voice` is used, False or None speaks
    nothing; with the voice or all sound off in `settings`, nothing is rendered."""
    output = open_output(settings, tell, backends)
    speaking = settings.voice and not settings.mute
    speaker = choose_speaker(voice, tell) if speaking else None
    return load_bank(timeline, settings, output, speaker), output, speaker


def choose_speaker(voice: Voice | bool | None, tell: Notice) -> Voice | None:
    """Who speaks: `voice` True finds the speech program here (and says so when there is
    none), a `Voice` is used, False or None means nobody."""
    if voice is not True:
        return voice or None
    from evenside.audio.voice import find_voice

    found = find_voice()
    if found is None:
        tell(NO_SPEECH_PROGRAM)
    return found


def tones_only(
    timeline: Timeline, settings: Settings, tell: Notice, backends: list[Backend] | None
) -> tuple[CueBank, SoundOutput]:
    """What a muted start builds when the sound is turned on: tones, no voice (the output
    opened quietly, as for a session that starts muted)."""
    quiet = replace(settings, mute=True)
    output = open_output(quiet, tell, backends)
    return load_bank(timeline, quiet, output, None), output


def with_voice(
    bank: CueBank,
    timeline: Timeline,
    settings: Settings,
    output: SoundOutput,
    speaker: Voice,
    cancelled: Callable[[], bool],
) -> CueBank:
    """A new bank: `bank`'s tones with the words of `timeline` rendered by `speaker`, made
    ready on `output` (`bank` itself is left as it is: a session may be playing from it).
    Once `cancelled()` (the player closed), nothing more is rendered or prepared."""
    from evenside.audio.cue_bank import LEVELED
    from evenside.audio.voice import render_phrases

    def render(texts: list[str]) -> tuple[dict[str, Sound], list[str]]:
        # Checked before each round of forms: a closed player leaves after the one under way.
        if cancelled():
            return {}, list(texts)
        return render_phrases(speaker, texts, preparation=LEVELED)

    spoken = bank.with_speech(timeline, render, speaker.name, volume=settings.volume)
    if not cancelled():
        output.prepare(spoken.all_sounds())
    return spoken


class Panner:
    """Stereo copies of sounds for `--pan`: a cue about the left side in the left channel
    only, the right in the right, a cue about no side in both; each made once."""

    def __init__(self) -> None:
        self._made: dict[tuple[int, int | None], Sound] = {}

    def __call__(self, sound: Sound, side: Side | None) -> Sound:
        from evenside.audio.wav import panned

        channel = _CHANNEL.get(side) if side is not None else None
        key = (id(sound), channel)
        stereo = self._made.get(key)
        if stereo is None:
            stereo = panned(sound, channel)
            # Keyed by id: the bank holds every source sound, so no id is reused.
            self._made[key] = stereo
        return stereo
