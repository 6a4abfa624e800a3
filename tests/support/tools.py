"""Provides the tool gate: skip a test without its external tool, or fail in CI.

Tests that need an external tool (tmux, espeak-ng, an ALSA library) call
`require_tool`: without the tool they skip, unless EVENSIDE_REQUIRE_TOOLS=1
(set by .ci/run), where a missing tool is a failure instead.
"""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE_TOOLS = os.environ.get("EVENSIDE_REQUIRE_TOOLS") == "1"


def require_tool(name: str, available: bool | None = None) -> None:
    """Skip (or, in CI, fail) unless the tool `name` is present.

    `available` overrides the PATH lookup for things that are not programs
    (a shared library, an importable module).
    """
    present = shutil.which(name) is not None if available is None else available
    if present:
        return
    message = f"{name} is not available"
    if REQUIRE_TOOLS:
        pytest.fail(f"{message}, and EVENSIDE_REQUIRE_TOOLS=1 forbids skipping")
    pytest.skip(message)
