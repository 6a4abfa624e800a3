"""Provides headless Chromium run on a file: a screenshot, the DOM after load, a PDF.

Each run has a private profile folder, no sandbox (Chromium refuses to run as
root with one), no network service it would start on its own, and a timeout,
so a stuck browser fails the test instead of hanging it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

CHROMIUM = "chromium"
TIMEOUT_S = 120


def run_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on the file `page` with `args`; its output as text."""
    profile.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def screenshot(page: Path, profile: Path, out: Path, width: int = 900, height: int = 1400) -> Path:
    """A PNG of the page as a browser window `width` x `height` shows it."""
    done = run_chromium(page, profile, f"--screenshot={out}", f"--window-size={width},{height}")
    if not out.exists():
        raise AssertionError(f"chromium made no screenshot: {done.stderr[-2000:]}")
    return out


def dump_dom(page: Path, profile: Path) -> str:
    """The page's DOM after it loaded, as HTML."""
    done = run_chromium(page, profile, "--dump-dom")
    if done.returncode != 0 or "<body" not in done.stdout:
        raise AssertionError(f"chromium dumped no DOM: {done.stderr[-2000:]}")
    return done.stdout


def print_to_pdf(page: Path, profile: Path, out: Path) -> bytes:
    """The page printed to PDF (the paper size is the page's, else Chromium's Letter)."""
    done = run_chromium(page, profile, f"--print-to-pdf={out}", "--no-pdf-header-footer")
    if not out.exists():
        raise AssertionError(f"chromium printed no PDF: {done.stderr[-2000:]}")
    return out.read_bytes()
