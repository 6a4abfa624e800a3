"""Tests the import checks on the command line: a NUL in any text is refused, nothing imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.history.test_importer_hardening import SESSION_ID, document
from tests.support.evenside_process import run_evenside

WHERE = f"session 1 (id {SESSION_ID})"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "key"),
    [("interval 2", "exercise"), ("interval 2", "exercise_id"), ("", "routine")],
)
def test_a_nul_in_imported_text_is_refused(tmp_path: Path, where: str, key: str) -> None:
    doc = document()
    session = doc["sessions"][0]
    (session["intervals"][1] if where else session)[key] = "Lunge\x00hidden"
    path = tmp_path / "history.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    done = run_evenside("history", "import", path)
    assert done.returncode == 1
    at = f"{WHERE}, {where}" if where else WHERE
    assert done.stderr.splitlines() == [
        f"error: {at}: '{key}' must not hold a NUL character, not 'Lunge\\x00hidden'",
        f"{path}: nothing imported",
    ]
    exported = json.loads(run_evenside("history", "--format", "json", check=True).stdout)
    assert exported["sessions"] == []
