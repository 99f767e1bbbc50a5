"""The content-hash cache: each document's diagnostics and facts, kept in ``.stdkit-cache/`` at the collection's root.

Why: at national scale almost every file is unchanged between two runs, and the per-document stage
(parse, bind, document rules, facts) is a pure function of the file's bytes. A record is keyed by
everything that stage depends on, so a hit is the result the stage would give:

- the file's bytes (sha256) and the path diagnostics show for it;
- stdkit itself: its version and a hash of every file of the installed package (code, reference data,
  templates), so an upgrade, a local edit or new shipped data never meets an old record;
- the record format (:data:`stdkit.checks.FACTS_VERSION`, :data:`FORMAT`);
- the collection's reference data (``config.reference_key()`` and the bytes of the files it names).
  The per-document stage reads none of it today; it is in the key so that a rule moving there cannot
  serve stale results. Severities and ``off`` switches are not: the stage runs every document rule and
  :func:`stdkit.run.report.finish` applies the configuration afterwards.

A cache must never change a verdict, and a pull request is untrusted: it can commit a ``.stdkit-cache/``
(``git add -f`` beats ``.gitignore``) written for a clean text beside a broken one, and every part of a
record key is public. So:

- every record, memo, snapshot and base is sealed with a keyed MAC (blake2b) under a random secret kept
  outside the repository, in the user's cache directory (:func:`secret_path`), over the record's own name
  (its key) and its body: a record written on another machine, or copied over another record's file, is a
  miss, never a finding;
- a cache folder that git tracks, or that is a link, is not used at all (neither read nor written, said
  once); one that does not carry this machine's stamp (:data:`OWNER`, sealed like a record) was not
  created here and is emptied before use (said once). Under CI the workflow restores the folder and the
  secret together from the base branch's cache, which a pull request cannot write; that is the only cache
  such a run can use.

Records are msgpack (plain data; nothing executes on load, unlike pickle), one file per record
(``v1/ab/abcd….bin``), written to a temporary file and renamed into place, so two concurrent runs never
see half a record. A record that is truncated, corrupt, of another shape or sealed for another key is
ignored (a notice says so) and rebuilt. A cache folder that cannot be written is simply not used.
Nothing here decides a finding.

Beside it: :mod:`stdkit.run.packs` (many records in one file, the format alone) and
:mod:`stdkit.run.snapshot` (each file's stat, so an unchanged file is not read and hashed again).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information

import stdkit
from stdkit import checks, releases
from stdkit.config import Config
from stdkit.diagnostics import Diagnostic, Severity
from stdkit.discovery import crosswalk_files
from stdkit.messages import MESSAGES, Message
from stdkit.run.packs import BATCH, PACKS, STALE_SECONDS, PackWriter, pack_index

if TYPE_CHECKING:
    from stdkit.checks import facts
    from stdkit.collection import AnyEntry

FOLDER = ".stdkit-cache"
FORMAT = "v1"
MEMO = "collection-v2"  # one file per state of a whole collection (see collection_key)
#: Memos kept, the most recently written: each holds a collection's findings (3 MB at 10,000 documents),
#: and an author who checks after every save would otherwise leave hundreds behind.
MEMOS_KEPT = 16
#: The reports printed for collection states (see :func:`rendering_key`): the bytes of one output format in one
#: language, kept so that a warm run prints without formatting tens of thousands of findings again.
RENDERED = "rendered-v1"
#: Renderings kept, the most recently written (one per state and output asked for), and the largest kept: a
#: JSON report of a national collection (tens of MB of coverage) is rendered every time rather than stored.
RENDERINGS_KEPT = 8
RENDERING_BYTES = 32 << 20
DERIVED = "derived-v1"  # results a collection rule derives from a few files (see Cache.pair_key)
#: The stamp that says stdkit created the folder on this machine: the seal of an empty body under this name.
OWNER = "owner-v1.bin"
DIGEST = 32  # bytes of the MAC before each record
SECRET = "cache-secret-v1"  # the file of the secret, in the user's cache directory
SECRET_BYTES = 32
_PERSON = b"stdkit-cache"  # blake2b personalisation: these MACs are of no use anywhere else
_T = TypeVar("_T")


def secret_path() -> Path:
    """Where the secret lives: the user's cache directory (``$XDG_CACHE_HOME``, ``%LOCALAPPDATA%`` on
    Windows, else ``~/.cache``), never inside a repository."""
    named = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    base = Path(named) if named and Path(named).is_absolute() else Path.home() / ".cache"
    return base / "stdkit" / SECRET


@functools.cache
def machine_secret(path: Path) -> bytes:
    """The secret at ``path``, made (random, readable by the user alone) on first use. Raises OSError."""
    with contextlib.suppress(FileNotFoundError):
        data = path.read_bytes()
        if len(data) == SECRET_BYTES:
            return data
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(os.urandom(SECRET_BYTES))
        try:
            os.link(temporary, path)  # never replaces a secret that a concurrent run has just made
        except FileExistsError:
            if len(path.read_bytes()) != SECRET_BYTES:  # a damaged one: every record it sealed is lost
                Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    data = path.read_bytes()
    if len(data) != SECRET_BYTES:
        raise OSError(f"{path} is not a cache secret")
    return data


@functools.cache
def _package_fingerprint() -> str:
    """A hash of every file of the installed stdkit package (its code and shipped data)."""
    base = Path(stdkit.__file__).parent
    digest = hashlib.sha256(stdkit.__version__.encode())
    for path in sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _reference_fingerprint(config: Config) -> str:
    """The 大典 and catalogue files, the collection's releases and crosswalks (what the frozen and crosswalk rules read)."""
    digest = hashlib.sha256(repr(config.reference_key()).encode())
    named = [config.occupations, config.catalogue, *config.releases, *releases.files(config.root)]
    named += crosswalk_files(config.root)[0]
    for path in named:
        if path is None:
            continue
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def run_key(config: Config) -> str:
    """What every record of this run shares: stdkit, the record format and the reference data."""
    parts = (_package_fingerprint(), FORMAT, str(checks.FACTS_VERSION), _reference_fingerprint(config))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def record_key(run: str, shown: str, raw: bytes) -> str:
    digest = hashlib.sha256(run.encode())
    digest.update(shown.encode() + b"\0")
    digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------- records


