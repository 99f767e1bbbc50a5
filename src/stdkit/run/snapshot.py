"""The file snapshot: each file's stat when its bytes were last hashed, so an unchanged file is not read again.

Proving that nothing changed by reading and hashing every file costs seconds at national scale. Like
git's index, the snapshot keeps for each file the stat it had when its bytes were hashed (inode, size,
mtime and ctime in nanoseconds) with the record key those bytes gave. A file whose stat is the same is
not read again. ctime cannot be set by tools that restore mtimes (touch -r, tar, rsync -t): the kernel
moves it on every write. A row is trusted only when the file had been unchanged for RACY_NS before it
was hashed, so a write in the same clock tick as an earlier one can never hide behind an equal stat.

Why apart from :mod:`stdkit.run.cache`: the cache keeps records by the hash of a file's bytes; this
decides when those bytes need not be read at all. It is stored through the cache, sealed like every
record (:data:`STAT`). Nothing here decides a finding.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information

from stdkit.run.cache import Cache, decoded

STAT = "stat-v1.bin"  # what each file's stat was when its bytes were last hashed (see Snapshot)
#: A row is trusted only when its file had been unchanged this long (nanoseconds) before it was hashed.
RACY_NS = 2_000_000_000


def stat_of(file: Path) -> tuple[int, int, int, int] | None:
    try:
        st = file.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class Snapshot:
    """Record keys of files whose stat is unchanged since they were hashed, with what the checks that read
    more than the documents read of their bytes (:attr:`stdkit.checks.Check.per_file`)."""

    def __init__(self, store: Cache) -> None:
        self.store = store
        self.rows: dict[str, list[Any]] = {}
        self.changed = False
        if not store.readable:
            return
        try:
            record = decoded(store.opened(STAT, (store.folder / STAT).read_bytes()))
            if record["run"] == store.run:
                self.rows = {str(shown): list(row) for shown, row in record["rows"].items()}
        except OSError:
            pass
        except (ValueError, KeyError, TypeError, AttributeError):
            self.changed = True  # damaged: rewritten from this run's hashes (only hashing costs more)

    def known(self, shown: str, file: Path) -> tuple[str, list[Any]] | None:
        """(record key, what was read of it) of an unchanged file, or None when its bytes must be read."""
        row = self.rows.get(shown)
        if row is None or len(row) != 6 or not isinstance(row[5], list):
            return None
        ino, size, mtime, ctime, key, read = row
        if stat_of(file) != (ino, size, mtime, ctime):
            return None
        return str(key), read

    def hashed(self, shown: str, stat: tuple[int, int, int, int] | None, key: str, read: list[Any]) -> None:
        """Remember ``key`` and ``read`` for ``shown``, with the stat taken before its bytes were read."""
        trusted = stat is not None and max(stat[2], stat[3]) < time.time_ns() - RACY_NS
        # as msgpack gives it back (tuples as lists), so an unchanged row compares equal
        row = (
            [*stat, key, decoded(msgpack.packb(read, use_bin_type=True))]
            if stat is not None and trusted
            else None
        )
        if self.rows.get(shown) != row:
            self.changed = True
            if row is None:
                self.rows.pop(shown, None)
            else:
                self.rows[shown] = row

    def keep(self, shown: Iterable[str]) -> None:
        """Forget files that are gone, then write the snapshot if anything changed.

        A row of a file this run did not look at is kept while the file exists: the pre-commit hook
        ``stdkit validate FILE`` looks at one file, and forgetting the others made the ``stdkit check``
        after it read and hash the whole collection again (190 MB at 10,000 documents)."""
        wanted = set(shown)
        root = self.store.folder.parent
        for gone in [name for name in self.rows if name not in wanted and not (root / name).exists()]:
            del self.rows[gone]
            self.changed = True
        if self.changed:
            body: bytes = msgpack.packb({"run": self.store.run, "rows": self.rows}, use_bin_type=True)
            self.store.write(self.store.folder / STAT, self.store.seal(STAT, body))
            self.changed = False
