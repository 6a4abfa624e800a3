"""Provides the sync benchmark: 20 years of history sent through a folder and merged on a second
machine, then the steady state (nothing new), which the automatic sync pays at every start and
session end.

Run: `python bench/bench_sync.py [--years 20]`. Each machine is a private data
folder; every step is the real `evenside sync` in a subprocess. Prints a
Markdown table for docs/benchmarks.md, and checks both balances agree.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_history import make_history


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run `evenside ARGS`; seconds taken and stdout (stops the bench when it fails)."""
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "evenside", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - began
    if proc.returncode != 0:
        raise SystemExit(f"evenside {' '.join(args)} failed: {proc.stderr.strip()}")
    return elapsed, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=20)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shared = root / "Sync"
        shared.mkdir()
        envs = {
            name: dict(
                os.environ,
                XDG_DATA_HOME=str(root / name / "data"),
                XDG_CONFIG_HOME=str(root / name / "config"),
                HOME=str(root / name),
            )
            for name in ("laptop", "desk-pc")
        }
        export = root / "history.json"
        export.write_text(json.dumps(make_history(options.years)))
        timed(["history", "import", str(export)], envs["laptop"])
        rows = [
            ("laptop: first sync, sends everything", "laptop"),
            ("desk-pc: first sync, merges everything", "desk-pc"),
            ("laptop: nothing new", "laptop"),
            ("desk-pc: nothing new", "desk-pc"),
        ]
        print(f"| {options.years} years of history | seconds | what it printed |")
        print("|---|---|---|")
        for label, name in rows:
            seconds, out = timed(["sync", str(shared)], envs[name])
            print(f"| {label} | {seconds:.2f} | {out.strip().splitlines()[0]} |")
        size = sum(p.stat().st_size for p in shared.iterdir()) / 1e6
        print(
            f"\nfolder: {size:.0f} MB; peak child RSS "
            f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
        )
        balances = {
            timed(["balance", "--days", "36500", "--format", "json"], env)[1]
            for env in envs.values()
        }
        if len(balances) != 1:
            raise SystemExit("the two machines' balances differ after sync")


if __name__ == "__main__":
    main()