def diagnostic_row(d: Diagnostic) -> list[Any]:
    """A diagnostic as msgpack stores it: its args' pairs are tuples, which msgpack writes as the arrays
    lists would be (the same bytes, without a list made for each pair: a fifth of a national memo's time)."""
    return [d.path, d.line, d.col, d.code, d.message, int(d.severity), d.args]


def pack(diagnostics: Iterable[Diagnostic], light: facts.Light | None) -> bytes:
    """A record's body: the stage's diagnostics and, for a valid document, its facts (sealed when stored)."""
    from stdkit.checks import facts

    body: bytes = msgpack.packb(
        {
            "diagnostics": [diagnostic_row(d) for d in diagnostics],
            "light": None if light is None else facts.dump(light),
        },
        use_bin_type=True,
    )
    return body


def decoded(body: bytes) -> Any:
    """The msgpack value of a body. Raises ValueError for one that is not msgpack."""
    try:
        return msgpack.unpackb(body, raw=False, strict_map_key=True)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"unreadable record ({exc.__class__.__name__})") from exc


def diagnostics(rows: Any) -> list[Diagnostic]:
    """Diagnostics as :func:`diagnostic_row` stored them (a wrong shape raises KeyError, TypeError …)."""
    return [diagnostic(row) for row in rows]


def diagnostic(row: Any) -> Diagnostic:
    """One diagnostic as :func:`diagnostic_row` stored it (a wrong shape raises KeyError, TypeError …)."""
    p, line, col, code, message, severity, args = row
    return Diagnostic(
        str(p),
        int(line),
        int(col),
        str(code),
        str(message),
        # a dict look-up: Severity(n) costs a microsecond, a tenth of a second at national scale
        SEVERITIES[int(severity)],
        tuple([(str(k), str(v)) for k, v in args]),
    )


