"""The built-in cues: the committed WAVs are exactly what the synth script writes."""

from __future__ import annotations

import math
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from evenside import locations
from evenside.audio import synth
from evenside.audio.cue_bank import load_tone
from evenside.audio.wav import SAMPLE_RATE, WavError, loudness_dbfs, read_wav, scaled, write_wav
from evenside.engine.events import CueKind
from evenside.routine.model import Side
from tests.support.alsa_capture import SRC, driver_env, peak, power_at, zero_crossing_hz

SOUNDS = SRC.parent / "sounds"


def test_the_script_reproduces_the_committed_sounds_byte_for_byte(tmp_path: Path) -> None:
    env = driver_env(tmp_path / "unused.conf")
    result = subprocess.run(
        [sys.executable, "-m", "evenside.audio.synth", str(tmp_path / "out")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    committed = sorted(p.name for p in SOUNDS.glob("*.wav"))
    assert written == committed == sorted(synth.file_name(k) for k in synth.TONES)
    for name in written:
        assert (tmp_path / "out" / name).read_bytes() == (SOUNDS / name).read_bytes(), name


def test_the_script_without_a_folder_explains_itself(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "evenside.audio.synth"],
        env=driver_env(tmp_path / "unused.conf"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "usage: python -m evenside.audio.synth OUTDIR"


def test_every_cue_except_step_sounds_is_built_in() -> None:
    assert set(synth.TONES) == set(CueKind) - {CueKind.STEP_SOUND}
    # The installed copy (a wheel's, or this checkout's) holds exactly the committed files.
    installed = locations.sounds_dir()
    names = sorted(f.name for f in SOUNDS.glob("*.wav"))
    assert names == sorted(f.name for f in installed.glob("*.wav"))
    for name in names:
        assert (installed / name).read_bytes() == (SOUNDS / name).read_bytes(), name


@pytest.mark.parametrize("kind", list(synth.TONES))
def test_each_cue_file_is_a_short_clean_mono_16_bit_wav(kind: CueKind) -> None:
    with wave.open(str(SOUNDS / synth.file_name(kind))) as reader:
        assert (reader.getnchannels(), reader.getsampwidth()) == (1, 2)
        assert reader.getframerate() == SAMPLE_RATE
    sound = read_wav(SOUNDS / synth.file_name(kind))
    assert 10 <= sound.duration_ms <= 1200
    # Loud enough to hear, with headroom (no clipping), and no click at either end.
    assert 3000 < peak(sound.samples) < 30000
    assert abs(sound.samples[0]) < 200
    assert abs(sound.samples[-1]) < 200


def test_the_cues_sound_different_from_each_other() -> None:
    shapes = {
        (read_wav(SOUNDS / synth.file_name(k)).duration_ms, synth.TONES[k][0].frequency)
        for k in synth.TONES
    }
    assert len(shapes) == len(synth.TONES)


def test_the_go_tone_leaps_to_its_pitch_far_from_the_countdown_beep() -> None:
    go = read_wav(SOUNDS / "go.wav")
    main = go.samples[go.rate * 110 // 1000 :]
    assert zero_crossing_hz(main, go.rate) == pytest.approx(synth.GO_HZ, rel=0.03)
    assert power_at(main, go.rate, synth.GO_HZ) > 50 * power_at(main, go.rate, synth.COUNTDOWN_HZ)
    # Seven semitones and more apart (they were two), and two notes against one.
    assert 12 * math.log2(synth.GO_HZ / synth.COUNTDOWN_HZ) >= 7
    assert len(synth.TONES[CueKind.GO]) == 2 and len(synth.TONES[CueKind.COUNTDOWN]) == 1


@pytest.mark.parametrize("kind", list(synth.TONES))
def test_every_cue_plays_at_the_voice_loudness(kind: CueKind) -> None:
    level = loudness_dbfs(read_wav(SOUNDS / synth.file_name(kind)))
    assert level == pytest.approx(synth.CUE_LOUDNESS_DBFS, abs=0.5)


def test_the_tick_is_longer_lower_and_louder_than_a_click() -> None:
    tick = read_wav(SOUNDS / "tick.wav")
    assert tick.duration_ms >= 40
    assert synth.TICK_HZ < 2000
    assert peak(tick.samples) > 0.2 * 32767


def test_left_and_right_marks_differ_in_pitch_and_in_count() -> None:
    left, right = synth.SIDE_MARKS[Side.LEFT], synth.SIDE_MARKS[Side.RIGHT]
    assert len(left) == 1 and len(right) == 2
    assert 12 * math.log2(right[0].frequency / left[0].frequency) >= 12
    for side in (Side.LEFT, Side.RIGHT):
        mark = synth.render_side_mark(side)
        assert loudness_dbfs(mark) == pytest.approx(synth.CUE_LOUDNESS_DBFS, abs=0.5)


def test_a_missing_or_broken_cue_file_is_synthesized_again(tmp_path: Path) -> None:
    (tmp_path / "go.wav").write_bytes(b"not a wav")
    assert load_tone(CueKind.GO, tmp_path).samples == synth.render(CueKind.GO).samples
    assert load_tone(CueKind.TICK, tmp_path).samples == synth.render(CueKind.TICK).samples


def test_volume_scales_and_files_are_written_private(tmp_path: Path) -> None:
    go = synth.render(CueKind.GO)
    half = scaled(go, 50)
    assert peak(half.samples) == pytest.approx(peak(go.samples) / 2, abs=1)
    assert scaled(go, 0).samples.count(0) == len(go.samples)
    write_wav(tmp_path / "half.wav", half)
    assert (tmp_path / "half.wav").stat().st_mode & 0o777 == 0o600
    assert read_wav(tmp_path / "half.wav").samples == half.samples


def test_stereo_and_8_bit_files_are_read_as_mono_16_bit(tmp_path: Path) -> None:
    path = tmp_path / "stereo8.wav"
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(1)
        writer.setframerate(8000)
        writer.writeframes(bytes([128, 128, 255, 255, 0, 0] * 10))
    sound = read_wav(path)
    assert sound.rate == 8000
    assert list(sound.samples[:3]) == [0, 127 << 8, -128 << 8]


def test_an_empty_or_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "x.wav").write_text("hello")
    with pytest.raises(WavError, match=r"x\.wav"):
        read_wav(tmp_path / "x.wav")
    with pytest.raises(WavError, match=r"missing\.wav"):
        read_wav(tmp_path / "missing.wav")
