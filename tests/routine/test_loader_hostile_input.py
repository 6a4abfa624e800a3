"""Hostile files through a real `evenside check`: one clear message naming the file, exit 1.

Each runs in a subprocess with a timeout, so a hang fails the test instead of
stalling the suite; speed itself is measured in bench/, not asserted here.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.evenside_process import run_evenside

HANG_GUARD_S = 60


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, this = chr(96 + i), chr(97 + i)
        lines.append(f"{this}: &{this} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _fifty_megabytes() -> bytes:
    line = b"  - {exercise: Lunge, hold: 45s}\n"
    return b"name: Big\nsteps:\n" + line * (50_000_000 // len(line))


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "not-utf8": (lambda: "name: Café\nsteps: []\n".encode("latin-1"), "not UTF-8 text"),
    "binary-junk": (lambda: bytes(range(256)) * 64, "binary file"),
    "control-chars": (lambda: b"name: \x07\x1b[2J\nsteps: []\n", "control character"),
    "top-level-list": (lambda: b"- name: x\n- steps: []\n", "not a list"),
    "top-level-text": (lambda: b"just words\n", "not plain text"),
    "empty": (lambda: b"", "the file is empty"),
    "only-comments": (lambda: b"# nothing here\n", "the file is empty"),
    # Deep nesting may be refused by evenside's own check ("nested more than ...") or,
    # first, by the libyaml a newer PyYAML bundles ("exceeded maximum nesting depth"):
    # what matters is one line that names the file, a line and the nesting.
    "deep-flow": (lambda: b"name: x\nsteps: " + b"[" * 20_000 + b"]" * 20_000, "nest"),
    "deep-mapping": (lambda: b"a: " + b"{a: " * 20_000 + b"1" + b"}" * 20_000, "nest"),
    "deep-block": (lambda: b"- " * 20_000 + b"x\n", "nest"),
    "alias-bomb": (_alias_bomb, "aliases (*a) are not allowed"),
    "fifty-megabytes": (_fifty_megabytes, "file is too large (50.0 MB)"),
    "python-tag": (lambda: b"name: !!python/object/apply:os.system [ls]\n", "YAML tags"),
    "two-documents": (lambda: b"name: a\n---\nname: b\n", "one YAML document"),
    "tab-indent": (lambda: b"name: x\nsteps:\n\t- rest: 5\n", "a tab cannot indent"),
    "unclosed-quote": (lambda: b'name: "x\nsteps: []\n', "not valid YAML"),
}


def run_check(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return run_evenside("check", path, timeout=HANG_GUARD_S, env=env)


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_gets_one_clear_message(tmp_path: Path, case: str) -> None:
    make, expected = HOSTILE[case]
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(make())
    result = run_check(path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) == 1, output
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: error: ", lines[0]), output
    assert expected in lines[0], output
    assert len(lines[0]) < 300


@pytest.mark.slow
@pytest.mark.parametrize("target", ["missing.yaml", "folder"])
def test_missing_file_or_empty_folder_is_named(tmp_path: Path, target: str) -> None:
    path = tmp_path / target
    if target == "folder":
        path.mkdir()
    result = run_check(path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"{path}:1:1: error: ")