#: a stored severity's number → the severity (a dict look-up: ``Severity(n)`` costs a microsecond)
SEVERITIES = {int(severity): severity for severity in Severity}


def _derived_value(body: bytes) -> Any:
    try:
        return decoded(body)["value"]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"unreadable record ({exc.__class__.__name__})") from exc


def unpack(body: bytes) -> tuple[list[Diagnostic], facts.Light | None]:
    """The inverse of :func:`pack`. Raises ValueError for anything that is not a whole record."""
    from stdkit.checks import facts

    record = decoded(body)
    try:
        found = diagnostics(record["diagnostics"])
        light = None if record["light"] is None else facts.load(record["light"])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"unreadable record ({exc.__class__.__name__})") from exc
    return found, light


class Cache:
    """The records of one collection. ``notices`` says what was ignored and why (for stderr).

    A record is a file of its own, or one of many in a pack (:meth:`storing`): a run that stores
    thousands of records (the first run, or the first after an upgrade) writes them into one file, since
    creating 10,000 files costs the kernel seconds that a national collection's first run would wait for.
    Every record is sealed (:meth:`seal`) under its own name; :meth:`opened` gives back only what this
    machine's stdkit sealed under that name.
    """

    def __init__(self, root: Path, config: Config) -> None:
        self.folder = root / FOLDER
        self.run = run_key(config)
        self.notices: list[Message] = []
        self.writable = True
        self.readable = True
        self._packs: list[tuple[Path, int]] | None = None  # (path, open descriptor), read when first asked
        self._index: dict[bytes, tuple[int, int, int]] = {}  # key → (pack, offset, length)
        self._writer: PackWriter | None = None
        self._secret = b""
        try:
            self._secret = machine_secret(secret_path())
        except OSError as exc:
            self._refuse("cache.no_secret", path=secret_path(), problem=exc.strerror or exc)
            return
        self._claim(root)

    # -- whose folder it is ------------------------------------------------------------------------

    def _refuse(self, key: str, **fields: object) -> None:
        """Run without the cache: nothing is read from the folder or written to it."""
        self.readable = self.writable = False
        self.notices.append(Message(key, fields))

    def _claim(self, root: Path) -> None:
        """Use the folder only when it is stdkit's own on this machine; see the module's docstring."""
        from stdkit.changes import GitError, tracked_files

        folder = self.folder
        if folder.is_symlink():
            self._refuse("cache.link", path=FOLDER)
            return
        if not folder.is_dir():
            return  # made with its stamp when first written (a file there is said unwritable then)
        try:
            if tracked_files(root, folder):
                self._refuse("cache.tracked", path=FOLDER)
                return
        except GitError as exc:  # inside a repository git cannot answer for: not trusted either
            self._refuse("cache.untold", path=FOLDER, problem=exc)
            return
        try:
            stamp = (folder / OWNER).read_bytes()
        except OSError:
            stamp = b""
        if hmac.compare_digest(stamp, self.seal(OWNER, b"")):
            return
        self.notices.append(Message("cache.foreign", {"path": FOLDER}))
        try:
            shutil.rmtree(folder)
        except OSError as exc:
            self._refuse("cache.unwritable", path=folder, problem=exc.strerror or exc)

    def seal(self, name: str, body: bytes) -> bytes:
        """``body`` behind a MAC of (``name``, ``body``) under this machine's secret."""
        return self._mac(name, body) + body

    def _mac(self, name: str, body: bytes | memoryview) -> bytes:
        mac = hashlib.blake2b(key=self._secret, digest_size=DIGEST, person=_PERSON)
        mac.update(name.encode() + b"\0")
        mac.update(body)
        return mac.digest()

    def opened(self, name: str, data: bytes) -> bytes:
        """The body of what :meth:`seal` made under ``name``. ValueError for anything else: a damaged
        record, one sealed under another name (copied over this one) or on another machine.

        The MAC is made over the body in place and compared with the stored one (not the whole sealed
        record made again and compared: two copies of tens of MB for a national memo or base)."""
        if len(data) < DIGEST or not hmac.compare_digest(
            self._mac(name, memoryview(data)[DIGEST:]), data[:DIGEST]
        ):
            raise ValueError("not sealed by stdkit on this machine for this record (damaged or copied)")
        return data[DIGEST:]

    def _path(self, key: str) -> Path:
        return self.folder / FORMAT / key[:2] / f"{key}.bin"

    def memo_path(self, key: str) -> Path:
        return self.folder / MEMO / f"{key}.bin"

    def _derived_path(self, key: str) -> Path:
        return self.folder / DERIVED / key[:2] / f"{key}.bin"

    def pair_key(self, kind: str, first: AnyEntry, second: AnyEntry) -> str:
        """The key of a result that is a pure function of two files' bytes (and stdkit, in the run key)."""
        parts = (self.run, kind, first.sha256, second.sha256)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def read(self, path: Path, name: str, decode: Callable[[bytes], _T]) -> _T | None:
        """``decode`` of the body sealed under ``name`` at ``path``, or None when there is none or it is
        damaged or not this machine's (a notice)."""
        found = self.read_sealed(path, name)
        if found is None:
            return None
        try:
            return decode(found[1])
        except ValueError as exc:
            self.notices.append(Message("cache.damaged", {"path": path, "problem": exc}))
            return None

    def read_sealed(self, path: Path, name: str) -> tuple[bytes, bytes] | None:
        """(MAC, body) of what is sealed under ``name`` at ``path``, or None (a notice when it is not intact)."""
        if not self.readable:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return data[:DIGEST], self.opened(name, data)
        except ValueError as exc:
            self.notices.append(Message("cache.damaged", {"path": path, "problem": exc}))
            return None

    def derived(self, key: str) -> Any:
        """A derived result stored by :meth:`put_derived`, or None (a damaged one is a notice)."""
        return self._fetch(self._derived_path(key), f"derived:{key}", key, _derived_value)

    def put_derived(self, key: str, value: Any) -> None:
        body: bytes = msgpack.packb({"value": value}, use_bin_type=True)
        self._keep(self._derived_path(key), key, self.seal(f"derived:{key}", body))

    def findings(self, key: str) -> tuple[int, list[Diagnostic], dict[str, Any], list[str], Message] | None:
        """The memo of a whole collection's findings, or None (a damaged one is a notice)."""
        return self.read(self.memo_path(key), f"memo:{key}", unpack_findings)

    def get(self, key: str) -> tuple[list[Diagnostic], facts.Light | None] | None:
        return self._fetch(self._path(key), f"record:{key}", key, unpack)

    def put(self, key: str, body: bytes, *, memo: bool = False) -> None:
        """Store ``body`` (:func:`pack`, or :func:`pack_findings` for a ``memo``) sealed under its key."""
        if memo:
            self.write(self.memo_path(key), self.seal(f"memo:{key}", body))
            self._forget_old_memos()
        else:
            self._keep(self._path(key), key, self.seal(f"record:{key}", body))

    def _forget_old_memos(self) -> None:
        """Remove all but the :data:`MEMOS_KEPT` memos written last (a removed one is computed again)."""
        self._forget_old(MEMO, MEMOS_KEPT)

    def _forget_old(self, folder: str, kept: int) -> None:
        with contextlib.suppress(OSError):
            written = sorted(
                ((p.stat().st_mtime_ns, p.name, p) for p in (self.folder / folder).glob("*.bin")),
                reverse=True,
            )
            for _, _, old in written[kept:]:
                old.unlink(missing_ok=True)

    # -- renderings --------------------------------------------------------------------------------

    def _rendering_path(self, key: str) -> Path:
        return self.folder / RENDERED / f"{key}.bin"

    def rendering(self, key: str) -> tuple[int, str] | None:
        """(exit status, text) of the report stored under ``key`` (:func:`rendering_key`), or None (a
        damaged one is a notice). Sealed like every record: one copied from another state is a miss."""
        return self.read(self._rendering_path(key), f"rendered:{key}", _unpack_rendering)

    def put_rendering(self, key: str, status: int, text: str) -> None:
        """Keep the report ``text`` that a run with exit ``status`` printed (not when it is larger than
        :data:`RENDERING_BYTES`); the :data:`RENDERINGS_KEPT` written last are kept."""
        data = text.encode("utf-8", "surrogatepass")  # a lone surrogate (an undecodable name) as it was
        if len(data) > RENDERING_BYTES:
            return
        body: bytes = msgpack.packb({"status": status, "text": data}, use_bin_type=True)
        self.write(self._rendering_path(key), self.seal(f"rendered:{key}", body))
        self._forget_old(RENDERED, RENDERINGS_KEPT)

    # -- packs -----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def storing(self, count: int) -> Iterator[None]:
        """Around a stage that will store ``count`` records: from :data:`BATCH` of them they go into one
        new pack, renamed into place when the stage ends (a killed run leaves no half pack to read).
        Packs of another run key (an older stdkit or other reference data), which no key can reach any
        more, are removed then."""
        if count < BATCH or not self.writable or self._writer is not None:
            yield
            return
        try:
            self._ensure_folder()
            writer = self._writer = PackWriter(self.folder / PACKS, self.run)
        except OSError as exc:
            self._unwritable(exc)
            yield
            return
        try:
            yield
        except BaseException:
            self._writer = None
            writer.discard()
            raise
        self._writer = None
        try:
            writer.finish()
        except OSError as exc:
            writer.discard()
            self._unwritable(exc)
            return
        self.forget_other_runs(PACKS)

    def forget_other_runs(self, folder: str) -> None:
        """Remove the files of ``folder`` whose names start with another run key's (an older stdkit or other
        reference data: no run reads them again), and temporary files left by a killed run."""
        with contextlib.suppress(OSError):
            stale = time.time() - STALE_SECONDS
            for old in (self.folder / folder).iterdir():
                if old.name.startswith(".tmp-"):
                    if old.stat().st_mtime < stale:  # left by a killed run (a running one writes to it)
                        old.unlink(missing_ok=True)
                elif not old.name.startswith(self.run[:16]):
                    old.unlink(missing_ok=True)  # a reader that has it open still reads it

    def _fetch(self, path: Path, name: str, key: str, decode: Callable[[bytes], _T]) -> _T | None:
        """A record from a pack when one holds ``key``, else from its own file at ``path``."""
        if not self.readable:
            return None
        if self._packs is None:
            self._packs = []
            self._open_packs()
        found = self._index.get(bytes.fromhex(key))
        if found is None:
            return self.read(path, name, decode)
        number, offset, length = found
        pack, descriptor = self._packs[number]
        try:
            data = os.pread(descriptor, length, offset)
            return decode(self.opened(name, data))
        except (OSError, ValueError) as exc:
            self._damaged(pack, exc)
            return None

    def _damaged(self, pack: Path, problem: Exception) -> None:
        """A pack with a damaged record or index is removed: this run reads what it held from the files,
        and the next writes a new pack (rather than meet the same damage on every run)."""
        self.notices.append(Message("cache.damaged", {"path": pack, "problem": problem}))
        with contextlib.suppress(OSError):
            pack.unlink()

    def _open_packs(self) -> None:
        assert self._packs is not None
        try:
            names = sorted(p for p in (self.folder / PACKS).iterdir() if p.name.startswith(self.run[:16]))
        except OSError:
            return
        for pack in names:
            try:
                index = pack_index(pack)
                descriptor = os.open(pack, os.O_RDONLY)
            except (OSError, ValueError) as exc:
                self._damaged(pack, exc)
                continue
            number = len(self._packs)
            self._packs.append((pack, descriptor))
            for key, (offset, length) in index.items():
                self._index[key] = (number, offset, length)

    def _keep(self, path: Path, key: str, record: bytes) -> None:
        if self._writer is None:
            self.write(path, record)
            return
        try:
            self._writer.add(key, record)
        except OSError as exc:
            self._writer.discard()
            self._writer = None
            self._unwritable(exc)

    def _ensure_folder(self) -> None:
        """Make the folder whole, with its .gitignore and this machine's stamp, then rename it into place:
        a concurrent run never sees a folder without its stamp (and empties it as foreign)."""
        if self.folder.exists():
            return
        made = Path(tempfile.mkdtemp(dir=self.folder.parent, prefix=f"{FOLDER}.tmp-"))
        try:
            # a collection's own repository need not list the cache in its .gitignore
            (made / ".gitignore").write_text("# created by stdkit\n*\n", encoding="utf-8")
            (made / OWNER).write_bytes(self.seal(OWNER, b""))
            with contextlib.suppress(OSError):  # another run made it first: that one is as good
                made.rename(self.folder)
        finally:
            shutil.rmtree(made, ignore_errors=True)

    def _unwritable(self, exc: OSError) -> None:
        self.writable = False
        self.notices.append(
            Message("cache.unwritable", {"path": self.folder, "problem": exc.strerror or exc})
        )

    def write(self, path: Path, record: bytes) -> None:
        if not self.writable:
            return
        try:
            self._ensure_folder()
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".bin")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(record)
                Path(temporary).replace(path)  # atomic: a reader sees the old record or the new one
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self._unwritable(exc)


