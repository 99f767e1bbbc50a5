"""Check the collection, then publish blueprints (and the site) into site/, atomically.

Stages, in order: check → blueprints → site. Nothing is written when the check finds errors
(the diagnostics are printed, exit 1), and a failure in any later stage leaves the previously
published site/ untouched: everything is built in a temporary folder beside it, validated, and
swapped in with one rename (stdkit.publish.atomic_replace_dir).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdkit.commands import add_paths, fail, load_config, paths_of

if TYPE_CHECKING:
    from stdkit.checks import Report
    from stdkit.collection import Collection

BLUEPRINTS = "blueprints"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="include unpublished documents (previews); also include_drafts in stdkit.toml",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: site_dir of stdkit.toml)"
    )


def run(args: argparse.Namespace) -> int:
    from stdkit import checks, publish
    from stdkit.report import REPORTERS

    config = load_config(args)
    # Stage 1: check. Errors stop the build before anything is written.
    report = checks.check(paths_of(args, config), config)
    if report.exit_status:
        sys.stdout.write(REPORTERS["text"](report))
        return fail("build stopped: fix the errors above; nothing was written", 1)
    include_drafts = bool(args.drafts or config.include_drafts)
    out_dir: Path = args.out or config.site_dir
    site = site_builder()
    try:
        if site is None:
            # Stage 2 only: without the site module, publish site/blueprints/ on its own.
            written = publish.write_blueprints(report.collection, out_dir / BLUEPRINTS, include_drafts)
        else:
            written = []

            def build(folder: Path) -> None:
                # Stage 3 first inside the fresh folder: a site generator may clean its output
                # folder, so the blueprints go in after it, then both are swapped in together.
                build_site(site, report.collection, report, folder)
                made = publish.build_blueprints_into(report.collection, folder / BLUEPRINTS, include_drafts)
                written.extend(out_dir / BLUEPRINTS / path for path in made)

            publish.atomic_replace_dir(out_dir, build)
    except publish.PublishError as exc:
        return fail(str(exc), 1)
    except Exception as exc:
        if site is not None and isinstance(exc, site.SiteBuildError):
            return fail(f"site build failed, nothing was published: {exc}", 1)
        raise
    blueprints = sum(
        1
        for p in written
        if p.suffix == ".json" and p.name != publish.INDEX and p.parent.name != publish.LATEST
    )
    pages = "the site and " if site is not None else ""
    print(f"{report.files} documents checked; {pages}{blueprints} blueprints written to {out_dir}")
    return 0


# -- Stage 3: the site (filled in by stdkit.site) -----------------------------------------------


def site_builder() -> Any | None:
    """The ``stdkit.site.build`` module when it is installed, else None (blueprints only)."""
    try:
        module = importlib.import_module("stdkit.site.build")
    except ModuleNotFoundError as exc:
        if exc.name in {"stdkit.site", "stdkit.site.build"}:
            return None
        raise
    return module if hasattr(module, "build_site") else None


def build_site(site: Any, collection: Collection, report: Report, out_dir: Path) -> None:
    """HOOK for the site stage: render the static site into ``out_dir`` (a fresh temporary folder).

    Called inside the atomic swap; raising (``site.SiteBuildError``) aborts the build and keeps
    the published site/.
    """
    site.build_site(collection.config, out_dir, report=report)
