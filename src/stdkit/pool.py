"""Every core for a pure function over many items: a fork-started process pool, results in order.

Why fork: the workers inherit the function and its inputs (documents, a whole collection) instead of
receiving them pickled; only each item's position goes out and only its result comes back. Results
arrive in the order of the items, so outputs never depend on scheduling. Serial where a pool would
not pay (few items, one core) or is not safe (no fork on this platform, or another thread running,
which a forked child could find holding a lock).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

#: What forked workers run: (function, items); set by :func:`forked_map` only while its pool runs.
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def forked_map(
    function: Callable[[_Item], _Result], items: Sequence[_Item], *, minimum: int, chunksize: int = 1
) -> Iterator[_Result]:
    """``function(item)`` for every item, in order: on every core when there are at least ``minimum``."""
    global _job  # noqa: PLW0603 - the forked workers' inherited input; set and cleared here only
    import multiprocessing
    import threading

    workers = cores()
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if len(items) < minimum or workers < 2 or not forkable or _job is not None:
        yield from map(function, items)
        return
    import gc
    from concurrent.futures import ProcessPoolExecutor

    _job = (function, items)
    # what the workers inherit is never collected there (a collection would write to every object and
    # copy the shared pages); their own garbage is, even when the parent's collector is off for a load
    gc.freeze()
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=gc.enable) as pool:
            yield from pool.map(_call, range(len(items)), chunksize=chunksize)
    finally:
        _job = None


def _call(position: int) -> Any:
    assert _job is not None, "only forked workers call this"
    function, items = _job
    return function(items[position])