# ---------------------------------------------------------------------------------- collection memo
#
# A warm `check` of an unchanged collection need not unpack 10,000 records and run the collection rules
# again: their findings are a function of every record's key (each file's path and bytes, stdkit and the
# reference data, all in the run key), the files and problems discovery found, and the configuration.
# The memo stores the findings under a key made of exactly those; a check that reads files beyond the
# documents (:attr:`stdkit.checks.Check.per_file`) is never in it and runs every time.


def collection_key(
    run: str, config: Config, located: Iterable[str], records: Iterable[tuple[str, str]]
) -> str:
    digest = hashlib.sha256(b"collection\0" + run.encode() + b"\0" + repr(config).encode())
    for item in located:
        digest.update(item.encode() + b"\0")
    for shown, key in records:
        digest.update(shown.encode() + b"\0" + key.encode() + b"\0")
    return digest.hexdigest()


def pack_findings(
    files: int,
    found: Iterable[Diagnostic],
    suppressions: dict[str, Any],
    documents: list[str],
    basis: Message,
) -> bytes:
    """The memo's record; ``basis`` is the reference data's (a warm run then need not load the 大典 to name it)."""
    body: bytes = msgpack.packb(
        {
            "files": files,
            "found": [diagnostic_row(d) for d in found],
            "suppressions": suppressions,
            "documents": documents,
            "basis": [basis.key, dict(basis.fields)],
        },
        use_bin_type=True,
    )
    return body


