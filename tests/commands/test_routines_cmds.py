"""The routine commands as a person runs them: real `evenside` subprocesses, real files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from evenside import locations
from tests.support.evenside_process import run_evenside
from tests.support.routine_files import write_routine

pytestmark = pytest.mark.slow


def evenside(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = run_evenside(*args, cwd=cwd)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_check_reports_compiler_style_and_exit_codes(tmp_path: Path) -> None:
    good = write_routine(tmp_path, "name: G\nsteps:\n  - exercise: A\n    hold: 45m\n", "good.yaml")
    bad = write_routine(
        tmp_path,
        "name: B\nsteps:\n  - exercise: A\n    hodl: 45s\n"
        "  - exercise: C\n    hold: 5s\n    sides: no\n",
        "bad.yaml",
    )
    result = evenside("check", str(good))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{good}:4:11: warning: hold of 45m per side is unusually long; did you mean 45s?",
        f"{good}: ok",
    ]
    result = evenside("check", str(good), str(bad))
    assert result.returncode == 1
    assert result.stdout.splitlines()[2:] == [
        f"{bad}:3:5: error: step 1 needs 'hold: D' or 'reps: N'",
        f"{bad}:4:5: error: unknown key 'hodl' in step 1 (did you mean 'hold'?)",
        f"{bad}:7:12: error: 'sides' must be left, right, both or none, not 'no' "
        "(for an exercise without sides, write 'sides: none')",
    ]
    assert evenside("check", "--quiet", str(good)).stdout.splitlines() == [
        f"{good}:4:11: warning: hold of 45m per side is unusually long; did you mean 45s?"
    ]


def test_check_every_bundled_routine_by_folder() -> None:
    folder = locations.bundled_routines_dir()
    result = evenside("check", str(folder))
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) >= 5 and all(line.endswith(": ok") for line in lines)


def test_check_needs_a_file() -> None:
    result = evenside("check")
    assert result.returncode == 2
    assert "Missing argument" in result.stderr


def test_show_text_lists_the_timeline_and_total() -> None:
    result = evenside("show", "desk-break")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Desk break: 2:00"  # as the library shows it, not "2m"
    head = lines.index(next(line for line in lines if line.split()[:1] == ["start"]))
    assert lines[head].split() == ["start", "length", "kind", "what"]
    assert lines[head + 1].split()[:4] == ["0:00", "5s", "prep", "get"]
    row = lines[head + 2]
    assert row.split()[:3] == ["0:05", "30s", "work"] and row.endswith("left")
    # standing stretch, then a pelvic tilt: 5 s to get into position in between
    assert "transition  get into position: Standing pelvic tilt" in result.stdout
    assert lines[-1] == "total 2:00"


def test_show_json_has_the_documented_shape(tmp_path: Path) -> None:
    path = write_routine(
        tmp_path,
        "name: Shape\ndefaults: {prep: 2.5}\nsteps:\n"
        "  - exercise: Clam\n    reps: 15\n    sides: both\n"
        "  - exercise: Lunge\n    id: lunge-1\n    hold: 30s\n",
        "r.yaml",
    )
    result = evenside("show", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document == {
        "name": "Shape",
        "summary": None,
        "description": None,
        "tags": [],
        "total_seconds": 42.5,
        "untimed_sets": 2,
        "intervals": [
            {"kind": "prep", "exercise": "Clam", "exercise_id": "clam", "side": "left", "set": 1,
             "start": 0, "seconds": 2.5, "reps": None},
            {"kind": "work", "exercise": "Clam", "exercise_id": "clam", "side": "left", "set": 1,
             "start": 2.5, "seconds": None, "reps": 15},
            {"kind": "switch", "exercise": "Clam", "exercise_id": "clam", "side": "right", "set": 1,
             "start": 2.5, "seconds": 5, "reps": None},
            {"kind": "work", "exercise": "Clam", "exercise_id": "clam", "side": "right", "set": 1,
             "start": 7.5, "seconds": None, "reps": 15},
            {"kind": "transition", "exercise": "Lunge", "exercise_id": "lunge-1", "side": None,
             "set": 1, "start": 7.5, "seconds": 5, "reps": None},
            {"kind": "work", "exercise": "Lunge", "exercise_id": "lunge-1", "side": None, "set": 1,
             "start": 12.5, "seconds": 30, "reps": None},
        ],
    }  # fmt: skip
    assert evenside("show", str(path)).stdout.splitlines()[-1] == "total 0:43 + 2 untimed sets"


def test_show_prefers_the_users_routine_by_name() -> None:
    mine = "name: My break\nsteps:\n  - rest: 5\n"
    write_routine(locations.user_routines_dir(), mine, "desk-break.yaml")
    document = json.loads(evenside("show", "desk-break", "--format", "json").stdout)
    assert document["name"] == "My break"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("no-such-routine", "no-such-routine: error: no routine named 'no-such-routine'"),
        ("gone/away.yaml", "gone/away.yaml: error: no such file: gone/away.yaml"),
    ],
)
def test_show_unknown_routine_is_one_line_and_exit_1(target: str, message: str) -> None:
    result = evenside("show", target)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_show_broken_routine_prints_every_error(tmp_path: Path) -> None:
    path = write_routine(tmp_path, "name: B\nsteps:\n  - rest: x\n  - rest: y\n", "b.yaml")
    result = evenside("show", str(path))
    assert result.returncode == 1
    assert [line.split(": error: ")[0] for line in result.stderr.splitlines()] == [
        f"{path}:3:11",
        f"{path}:4:11",
    ]


def test_show_rejects_an_unknown_format() -> None:
    result = evenside("show", "desk-break", "--format", "xml")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr


def test_list_has_a_header_then_routines_with_time_and_tags() -> None:
    mine = locations.user_routines_dir()
    write_routine(
        mine, "name: E\ntags: [mine]\nsteps:\n  - exercise: A\n    hold: 1m\n", "evening.yaml"
    )
    write_routine(mine, "name: [\n", "broken.yaml")
    result = evenside("list")
    assert result.returncode == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["NAME", "TIME", "SOURCE", "TAGS"]
    by_name = {row.split()[0]: row for row in rows}
    assert by_name["evening"].split() == ["evening", "1:05", "yours", "mine"]
    assert "invalid" in by_name["broken"] and "evenside check" in by_name["broken"]
    assert by_name["desk-break"].split()[:3] == ["desk-break", "2:00", "bundled"]
    assert "untimed set" in by_name["hip-stability"]
    assert rows.index(by_name["broken"]) < rows.index(by_name["desk-break"])


def test_schema_prints_json() -> None:
    result = evenside("schema")
    assert result.returncode == 0
    kinds = json.loads(result.stdout)["definitions"]  # a routine, or a program (issue 13)
    assert kinds["routine"]["required"] == ["name", "steps"]
    assert kinds["program"]["required"] == ["name", "schedule"]


def test_new_writes_a_starter_that_passes_check() -> None:
    result = evenside("new", "Evening Stretch")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == locations.user_routines_dir() / "evening-stretch.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(locations.data_dir().stat().st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./routine.schema.json\n")
    assert 'name: "Evening Stretch"' in text
    assert (path.parent / "routine.schema.json").read_text() == evenside("schema").stdout
    checked = evenside("check", str(path))
    assert (checked.returncode, checked.stdout) == (0, f"{path}: ok\n")
    assert evenside("show", "evening-stretch").returncode == 0

    again = evenside("new", "Evening Stretch")
    assert again.returncode == 1
    assert again.stderr == f"{path}: error: already exists; choose another name or pass --force\n"
    path.write_text("changed")
    assert evenside("new", "--force", "Evening Stretch").returncode == 0
    assert path.read_text(encoding="utf-8") == text


def test_new_refuses_a_name_without_letters() -> None:
    result = evenside("new", "!!!")
    assert result.returncode == 1
    assert "needs at least one letter or digit" in result.stderr


def test_locate_honours_xdg_variables(private_dirs: Path) -> None:
    result = evenside("locate")
    assert result.returncode == 0
    places = dict(line.split(":", 1) for line in result.stdout.splitlines())
    places = {k: v.strip() for k, v in places.items()}
    assert places["user routines"] == str(private_dirs / "data" / "evenside" / "routines")
    assert places["history"] == str(private_dirs / "data" / "evenside" / "history.sqlite3")
    assert places["settings"] == str(private_dirs / "config" / "evenside" / "settings.toml")
    assert places["cache"] == str(private_dirs / "cache" / "evenside")
    assert Path(places["bundled routines"], "desk-break.yaml").is_file()
    assert os.environ["XDG_DATA_HOME"] == str(private_dirs / "data")


def test_locate_one_place() -> None:
    result = evenside("locate", "history")
    assert result.stdout == f"{locations.history_path()}\n"
    unknown = evenside("locate", "moon")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("moon: error: unknown location; choose from: user routines,")


@pytest.mark.parametrize("command", ["check", "show", "list", "schema", "new", "locate"])
def test_every_command_has_help(command: str) -> None:
    result = evenside(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"Usage: evenside {command} ")


def test_show_prints_the_description_with_its_safety_notes() -> None:
    result = evenside("show", "psoas-stretches")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Safety: evenside is not medical advice." in text
    assert "Stop and see a doctor if you have fever with the pain, bowel or bladder\n" in text
    assert text.index("Stop and see a doctor") < text.index("start   length")
    document = json.loads(evenside("show", "psoas-stretches", "--format", "json").stdout)
    assert document["description"].startswith("Three stretches for tight hip flexors")
    assert "Stop and see a doctor" in document["description"]
    assert document["summary"].startswith("The three psoas stretches")
    assert "psoas" in document["tags"]


def test_show_says_play_may_start_on_the_other_side(tmp_path: Path) -> None:
    path = write_routine(
        tmp_path,
        "name: Sides\nsteps:\n"
        "  - exercise: Lunge\n    hold: 30s\n    sides: both\n"
        "  - exercise: Clam\n    reps: 5\n    sides: both\n    order: right-first\n",
        "sides.yaml",
    )
    result = evenside("show", str(path))
    assert result.returncode == 0, result.stderr
    assert (
        "Side order: listed left first; when you play, Lunge starts on the side that is "
        "behind or owed (order: balance), so a session may start on the right."
    ) in result.stdout
