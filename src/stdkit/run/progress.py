"""A one-line progress bar on the terminal for long runs of the per-document stage.

Why our own twenty lines rather than rich or tqdm: one line of ``\\r``-rewritten text is all that is
shown, and ``stdkit validate`` must stay quick to import. It is shown only to a person watching: both
stdout and stderr are terminals, the output format is ``text``, neither ``CI`` nor ``NO_COLOR`` is
set, and the run has already taken more than :data:`DELAY` seconds. It writes to stderr only, and
clears its line when done, so reports on stdout are never touched.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import TextIO

from stdkit.messages import say

DELAY = 1.0  # seconds before the bar appears: a short run shows nothing
WIDTH = 30


def wanted(fmt: str, stdout: TextIO, stderr: TextIO, environ: Mapping[str, str]) -> bool:
    """True when a person is watching a text report on a terminal."""
    if fmt != "text" or "CI" in environ or "NO_COLOR" in environ:
        return False
    return _tty(stdout) and _tty(stderr)


def _tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class Bar:
    """Call with (done, total) as files are examined; :meth:`close` clears the line."""

    def __init__(
        self, stream: TextIO, *, delay: float = DELAY, clock: object = time.monotonic, lang: str = "en"
    ) -> None:
        self.stream = stream
        self.lang = lang
        self.clock = clock if callable(clock) else time.monotonic
        self.start = self.clock()
        self.delay = delay
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total <= 0 or (not self.shown and self.clock() - self.start < self.delay):
            return
        if self.shown and done not in (total,) and done % max(1, total // 200):
            return  # about 200 redraws per run at most
        filled = WIDTH * done // total
        counted = say("progress.documents", self.lang, done=done, total=total)
        self.stream.write(f"\r{'█' * filled}{'░' * (WIDTH - filled)} {counted}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def for_run(fmt: str, lang: str = "zh") -> Bar | None:
    """The bar for a command run with ``--format fmt``, or None when nobody should see one."""
    if not wanted(fmt, sys.stdout, sys.stderr, os.environ):
        return None
    return Bar(sys.stderr, lang=lang)
