"""The screenless commands import only what they use, so they start fast.

Each check runs the real command in a fresh interpreter and looks at
`sys.modules` afterwards (speed itself is measured in bench/bench_check.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evenside.balance.tracker import DEFAULT_DAYS
from evenside.commands.history_cmds import BALANCE_DAYS
from evenside.locations import bundled_routines_dir


def modules_after(args: list[str], cwd: Path) -> list[str]:
    """Run `evenside ARGS` in a fresh interpreter; return the modules it imported."""
    code = (
        "import contextlib, io, json, sys\n"
        "from evenside.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = cli.main({args!r}, prog_name='evenside', standalone_mode=False)\n"
        "assert not code, code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=cwd
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_balance_default_matches_the_tracker() -> None:
    assert BALANCE_DAYS == DEFAULT_DAYS


def test_a_routine_given_by_path_needs_no_user_folders(tmp_path: Path) -> None:
    path = str(bundled_routines_dir() / "desk-break.yaml")
    for args in (["show", path], ["check", "--quiet", path]):
        loaded = modules_after(args, tmp_path)
        assert "evenside.routine.loader" in loaded  # the command really ran
        assert "platformdirs" not in loaded


def test_history_export_does_not_load_the_balance_tracker(tmp_path: Path) -> None:
    loaded = modules_after(["history", "--format", "csv"], tmp_path)
    assert "evenside.history.export" in loaded
    assert "evenside.balance.tracker" not in loaded