def unpack_findings(body: bytes) -> tuple[int, list[Diagnostic], dict[str, Any], list[str], Message]:
    """The inverse of :func:`pack_findings`; ValueError for anything that is not a whole memo."""
    record = decoded(body)
    try:
        found = diagnostics(record["found"])
        documents = [str(path) for path in record["documents"]]
        key, fields = record["basis"]
        if str(key) not in MESSAGES:
            raise ValueError(key)
        basis = Message(str(key), dict(fields))
        return int(record["files"]), found, dict(record["suppressions"]), documents, basis
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"unreadable record ({exc.__class__.__name__})") from exc


def rendering_key(memo: str, printer: str, per_file: Iterable[Diagnostic]) -> str:
    """The key of a report's bytes: the collection memo's key (stdkit and its version, the reference data,
    the configuration, every file's path and bytes), what the printer says changes its bytes (format,
    language, colour …) and the findings of the checks that read beyond the documents
    (:attr:`stdkit.checks.Check.per_file`), which no memo keeps."""
    digest = hashlib.sha256(b"rendered\0" + memo.encode() + b"\0" + printer.encode() + b"\0")
    rows = [diagnostic_row(d) for d in per_file]
    digest.update(msgpack.packb(rows, use_bin_type=True))
    return digest.hexdigest()


def _unpack_rendering(body: bytes) -> tuple[int, str]:
    record = decoded(body)
    try:
        status, text = record["status"], record["text"]
        if not isinstance(status, int) or not isinstance(text, bytes):
            raise TypeError(type(text).__name__)
        return status, text.decode("utf-8", "surrogatepass")
    except (KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ValueError(f"unreadable record ({exc.__class__.__name__})") from exc
