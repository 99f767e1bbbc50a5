"""The composition root: load → bind → document rules → collection rules → finish → :class:`Report`.

Every command, the mkdocs plugin (``stdkit serve``) and ``stdkit diff`` go through here, so the
stages run in one order everywhere:

1. *discover* the files (:func:`stdkit.discovery.find`);
2. *load and bind* each one to its model (:func:`stdkit.collection.load_entry`, a pure function
   of one file);
3. *document rules* (``checks.DOCUMENT_CHECKS``) on each valid document;
4. *collection rules* (``checks.COLLECTION_CHECKS``) for ``check`` and ``build``;
5. *finish*: per-collection severities (``off`` removes a finding), suppressions with reasons,
   unused suppressions;
6. for ``build`` (:mod:`stdkit.build`, above the run): the site, then the blueprints, into one
   temporary folder swapped in atomically.

Checks never mutate documents; outputs never re-validate.

``validate`` and ``check`` keep full documents by default (``stdkit blueprint``, ``lookup``, ``serve`` and
a shard of a build need them). The ``validate``, ``check`` and ``build`` commands ask for ``documents=False``
(a build's workers read each document whole again, one at a time: :func:`stdkit.build.documents`): then the
per-document stage (:func:`examine`: read, parse, bind, every document rule, facts) runs on every core
for large runs, its results come from and go to the content-hash cache (:mod:`stdkit.run.cache`), and the
collection holds light entries (:mod:`stdkit.checks.facts`) instead of 10,000 models with their source maps.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict, overload

from typing_extensions import Unpack  # in typing from Python 3.12

from stdkit import checks
from stdkit.config import Config
from stdkit.messages import Message
from stdkit.run import gather as gathering
from stdkit.run.gather import Progress, gather
from stdkit.run.memo import Memo, notices_of, open_store
from stdkit.run.report import Named, Report, finish

if TYPE_CHECKING:  # a run answered from the cache imports neither the model nor numpy (issue 39)
    from stdkit.collection import Collection, Entry, HeadEntry
    from stdkit.run import cache as caching
    from stdkit.run.base import Outcome
    from stdkit.run.splice import Lines


class _Options(TypedDict, total=False):
    """What :func:`validate` and :func:`check` take beside the paths, the configuration and ``documents``
    (whose value says which entries the report holds: the overloads)."""

    cache: bool
    progress: Progress | None
    analyses: Iterable[str]


class _CheckOptions(_Options, total=False):
    """:func:`check`'s options: :class:`_Options` and ``only`` (the report of some documents)."""

    only: Named | None


@overload
def validate(
    paths: Sequence[Path], config: Config, *, documents: Literal[True] = ..., **options: Unpack[_Options]
) -> Report[Entry]: ...
@overload
def validate(
    paths: Sequence[Path], config: Config, *, documents: Literal[False], **options: Unpack[_Options]
) -> Report[HeadEntry]: ...
@overload
def validate(
    paths: Sequence[Path], config: Config, *, documents: bool, **options: Unpack[_Options]
) -> Report: ...


def validate(
    paths: Sequence[Path],
    config: Config,
    *,
    documents: bool = True,
    cache: bool = False,
    progress: Progress | None = None,
    analyses: Iterable[str] = (),
) -> Report:
    """Schema and per-document rules for every file under ``paths``.

    ``documents=False`` keeps light entries (header and facts only) and allows the process pool and,
    with ``cache``, the content-hash cache in ``config.root``. ``analyses``: as for :func:`check` (no
    collection rule runs, but the analyses asked for are made).
    """
    store = open_store(config) if cache and not documents else None
    collection, files, found = gather(paths, config, documents, store, progress)
    named = _analyses(collection, set(analyses), {})
    return dataclasses.replace(finish(collection, files, found), notices=notices_of(store), analyses=named)


@overload
def check(
    paths: Sequence[Path], config: Config, *, documents: Literal[True] = ..., **options: Unpack[_CheckOptions]
) -> Report[Entry]: ...
@overload
def check(
    paths: Sequence[Path], config: Config, *, documents: Literal[False], **options: Unpack[_CheckOptions]
) -> Report[HeadEntry]: ...
@overload
def check(
    paths: Sequence[Path], config: Config, *, documents: bool, **options: Unpack[_CheckOptions]
) -> Report: ...


