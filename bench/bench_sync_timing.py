"""Provides the timing benchmark with the automatic sync at work: how late the short routine's
boundaries and cues fire while a sync of a long history runs beside the player.

Run: `cd bench && python bench_sync_timing.py [--years 20] [--runs 2]`. Each
run plays the short routine of bench_timing twice, once without a sync folder
and once with one, on a copy of the same history that is already in sync (the
steady state every start pays); prints bench_timing's table for each.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_history import make_history
from bench_timing import BOUNDARY_EVENTS, lateness_ms, play_once, print_table, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="evenside-bench-") as folder:
        root = Path(folder)
        shared = root / "Sync"
        shared.mkdir()
        source = root / "source"
        env = dict(os.environ, XDG_DATA_HOME=str(source / "data"), XDG_CONFIG_HOME=str(source))
        export = root / "history.json"
        export.write_text(json.dumps(make_history(options.years)))
        for args in (["history", "import", str(export)], ["sync", str(shared)]):
            subprocess.run(
                [sys.executable, "-m", "evenside", *args], env=env, check=True, capture_output=True
            )
        for run in range(options.runs):
            for label, with_sync in (("no sync folder", False), ("sync folder set", True)):
                home = root / f"run{run}-{with_sync}"
                data = home / "data" / "evenside"
                data.mkdir(parents=True)
                for name in ("history.sqlite3", "sync-device-id"):
                    shutil.copy(source / "data" / "evenside" / name, data)
                config = home / "config" / "evenside"
                config.mkdir(parents=True)
                if with_sync:
                    (config / "settings.toml").write_text(f'[sync]\nfolder = "{shared}"\n')
                records = play_once(home, "short", run, True)
                print(f"run {run + 1}, {label}, load {os.getloadavg()[0]:.2f}")
                print_table(
                    {
                        "boundaries": summary(lateness_ms(records, BOUNDARY_EVENTS)),
                        "cues": summary(lateness_ms(records, ("cue",))),
                    }
                )


if __name__ == "__main__":
    main()
