"""Provides tests that the README stays true: every command documented, CI runs its test command."""

from __future__ import annotations

import re

from evenside.cli import COMMAND_MODULES, cli
from tests.support.paths import REPO as ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    for name in COMMAND_MODULES:
        assert f"`evenside {name}" in README, f"`evenside {name}` is not documented in README.md"


def test_every_registered_command_loads() -> None:
    ctx = cli.make_context("evenside", [], resilient_parsing=True)
    for name in cli.list_commands(ctx):
        assert cli.get_command(ctx, name) is not None, name


def test_the_readme_has_exactly_two_quick_start_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start)
    assert commands == ["pip install . && evenside", "pip install '.[test]' && python -m pytest"]


def test_ci_runs_the_readmes_test_command_lint_and_types() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # The gate installs from the lock; the drift step installs the newest allowed versions.
    assert "pip install -q -c .ci/constraints.txt '.[audio,test]'" in ci
    assert "pip install -q --upgrade --upgrade-strategy eager '.[audio,test]'" in ci
    assert ci.count("python -m pytest -q") == 2
    assert "lint-imports" in ci
    constraints = (ROOT / ".ci" / "constraints.txt").read_text(encoding="utf-8")
    pinned = {line.split("==")[0].lower() for line in constraints.splitlines() if "==" in line}
    assert {"textual", "pyyaml", "click", "platformdirs", "pytest"} <= pinned
    assert "EVENSIDE_REQUIRE_TOOLS=1" in ci
    for check in ("ruff check", "ruff format --check", "mypy src"):
        assert check in ci


def test_player_keys_in_the_readme_match_the_player() -> None:
    from evenside.ui.screens.player_screen.screen import PlayerScreen

    keys = {binding.key for binding in PlayerScreen.BINDINGS if hasattr(binding, "key")}
    for key in ("space", "n,right", "b,left", "enter", "q", "m", "v", "l", "r"):
        assert key in keys, key
    for shown in ("| space |", "| n or → |", "| b or ← |", "| + / - |", "| enter |", "| q |"):
        assert shown in README