def check(
    paths: Sequence[Path],
    config: Config,
    *,
    documents: bool = True,
    cache: bool = False,
    progress: Progress | None = None,
    analyses: Iterable[str] = (),
    only: Named | None = None,
) -> Report:
    """``validate`` plus the rules that compare documents with each other and with the reference data.

    With light entries and the cache, an unchanged collection is answered from the collection memo
    (see :mod:`stdkit.run.cache`) without unpacking a record or running a collection rule again, and one in
    which a few bodies changed from the last full run's base (:mod:`stdkit.run.delta`). ``analyses`` names
    the analyses of collection checks (:attr:`stdkit.checks.Check.name`) the caller reads from
    :attr:`Report.analyses`: a full run has them from the checks themselves (it computes those of checks
    turned off too), an answer from the memo gathers the collection and computes just those. ``only``: the
    report of those documents of the collection (:class:`stdkit.run.report.Named`): their findings and the
    other documents' that name them.
    """
    return _checked(paths, config, documents, cache, progress, set(analyses), None, only)


def _checked(
    paths: Sequence[Path],
    config: Config,
    documents: bool,
    cache: bool,
    progress: Progress | None,
    asked: set[str],
    memo: Memo | None,
    only: Named | None = None,
) -> Report:
    """:func:`check`; ``memo``: the memo of ``paths`` when :func:`printed` made it already."""
    memo, answer = _remembered(paths, config, memo, only) if cache and not documents else (None, None)
    store = memo.records if memo is not None else open_store(config) if cache and not documents else None
    known = memo.known if memo is not None else None
    located = memo.located if memo is not None else None
    if answer is not None:
        if not asked:
            return answer
        # the kept answer holds findings only: what asks for analyses reads the collection too (the build: its
        # headers), so the report carries the collection gathered for them, as a full run's does
        collection, _, _ = gather(paths, config, documents, store, progress, known, located)
        analyses = _analyses(collection, asked, {})
        return dataclasses.replace(answer, collection=collection.without_facts(), analyses=analyses)
    collection, files, found = gather(paths, config, documents, store, progress, known, located)
    stage = list(found)
    off = config.rules_off()
    wanted = [i for i, c in enumerate(checks.COLLECTION_CHECKS) if c.wanted(off)]
    outcomes = _collection_findings(collection, wanted)
    kept = [d for o in outcomes if checks.COLLECTION_CHECKS[o.check].cacheable for d in o.findings]
    fresh = [d for o in outcomes if not checks.COLLECTION_CHECKS[o.check].cacheable for d in o.findings]
    found.extend(kept)
    if memo is not None:
        from stdkit.run import base

        memo.remember(collection, files, found)
        base.remember(memo, collection, stage, outcomes)
    named = _analyses(
        collection, asked, {checks.COLLECTION_CHECKS[o.check].name: o.analysis for o in outcomes}
    )
    # what the report reads of a light entry is its header and paths: the facts' hashes and bands (about
    # half a national collection's memory) are let go before the report is made
    collection = collection.without_facts()
    report = finish(collection, files, [*found, *fresh], only=only)
    return dataclasses.replace(report, notices=notices_of(store), analyses=named)


def _remembered(
    paths: Sequence[Path], config: Config, memo: Memo | None, only: Named | None
) -> tuple[Memo, Report | None]:
    """The memo of ``paths`` (``memo``, or made here) and its answer: from the memo, from the last full
    run's base, or None.

    With the cycle collector off (:func:`stdkit.heap.settled`): the snapshot's, the base's and the answer's
    rows are long-lived and hold no cycle, and at national scale each full collection walked them all
    again (three a run after a one-line edit, a tenth of its time)."""
    from stdkit.heap import settled

    with settled():
        memo = memo or Memo(paths, config)
        return memo, memo.answer(only) or memo.incremental(only)


@dataclasses.dataclass(frozen=True)
class Printer:
    """How a command prints a report: ``render`` gives its text in pieces (the JSON report streams), and
    ``key`` says what besides the findings changes those bytes (format, language, colour …); None when
    the text must be made every run (a reporter that also writes elsewhere)."""

    render: Callable[[Report], Iterable[str]]
    key: str | None
    #: the same text a line at a time, for an answer from the base that keeps the lines of the findings that
    #: did not move (:mod:`stdkit.run.splice`); None: the report is rendered whole
    lines: Lines | None = None


@dataclasses.dataclass(frozen=True)
class Printed:
    """What :func:`printed` gives a command to print: the report's text in pieces (to write one after
    another), its exit status, and the notices about the run (for stderr)."""

    parts: Iterable[str]
    exit_status: int
    notices: tuple[Message, ...] = ()


