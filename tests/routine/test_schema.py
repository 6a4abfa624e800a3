"""The JSON Schema: the committed file equals `evenside schema` and judges files as check does."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from evenside import locations
from evenside.routine.schema import routine_schema, schema_text

COMMITTED = locations.bundled_routines_dir() / "routine.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_committed_schema_equals_the_command_output() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "evenside", "schema"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == schema_text() == COMMITTED.read_text(encoding="utf-8"), (
        "routines/routine.schema.json is stale: "
        "run `evenside schema > routines/routine.schema.json`"
    )
    assert json.loads(result.stdout) == routine_schema()


def valid(validator: jsonschema.Draft7Validator, text: str) -> bool:
    return not list(validator.iter_errors(yaml.safe_load(textwrap.dedent(text))))


@pytest.mark.parametrize(
    "path", sorted(locations.bundled_routines_dir().glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_bundled_routine_is_valid(validator: jsonschema.Draft7Validator, path: Path) -> None:
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))]
    assert errors == []


def test_the_format_page_example_is_valid(validator: jsonschema.Draft7Validator) -> None:
    from tests.routine.test_loader import FORMAT_PAGE_EXAMPLE

    assert valid(validator, FORMAT_PAGE_EXAMPLE)


GOOD_STEP = "  - exercise: Lunge\n    hold: 45s\n"
EX = "name: X\nsteps:\n  - exercise: A\n"


@pytest.mark.parametrize(
    ("why", "text"),
    [
        ("unknown top-level key", "name: X\nnmae: Y\nsteps:\n" + GOOD_STEP),
        ("unknown step key", "name: X\nsteps:\n  - exercise: A\n    hodl: 45s\n"),
        ("unknown defaults key", "name: X\ndefaults: {prepp: 5}\nsteps:\n" + GOOD_STEP),
        ("unknown block key", "name: X\nsteps:\n  - repeat: 2\n    rounds: 3\n    steps:\n  "
         + GOOD_STEP),
        ("unknown per-side key", EX + "    hold: {left: 5, rigth: 5}\n"),
        ("hold and reps together", EX + "    hold: 45s\n    reps: 10\n"),
        ("neither hold nor reps", "name: X\nsteps:\n  - exercise: A\n    sides: both\n"),
        ("empty steps", "name: X\nsteps: []\n"),
        ("empty block steps", "name: X\nsteps:\n  - repeat: 2\n    steps: []\n"),
        ("empty step", "name: X\nsteps:\n  - {}\n"),
        ("null step", "name: X\nsteps:\n  -\n"),
        ("repeat 0", "name: X\nsteps:\n  - repeat: 0\n    steps:\n  " + GOOD_STEP),
        ("unreadable hold", "name: X\nsteps:\n  - exercise: A\n    hold: 45 parsecs\n"),
        ("unreadable rest", "name: X\nsteps:\n  - rest: soon\n"),
        ("upper-case unit", "name: X\nsteps:\n  - exercise: A\n    hold: 45S\n"),
        ("zero hold", "name: X\nsteps:\n  - exercise: A\n    hold: 0s\n"),
        ("negative rest", "name: X\nsteps:\n  - rest: -5\n"),
        ("over four hours", "name: X\nsteps:\n  - rest: 20000\n"),
        ("boolean sides", "name: X\nsteps:\n  - exercise: A\n    hold: 5s\n    sides: no\n"),
        ("bad order", "name: X\nsteps:\n  - exercise: A\n    hold: 5s\n    order: random\n"),
        ("reps zero", "name: X\nsteps:\n  - exercise: A\n    reps: 0\n"),
        ("missing name", "steps:\n" + GOOD_STEP),
        ("missing steps", "name: X\n"),
        ("exercise and repeat", "name: X\nsteps:\n  - exercise: A\n    repeat: 2\n    hold: 5\n"),
        ("tags not a list", "name: X\ntags: psoas\nsteps:\n" + GOOD_STEP),
    ],
)  # fmt: skip
def test_editor_flags_the_same_mistakes_as_check(
    validator: jsonschema.Draft7Validator, why: str, text: str, tmp_path: Path
) -> None:
    from evenside.routine.diagnostics import Severity
    from evenside.routine.loader import check_file

    assert not valid(validator, text), why
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    assert any(d.severity is Severity.ERROR for d in check_file(path)), why


@pytest.mark.parametrize(
    "step",
    [
        {"exercise": "A", "hold": 45},
        {"exercise": "A", "hold": "1m30s", "sides": "both", "order": "right-first"},
        {"exercise": "A", "hold": {"left": "2m", "right": "90s"}, "sides": "both"},
        {"exercise": "A", "reps": {"left": 12, "right": 10}, "tempo": "3s",
         "sets": {"left": 3, "right": 2}},
        {"exercise": "A", "reps": 12, "rest": 0, "switch": "0:05", "cue": "c", "id": "a"},
        {"rest": "1:30", "cue": "breathe"},
        {"repeat": 2, "name": "B", "rest": "20 sec", "steps": [{"rest": 5}]},
    ],
)  # fmt: skip
def test_every_step_form_is_accepted(
    validator: jsonschema.Draft7Validator, step: dict[str, Any]
) -> None:
    assert not list(validator.iter_errors({"name": "X", "steps": [step]}))
