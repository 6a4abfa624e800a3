"""No Textual below the UI: core modules and the screenless commands never import it.

Each check runs in a fresh interpreter, because this test process may well
have imported Textual for other tests already.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import evenside

SCREEN_PACKAGES = ("evenside.ui",)
# Modules that open a screen on purpose; they may import Textual (lazily is still preferred).
SCREEN_MODULES = ("evenside.commands.tui_launch",)


def core_modules() -> list[str]:
    names = []
    for module in pkgutil.walk_packages(evenside.__path__, prefix="evenside."):
        if module.name.startswith(SCREEN_PACKAGES) or module.name in SCREEN_MODULES:
            continue
        names.append(module.name)
    return sorted(names)


def run_python(code: str, cwd: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=cwd
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_the_walk_finds_the_routine_modules() -> None:
    names = core_modules()
    for expected in ("evenside.routine.loader", "evenside.engine.timeline", "evenside.cli"):
        assert expected in names


def test_no_core_module_imports_textual(tmp_path: Path) -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print(json.dumps({'textual': loaded}))\n"
    )
    assert run_python(code, tmp_path) == {"textual": []}


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{bundled}/desk-break.yaml"],
        ["show", "desk-break"],
        ["show", "psoas-stretches", "--format", "json"],
        ["list"],
        ["schema"],
        ["locate"],
    ],
    ids=lambda a: "-".join(a[:3]).replace("{bundled}/", ""),
)
def test_screenless_commands_do_not_import_textual(tmp_path: Path, args: list[str]) -> None:
    from evenside.locations import bundled_routines_dir

    argv = [a.replace("{bundled}", str(bundled_routines_dir())) for a in args]
    code = (
        "import contextlib, io, json, sys\n"
        "from evenside.cli import cli\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = cli.main({argv!r}, prog_name='evenside', standalone_mode=False)\n"
        "print(json.dumps({'code': code or 0, 'printed': bool(out.getvalue()),\n"
        "    'textual': sorted(m for m in sys.modules if m.split('.')[0] == 'textual')}))\n"
    )
    assert run_python(code, tmp_path) == {"code": 0, "printed": True, "textual": []}