def printed(
    paths: Sequence[Path],
    config: Config,
    printer: Printer,
    *,
    cache: bool = False,
    progress: Progress | None = None,
    analyses: Iterable[str] = (),
    only: Named | None = None,
) -> Printed:
    """The text of :func:`check`'s report (light entries) as ``printer`` renders it.

    Why: a warm run of a national collection that prints tens of thousands of findings spent most of its
    time formatting them again (about 40 µs a finding). With the cache, the text printed for a collection
    state is kept beside its memo, sealed like every record, under :func:`stdkit.run.cache.rendering_key`
    (the memo's key, the printer's key and the findings no memo keeps); a run of the same state and output
    prints those bytes without unpacking a finding. They are the bytes the report would render: a kept
    text is only ever the text a run rendered for that very key, and a damaged or copied one is a miss.

    A state with no memo that the last full run's base answers (an edit) is printed, when the printer writes
    a line at a time (``printer.lines``: the text report), from the lines of the findings that did not move
    kept beside the base (:mod:`stdkit.run.splice`); ``only`` (a report of some documents) is never.
    """
    if not cache or printer.key is None:
        report = _checked(paths, config, False, cache, progress, set(analyses), None, only)
        return Printed(printer.render(report), report.exit_status, report.notices)
    from stdkit.heap import settled
    from stdkit.run import cache as caching

    with settled():
        memo = Memo(paths, config)
        printed_as = printer.key if only is None else f"{printer.key}\0only\0{only.key()}"
        key = caching.rendering_key(memo.key, printed_as, (d for _, d in memo.beyond()))
        kept = memo.records.rendering(key)
    if kept is not None:
        status, text = kept
        return Printed((text,), status, notices_of(memo.records))
    if printer.lines is not None and only is None and not analyses:
        from stdkit.run import splice

        with settled():
            spliced = splice.printed(memo, printer.lines, printed_as)
        if spliced is not None:
            status, text = spliced
            memo.records.put_rendering(key, status, text)
            return Printed((text,), status, notices_of(memo.records))
    report = _checked(paths, config, False, True, progress, set(analyses), memo, only)
    parts = _kept(printer.render(report), memo.records, key, report.exit_status)
    return Printed(parts, report.exit_status, report.notices)


def _kept(parts: Iterable[str], store: caching.Cache, key: str, status: int) -> Iterator[str]:
    """``parts`` as they come; once the last is given, their text is kept under ``key`` (unless larger
    than :data:`stdkit.run.cache.RENDERING_BYTES`: then it is let go as it is written)."""
    from stdkit.run import cache as caching

    held: list[str] | None = []
    size = 0
    for part in parts:
        yield part
        if held is not None:
            size += len(part)
            held = held if size <= caching.RENDERING_BYTES else None
            if held is not None:
                held.append(part)
    if held is not None:
        store.put_rendering(key, status, "".join(held))


def _analyses(collection: Collection, asked: set[str], ran: dict[str, Any]) -> dict[str, Any]:
    """The analyses of the checks that ran and have a name, and those ``asked`` for that did not run."""
    found = {name: analysis for name, analysis in ran.items() if name}
    for check in checks.COLLECTION_CHECKS:
        if check.name in asked and check.name not in found and check.analysed is not None:
            found[check.name] = check.analysed(collection)[1]
    return found


def _outcome(collection: Collection, index: int) -> Outcome:
    from stdkit.run.base import Outcome

    check = checks.COLLECTION_CHECKS[index]
    if check.analysed is not None:
        findings, analysis = check.analysed(collection)
        return Outcome(index, findings, analysis)
    return Outcome(index, list(check.run(collection)))


def _collection_findings(collection: Collection, wanted: Sequence[int]) -> list[Outcome]:
    """What each collection check in ``wanted`` (places in :data:`stdkit.checks.COLLECTION_CHECKS`) gives.

    From :data:`POOL_THRESHOLD` documents the checks whose analysis the report does not keep run in a forked
    child while those whose analysis it keeps (coverage: tens of MB at national scale, which the child would
    have to hand back) run here: at national scale each side takes seconds, and they share nothing but the
    collection. Findings are sorted later (:func:`finish`), so where each ran never shows.
    """
    from stdkit.pool import Background, reserving

    def run(selected: Sequence[int]) -> list[Outcome]:
        return [_outcome(collection, index) for index in selected]

    apart = [i for i in wanted if not checks.COLLECTION_CHECKS[i].name]
    here = [i for i in wanted if checks.COLLECTION_CHECKS[i].name]
    if len(collection.entries) < gathering.POOL_THRESHOLD or not apart or not here:
        return run(wanted)
    _ = collection.reference  # read once, before the fork, for both sides
    child = Background(lambda: run(apart))
    try:
        with reserving(1) if child.forked else contextlib.nullcontext():  # coverage leaves it a core
            near = run(here)
    except BaseException:
        child.cancel()
        raise
    return [*child.result(), *near]
