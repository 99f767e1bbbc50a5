"""The run: gather → per-document stage (pool, cache) → collection stage → :class:`~stdkit.run.report.Report`.

- :mod:`~stdkit.run.pipeline` — ``validate``, ``check`` and ``build``: the stages, in one order everywhere;
- :mod:`~stdkit.run.gather` — find the files and run the per-document stage on every core;
- :mod:`~stdkit.run.report` — the value a run returns, at the bottom of the package;
- :mod:`~stdkit.run.memo`, :mod:`~stdkit.run.delta`, :mod:`~stdkit.run.cache` — an unchanged collection
  answered from the memo, a few changed files from the last full run's base, every record sealed;
  :mod:`~stdkit.run.packs` (many records in one file) and :mod:`~stdkit.run.snapshot` (files not read
  again while their stat is unchanged) beside the cache;
- :mod:`~stdkit.checks.facts` — the compact per-document facts the collection rules read;
- :mod:`~stdkit.run.progress` — a progress bar for a person at a terminal.

Both cores (:mod:`stdkit.pool`) and bounded memory (:mod:`stdkit.heap`) are machinery below every layer,
not part of the run: a rule (coverage) and an output (the blueprints) use them too.

Nothing in this package decides a finding: rules live in :mod:`stdkit.checks`.
"""
