"""The composition root: load → bind → document rules → collection rules → finish → :class:`Report`.

Every command, the mkdocs plugin (``stdkit serve``) and ``stdkit diff`` go through here, so the
stages run in one order everywhere:

1. *discover* the files (:func:`stdkit.collection.discover`);
2. *load and bind* each one to its model (:func:`stdkit.collection.load_entry`, a pure function
   of one file);
3. *document rules* (``checks.DOCUMENT_CHECKS``) on each valid document;
4. *collection rules* (``checks.COLLECTION_CHECKS``) for ``check`` and ``build``;
5. *finish*: per-collection severities (``off`` removes a finding), suppressions with reasons,
   unused suppressions;
6. for ``build`` (:mod:`stdkit.build`, above the run): the site, then the blueprints, into one
   temporary folder swapped in atomically.

Checks never mutate documents; outputs never re-validate.

``validate`` and ``check`` keep full documents by default (``stdkit blueprint``, ``lookup``, the site
and ``build`` need them). The ``validate`` and ``check`` commands ask for ``documents=False``: then the
per-document stage (:func:`examine`: read, parse, bind, every document rule, facts) runs on every core
for large runs, its results come from and go to the content-hash cache (:mod:`stdkit.run.cache`), and the
collection holds light entries (:mod:`stdkit.checks.facts`) instead of 10,000 models with their source maps.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stdkit import checks
from stdkit.collection import Collection
from stdkit.config import Config
from stdkit.diagnostics import Diagnostic
from stdkit.run import gather as gathering
from stdkit.run.gather import Progress, gather
from stdkit.run.memo import Memo, notices_of, open_store
from stdkit.run.report import Report, finish


def validate(
    paths: Sequence[Path],
    config: Config,
    *,
    documents: bool = True,
    cache: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Schema and per-document rules for every file under ``paths``.

    ``documents=False`` keeps light entries (header and facts only) and allows the process pool and,
    with ``cache``, the content-hash cache in ``config.root``.
    """
    store = open_store(config) if cache and not documents else None
    collection, files, found = gather(paths, config, documents, store, progress)
    return dataclasses.replace(finish(collection, files, found), notices=notices_of(store))


def check(
    paths: Sequence[Path],
    config: Config,
    *,
    documents: bool = True,
    cache: bool = False,
    progress: Progress | None = None,
    memoise: bool = True,
) -> Report:
    """``validate`` plus the rules that compare documents with each other and with the reference data.

    With light entries and the cache, an unchanged collection is answered from the collection memo
    (see :mod:`stdkit.run.cache`) without unpacking a record or running a collection rule again, and one in
    which a few bodies changed from the last full run's base (:mod:`stdkit.run.delta`); such a report holds
    no entries, so a caller that reads the documents themselves passes ``memoise=False`` (its full run
    still leaves the memo and the base for the next).
    """
    memo = Memo(paths, config) if cache and not documents else None
    if memo is not None and memoise and (answer := memo.answer() or memo.incremental()) is not None:
        return answer
    store = memo.records if memo is not None else open_store(config) if cache and not documents else None
    known = memo.known if memo is not None else None
    located = memo.located if memo is not None else None
    collection, files, found = gather(paths, config, documents, store, progress, known, located)
    stage = list(found)
    off = config.rules_off()
    kept, fresh = _collection_findings(collection, [c for c in checks.COLLECTION_CHECKS if c.wanted(off)])
    found.extend(kept)
    if memo is not None:
        from stdkit.run import base

        memo.remember(collection, files, found)
        base.remember(memo, collection, stage, kept)
    # what the report reads of a light entry is its header and paths: the facts' hashes and bands (about
    # half a national collection's memory) are let go before the report is made
    collection = collection.without_facts()
    return dataclasses.replace(finish(collection, files, [*found, *fresh]), notices=notices_of(store))


def _collection_findings(
    collection: Collection, wanted: Sequence[checks.Check[Collection]]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The findings of the collection checks: those that may come from the cache, and those that may not.

    From :data:`POOL_THRESHOLD` documents the checks that keep nothing for later stages run in a forked
    child while coverage, which keeps its result for the report and the site, runs here: at national
    scale each side takes seconds, and they share nothing but the collection. Findings are sorted later
    (:func:`_finish`), so where each ran never shows.
    """
    from stdkit.pool import Background, reserving

    def run(
        selected: Sequence[checks.Check[Collection]],
    ) -> tuple[list[Diagnostic], list[Diagnostic], dict[str, Any]]:
        kept: list[Diagnostic] = []
        fresh: list[Diagnostic] = []
        before = set(collection.derived)
        for collection_check in selected:
            (kept if collection_check.cacheable else fresh).extend(collection_check.run(collection))
        # what a check kept for later (the incremental run reads OVL705's per-module rows) comes back too
        return kept, fresh, {k: v for k, v in collection.derived.items() if k not in before}

    apart = [c for c in wanted if not c.derives]
    here = [c for c in wanted if c.derives]
    if len(collection.entries) < gathering.POOL_THRESHOLD or not apart or not here:
        kept, fresh, _ = run(wanted)
        return kept, fresh
    _ = collection.reference  # read once, before the fork, for both sides
    child = Background(lambda: run(apart))
    try:
        with reserving(1) if child.forked else contextlib.nullcontext():  # coverage leaves it a core
            kept, fresh, _ = run(here)
    except BaseException:
        child.cancel()
        raise
    kept_apart, fresh_apart, derived = child.result()
    collection.derived.update(derived)
    return [*kept_apart, *kept], [*fresh_apart, *fresh]
