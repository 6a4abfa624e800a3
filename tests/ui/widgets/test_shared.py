"""Provides a test that ui/widgets holds only what two screens share; the rest sits by a screen."""

from __future__ import annotations

import ast
from pathlib import Path

import evenside.ui

UI = Path(evenside.ui.__file__).parent


def widget_users() -> dict[str, set[str]]:
    """Each module of ui/widgets, with the screen folders that import it."""
    users: dict[str, set[str]] = {
        path.stem: set() for path in (UI / "widgets").glob("*.py") if path.stem != "__init__"
    }
    for path in (UI / "screens").rglob("*.py"):
        screen = path.relative_to(UI / "screens").parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module.removeprefix("evenside.ui.widgets.")
                if module in users and node.module != module:
                    users[module].add(screen)
    return users


def test_every_shared_widget_is_used_by_two_screens() -> None:
    users = widget_users()
    assert users, "no widgets found: the folder moved?"
    lonely = {module: sorted(screens) for module, screens in users.items() if len(screens) < 2}
    assert not lonely, f"move these beside the one screen that uses them: {lonely}"
