"""Tests that every benchmark script still imports: a moved module must not break bench/ silently.

The benchmarks are run by hand (docs/benchmarks.md), never timed in the suite;
this only checks each script loads against the current source, in a fresh process.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.paths import REPO

BENCH = REPO / "bench"
SCRIPTS = sorted(p.stem for p in BENCH.glob("*.py"))


@pytest.mark.parametrize("name", SCRIPTS)
def test_the_benchmark_script_imports(name: str) -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(BENCH)!r}); import {name}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=BENCH,
    )
    assert loaded.returncode == 0, loaded.stderr
