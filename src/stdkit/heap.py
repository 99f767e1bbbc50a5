"""Python's cycle collector kept away from a loaded collection.

A collection of 10,000 documents is tens of millions of long-lived objects (models, source maps,
signatures) and holds no reference cycles worth collecting. The collector does not know that: while
they are being made, every full collection walks all of them again (at 10,000 whole documents that
was 130 of a build check's 205 s), and in a forked worker the walk writes to every object's header,
so the pages the parent shares with its workers are copied. :func:`settled` turns the collector off
while a collection is loaded and then freezes what was loaded (``gc.freeze``: Python's own advice
before ``fork``), so later collections only walk what is made afterwards.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def settled() -> Iterator[None]:
    """No cycle collection inside; everything alive at the end is left out of later collections."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def trimmed() -> None:
    """Give the memory freed so far back to the system (glibc's ``malloc_trim``), before a stage that forks
    workers or runs long: a check leaves much of its working memory free but still held by the process (a
    fifth of it at 2,000 documents), which the workers would then share and the machine not get back. A
    no-op where the C library has no such call."""
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library this process already runs on
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to give back this way
        return
    trim(0)
