"""Live preview of the site: mkdocs serve with the collection's mkdocs.yml, rebuilt when a document changes.

The stdkit plugin adds the standards folders to the watched paths, so saving a YAML file
rebuilds the pages. Nothing is written to site/. mkdocs serves only the files it built into a
temporary folder (its server normalises every request path); the plugin leaves out of that build
every file of the site's sources that a link leads out of the repository (:mod:`stdkit.site.sources`).
"""

from __future__ import annotations

import argparse
import logging

from stdkit.commands import add_lang, fail, language, load_config, require_site
from stdkit.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument(
        "--dev-addr",
        "-a",
        default="127.0.0.1:8000",
        metavar="IP:PORT",
        help="help.serve.dev_addr",
    )
    parser.add_argument("--open", action="store_true", help="help.serve.open")


def run(args: argparse.Namespace) -> int:
    require_site()  # before importing mkdocs
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    from stdkit.site import preview
    from stdkit.site.build import SiteBuildError, mkdocs_file, vet
    from stdkit.site.plugin import SiteContentError

    config = load_config(args)
    try:  # before mkdocs loads it (its loader runs the file's tags); the plugin vets every rebuild's
        vet(config)
    except SiteBuildError as exc:
        return fail(args, exc, 1)
    # mkdocs logs progress ("Serving on …", "Detected file changes") through logging; show it
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    preview.start(language(args))  # findings in the terminal, banners and kept pages on every rebuild
    try:
        serve(config_file=str(mkdocs_file(config)), dev_addr=args.dev_addr, open_in_browser=args.open)
    except (MkDocsException, OSError, SiteContentError) as exc:  # the first build failed
        return fail(args, Message("cli.serve_failed", {"problem": exc}), 1)
    except KeyboardInterrupt:
        pass
    return 0
