"""Packs: many cache records in one file, for a run that stores thousands of them at once.

A pack is records one after the other, then an index (msgpack: key's 32 bytes → [offset, length]), then
the index's length and a magic (:data:`_FOOTER`). Each record keeps its own digest, so a damaged record
is found where it is read; the pack's name starts with the run key, so packs no key can reach are known.

Why apart from :mod:`stdkit.run.cache`: this is the file format alone (write one, read its index); which
records go into a pack, and sealing and reading them, is the cache's. Nothing here decides a finding.
"""

from __future__ import annotations

import os
import struct
import tempfile
from pathlib import Path

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information

PACKS = "packs-v1"
#: From this many records to store, a stage writes them into one pack rather than a file each.
BATCH = 256
#: A temporary pack older than this was left by a run that was killed.
STALE_SECONDS = 24 * 3600
_FOOTER = struct.Struct("<Q8s")
_MAGIC = b"stdkpack"


class PackWriter:
    def __init__(self, folder: Path, run: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.final = folder / f"{run[:16]}-{os.urandom(8).hex()}.pack"
        handle, name = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pack")
        self.temporary = Path(name)
        self.out = os.fdopen(handle, "wb", buffering=1 << 20)
        self.index: dict[bytes, list[int]] = {}
        self.at = 0

    def add(self, key: str, record: bytes) -> None:
        self.out.write(record)
        self.index[bytes.fromhex(key)] = [self.at, len(record)]
        self.at += len(record)

    def finish(self) -> None:
        index: bytes = msgpack.packb(self.index, use_bin_type=True)
        self.out.write(index + _FOOTER.pack(len(index), _MAGIC))
        self.out.close()
        self.temporary.replace(self.final)  # atomic: readers see the whole pack or none

    def discard(self) -> None:
        self.out.close()
        self.temporary.unlink(missing_ok=True)


def pack_index(pack: Path) -> dict[bytes, tuple[int, int]]:
    """A pack's index; ValueError when the pack is not whole."""
    with pack.open("rb") as stream:
        size = stream.seek(0, os.SEEK_END)
        if size < _FOOTER.size:
            raise ValueError("truncated pack")
        stream.seek(size - _FOOTER.size)
        length, magic = _FOOTER.unpack(stream.read(_FOOTER.size))
        if magic != _MAGIC or length > size - _FOOTER.size:
            raise ValueError("truncated or corrupt pack")
        start = size - _FOOTER.size - length
        stream.seek(start)
        try:
            raw = msgpack.unpackb(stream.read(length), raw=False, strict_map_key=False)
            index = {bytes(key): (int(offset), int(count)) for key, (offset, count) in raw.items()}
        except (ValueError, TypeError, AttributeError) as exc:
            raise ValueError(f"unreadable pack index ({exc.__class__.__name__})") from exc
    if any(offset < 0 or count < 0 or offset + count > start for offset, count in index.values()):
        raise ValueError("pack index points outside the pack")
    return index
