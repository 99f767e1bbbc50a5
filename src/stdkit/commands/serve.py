"""Live preview of the site, rebuilt when a document changes; nothing is written to site/.

The generator (:mod:`stdkit.site.generator`; mkdocs-material) serves the collection's mkdocs.yml from
a temporary folder and rebuilds the pages when a file of the standards folders or ``crosswalks/``
changes. Its server serves only the files it built (it normalises every request path), and leaves out
of that build every file of the site's sources that a link leads out of the repository
(:mod:`stdkit.site.sources`).
"""

from __future__ import annotations

import argparse

from stdkit.commands import add_lang, fail, language, load_config, require_site


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
    require_site()  # before importing the generator
    from stdkit.site import generator, preview
    from stdkit.site.build import SiteBuildError, mkdocs_file, vet

    config = load_config(args)
    try:  # before the generator loads it (mkdocs' loader runs the file's tags); the plugin vets every rebuild's
        vet(config)
    except SiteBuildError as exc:
        return fail(args, exc, 1)
    preview.start(language(args))  # findings in the terminal, banners and kept pages on every rebuild
    try:
        generator.named().serve(config, mkdocs_file(config), address=args.dev_addr, open_browser=args.open)
    except SiteBuildError as exc:  # the first build failed
        return fail(args, exc, 1)
    except KeyboardInterrupt:
        pass
    return 0
