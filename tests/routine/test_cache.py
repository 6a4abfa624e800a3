"""Tests of the cache of checked routines: a changed file is never served stale, a bad entry is
never an error, and a routine served from the cache is the one the loader gives."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import evenside
from evenside.locations import cache_dir
from evenside.routine import cache, loader
from evenside.routine.diagnostics import RoutineError
from evenside.routine.loader import check_file, load_routine, load_with_warnings

ROUTINE = """\
name: Cached
steps:
  - exercise: Lunge
    hold: 30s
    sides: both
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record each time the loader really parses a file (a cache miss)."""
    seen: list[Path] = []
    real = loader._load

    def counting(path: Path):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(path)

    monkeypatch.setattr(loader, "_load", counting)
    return seen


def test_the_second_load_comes_from_the_cache_and_is_equal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE)
    seen = parses(monkeypatch)
    first = load_routine(path)
    second = load_routine(path)
    assert seen == [path]
    assert second == first
    assert second.content_hash == first.content_hash != ""


def test_the_folder_is_the_one_locations_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("/tmp/elsewhere", "", "  "):
        monkeypatch.setenv("XDG_CACHE_HOME", value)
        assert cache.cache_folder() == cache_dir() / "routines"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_folder() == cache_dir() / "routines"


def test_a_change_of_the_same_size_and_mtime_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE)
    assert load_routine(path).steps[0].exercise == "Lunge"  # type: ignore[union-attr]
    before = path.stat()
    changed = ROUTINE.replace("Lunge", "Lungf")
    assert len(changed) == len(ROUTINE)
    write(path, changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load_routine(path).steps[0].exercise == "Lungf"  # type: ignore[union-attr]


def test_a_file_that_turns_bad_is_reported_not_served(tmp_path: Path) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE)
    load_routine(path)
    write(path, ROUTINE.replace("30s", "soon"))
    with pytest.raises(RoutineError) as raised:
        load_routine(path)
    assert "hold" in str(raised.value)
    assert any(d.severity == "error" for d in check_file(path))


def test_a_sound_file_removed_since_is_reported(tmp_path: Path) -> None:
    sound = tmp_path / "bell.wav"
    sound.write_bytes(b"RIFF")
    path = write(tmp_path / "r.yaml", ROUTINE + "    sound: bell.wav\n")
    assert load_routine(path).exercises()[0].sound == sound.resolve()
    sound.unlink()
    with pytest.raises(RoutineError) as raised:
        load_routine(path)
    assert "bell.wav" in str(raised.value)


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle at all", b"\x80\x05\x95", "truncated", "wrong shape"],
    ids=["empty", "garbage", "header only", "truncated", "wrong shape"],
)
def test_a_corrupt_entry_is_ignored_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes | str
) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE)
    expected = load_routine(path)
    entry = cache._entry_path(path)
    good = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(good[: len(good) // 2])
    elif damage == "wrong shape":
        import pickle

        entry.write_bytes(pickle.dumps(("something", "else")))
    else:
        assert isinstance(damage, bytes)
        entry.write_bytes(damage)
    seen = parses(monkeypatch)
    assert load_routine(path) == expected
    assert check_file(path) == []
    assert seen == [path]  # parsed once, then the entry is whole again
    assert entry.read_bytes() == good


def test_another_version_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE)
    load_routine(path)
    seen = parses(monkeypatch)
    monkeypatch.setattr(evenside, "__version__", "99.0")
    load_routine(path)
    assert seen == [path]


def test_an_entry_others_can_write_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE)
    load_routine(path)
    entry = cache._entry_path(path)
    os.chmod(entry, 0o666)
    seen = parses(monkeypatch)
    load_routine(path)
    assert seen == [path]


def test_entries_are_private(tmp_path: Path) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE)
    load_routine(path)
    entry = cache._entry_path(path)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.parent.parent.stat().st_mode) == 0o700
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary file left


def test_an_unwritable_cache_only_costs_a_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    path = write(tmp_path / "r.yaml", ROUTINE)
    assert load_routine(path).name == "Cached"
    assert load_routine(path).name == "Cached"


def test_warnings_name_the_file_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE + "    tempo: 2s\n")
    first = check_file(path)
    assert [d.severity for d in first] == ["warning"]  # 'tempo' has no effect on a hold
    monkeypatch.chdir(tmp_path)
    again = load_with_warnings(Path("r.yaml"))[1]
    assert [d.path for d in again] == [Path("r.yaml")] * len(first)
    assert [d.message for d in again] == [d.message for d in first]


def test_a_cached_routine_loads_without_pyyaml(tmp_path: Path) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE)
    code = (
        "import json, sys\n"
        "from evenside.routine.loader import load_routine\n"
        f"routine = load_routine({str(path)!r})\n"
        "print(json.dumps({'name': routine.name, 'yaml': 'yaml' in sys.modules}))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def run() -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    assert run() == {"name": "Cached", "yaml": True}
    assert run() == {"name": "Cached", "yaml": False}


def test_show_and_check_from_the_cache_load_no_pyyaml_and_print_the_same(tmp_path: Path) -> None:
    path = write(tmp_path / "r.yaml", ROUTINE + "    tempo: 2s\n")  # with a warning to print
    for args in (["show", str(path)], ["check", str(path)]):
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / f"cache-{args[0]}")}
        code = (
            "import contextlib, io, json, sys\n"
            "from evenside.cli import cli\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    cli.main({args!r}, prog_name='evenside', standalone_mode=False)\n"
            "print(json.dumps({'out': out.getvalue(), 'yaml': 'yaml' in sys.modules}))\n"
        )
        runs = []
        for _ in range(2):
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
            )
            assert done.returncode == 0, done.stderr
            runs.append(json.loads(done.stdout.splitlines()[-1]))
        assert [run["yaml"] for run in runs] == [True, False], args
        assert runs[0]["out"] == runs[1]["out"] != ""
