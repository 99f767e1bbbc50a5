"""Bytes a build publishes, by kind of output, and per document.

    python bench/published_bytes.py SITE [--documents N]      # a built site/ folder
    python bench/published_bytes.py --count 200 1000           # build generated corpora first (as site_bench)

Kinds, by where a file lives and what it is (the issue 39 split):

- ``case``: ``blueprints/<id>/<edition>/case.json``, the CASE 1.1 packages;
- ``blueprints``: the other JSON under ``blueprints/`` (level blueprints, ``latest/`` pointers, the index);
- ``workbooks``: ``*.xlsx`` (one per level, beside its blueprint);
- ``pages``: ``*.html`` outside the search bundle;
- ``search``: ``pagefind/`` (the search bundle);
- ``lineage``, ``feeds``: ``lineage/`` and ``changes/``;
- ``other``: the rest (CSS, scripts, images, ``schema/``, sitemap…).

``tests/test_outputs_identical.py`` holds a generated collection's per-document bytes of each kind to a recorded
baseline; this module is the one place that says what a kind is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

KINDS = ("case", "blueprints", "workbooks", "pages", "search", "lineage", "feeds", "other")


def kind_of(relative: Path) -> str:
    """The kind of the file at ``relative`` (a path inside the built site)."""
    top = relative.parts[0] if relative.parts else ""
    if top == "pagefind":
        return "search"
    if top == "lineage":
        return "lineage"
    if top == "changes":
        return "feeds"
    if relative.suffix == ".xlsx":
        return "workbooks"
    if relative.suffix == ".html":
        return "pages"
    if top == "blueprints" and relative.suffix == ".json":
        return "case" if relative.name == "case.json" else "blueprints"
    return "other"


def by_kind(site: Path) -> dict[str, int]:
    """Total bytes of each kind (every kind present, 0 when none) and ``total``."""
    found = dict.fromkeys(KINDS, 0)
    for path in site.rglob("*"):
        if path.is_file():
            found[kind_of(path.relative_to(site))] += path.stat().st_size
    found["total"] = sum(found.values())
    return found


def table(rows: dict[str, tuple[int, dict[str, int]]]) -> str:
    """A Markdown table of KB per document by kind, one column per labelled measurement (label → (documents,
    bytes by kind))."""
    labels = list(rows)
    lines = [
        "| KB a document | " + " | ".join(labels) + " |",
        "|---|" + "---:|" * len(labels),
    ]
    for kind in (*KINDS, "total"):
        cells = [f"{rows[label][1][kind] / rows[label][0] / 1000:.1f}" for label in labels]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder")
    parser.add_argument(
        "--documents",
        type=int,
        help="documents of that site (default: its published sources, sources/<id>/<edition>.yaml)",
    )
    parser.add_argument(
        "--count", type=int, nargs="*", default=[], help="build generated corpora of these sizes"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/stdkit-bench"))
    args = parser.parse_args()
    rows: dict[str, tuple[int, dict[str, int]]] = {}
    if args.site is not None:
        documents = args.documents or sum(1 for p in (args.site / "sources").rglob("*.yaml") if p.is_file())
        rows[str(args.site)] = (max(documents, 1), by_kind(args.site))
    if args.count:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import site_bench  # a sibling script

        for count in args.count:
            folder, documents = site_bench.built_site(site_bench.corpus_for(count, args.work))
            rows[f"{count} documents"] = (documents, by_kind(folder))
    print(table(rows))


if __name__ == "__main__":
    main()
