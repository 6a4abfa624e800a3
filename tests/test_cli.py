"""Tests of the command line's registry: `--help` lists every command without importing one."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import click

from evenside.cli import COMMAND_MODULES, _docstring_after, cli


def test_help_imports_no_command_module(tmp_path: Path) -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from evenside.cli import cli\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    cli.main(['--help'], prog_name='evenside', standalone_mode=False)\n"
        "print(json.dumps({'help': out.getvalue(), 'loaded': sorted(sys.modules)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout.splitlines()[-1])
    for name in COMMAND_MODULES:
        assert f"\n  {name} " in printed["help"], name
    loaded = [m for m in printed["loaded"] if m.startswith("evenside.commands.")]
    assert loaded == []
    assert "sqlite3" not in printed["loaded"]


def test_each_summary_is_the_one_click_gives_the_imported_command() -> None:
    ctx = cli.make_context("evenside", [], resilient_parsing=True)
    formatter = ctx.make_formatter()
    cli.format_commands(ctx, formatter)
    lines = formatter.getvalue().splitlines()[1:]
    limit = formatter.width - 6 - max(len(name) for name in COMMAND_MODULES)
    for name, target in COMMAND_MODULES.items():
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        expected = command.get_short_help_str(limit)
        assert any(line.split(None, 1) == [name, expected] for line in lines), (name, expected)


def test_a_decorator_with_its_own_help_is_not_read_from_the_docstring() -> None:
    source = (
        "import click\n\n\n"
        '@click.command(short_help="Short.")\n'
        '@click.option("--x", help="An option.")\n'
        "def one() -> None:\n"
        '    """The docstring."""\n\n\n'
        '@click.command()\n@click.option("--y", help="An option.")\n'
        "def two(\n    y: str,\n) -> None:\n"
        '    """Two\'s text,\n\n    over lines."""\n\n\n'
        "@click.command()\ndef three() -> None:\n"
        '    """With an escape: \\b."""\n'
    )
    assert _docstring_after(source, "\ndef one(") is None
    assert _docstring_after(source, "\ndef two(") == "Two's text,\n\n    over lines."
    assert _docstring_after(source, "\ndef three(") is None
    assert _docstring_after(source, "\ndef four(") is None
    # The text read is what click itself would summarise.
    stub = click.Command("two", help=_docstring_after(source, "\ndef two("))
    assert stub.get_short_help_str() == "Two's text,"
