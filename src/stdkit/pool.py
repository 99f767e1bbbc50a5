"""Every core for a pure function over many items: a fork-started process pool, results in order.

Why fork: the workers inherit the function and its inputs (documents, a whole collection) instead of
receiving them pickled; only each item's position goes out and only its result comes back. Results
arrive in the order of the items, so outputs never depend on scheduling. Serial where a pool would
not pay (few items, one core) or is not safe (no fork on this platform, or another thread running,
which a forked child could find holding a lock).

Machinery below every layer (it imports nothing of stdkit): the run's per-document stage, coverage and the
blueprints all map over many items with it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)
#: What forked workers run: (function, items); set by :func:`forked_map` only while its pool runs.
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def cores() -> int:
    """The cores this process may use for a pool: its affinity, less those kept by :func:`reserving`."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        available = os.cpu_count() or 1
    return max(1, available - _reserved)


_reserved = 0


@contextlib.contextmanager
def reserving(count: int = 1) -> Iterator[None]:
    """Keep ``count`` cores for work running elsewhere (a :class:`Background` child): a pool started
    meanwhile uses the others, or none, instead of competing with it for the same cores."""
    global _reserved  # noqa: PLW0603 - set and restored here only
    _reserved += count
    try:
        yield
    finally:
        _reserved -= count


def forked_map(
    function: Callable[[_Item], _Result], items: Sequence[_Item], *, minimum: int, chunksize: int = 1
) -> Iterator[_Result]:
    """``function(item)`` for every item, in order: on every core when there are at least ``minimum``."""
    global _job  # noqa: PLW0603 - the forked workers' inherited input; set and cleared here only
    import multiprocessing

    workers = cores()
    if len(items) < minimum or not _can_fork():
        yield from map(function, items)
        return
    import gc
    from concurrent.futures import ProcessPoolExecutor

    _job = (function, items)
    # what the workers inherit is never collected there (a collection would write to every object and
    # copy the shared pages); their own garbage is, but only every COLLECT_EVERY items (see _call)
    gc.freeze()
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=gc.disable) as pool:
            yield from pool.map(_call, range(len(items)), chunksize=chunksize)
    finally:
        _job = None


def _can_fork() -> bool:
    """Whether work may go to forked processes here: a second core, fork on this platform, no other
    thread (a forked child could find it holding a lock) and not inside a forked worker already."""
    import multiprocessing
    import threading

    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return forkable and _job is None and cores() >= 2


#: A worker collects cyclic garbage after this many items, not whenever 700 objects were allocated:
#: examining one document allocates tens of thousands of short-lived objects and leaves almost no cycles
#: (≈ 2 a document), and the automatic collector cost ≈ 25 % of the per-document stage.
COLLECT_EVERY = 200
_calls = 0


def _call(position: int) -> Any:
    global _calls  # noqa: PLW0603 - a worker's own count; each forked worker has its copy
    assert _job is not None, "only forked workers call this"
    function, items = _job
    _calls += 1
    if _calls % COLLECT_EVERY == 0:
        import gc

        gc.collect()
    return function(items[position])


class Background(Generic[_Result]):
    """``function()`` running in a forked child while the caller does something else.

    For two stages that share nothing but their input (the site and the blueprints of a build): the
    child inherits the input, as pool workers do, and may run a pool of its own. :meth:`result` waits
    and returns what the function returned, or raises what it raised; :meth:`cancel` stops it. Where
    a fork is not safe (see :func:`_can_fork`) the function runs in :meth:`result`, in this process.
    """

    def __init__(self, function: Callable[[], _Result]) -> None:
        import gc
        import multiprocessing

        self._function: Callable[[], _Result] | None = function
        self._process: Any = None
        if not _can_fork():
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)

        parent = os.getpid()

        def child() -> None:
            _die_with(parent)
            gc.enable()
            try:
                outcome: tuple[bool, Any] = (True, function())
            except BaseException as exc:  # everything goes back to the parent, to be raised there
                outcome = (False, exc)
            try:
                send.send(outcome)
            except Exception as exc:  # an outcome that does not pickle
                send.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))

        gc.freeze()  # see forked_map
        self._process = context.Process(target=child)  # not a daemon: it may start a pool of its own
        self._process.start()
        send.close()
        self._function = None

    @property
    def forked(self) -> bool:
        """Whether the function runs in a child (else it runs in :meth:`result`)."""
        return self._process is not None

    def result(self) -> _Result:
        if self._function is not None:
            function, self._function = self._function, None
            return function()
        try:
            ok, value = self._receive.recv()
        except EOFError:
            raise ChildProcessError(f"exit status {self._process.exitcode}") from None
        finally:
            self._process.join()
            self._receive.close()
        if ok:
            return value  # type: ignore[no-any-return]  # unpickled from the child: what the function returned
        raise value

    def cancel(self) -> None:
        self._function = None
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()


def _die_with(parent: int) -> None:
    """Be killed when ``parent`` dies (Linux), so a killed build leaves no child writing its files."""
    import ctypes
    import ctypes.util
    import signal

    name = ctypes.util.find_library("c")
    prctl = getattr(ctypes.CDLL(name), "prctl", None) if name else None
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before that took effect
        os._exit(1)
