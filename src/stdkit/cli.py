"""The ``stdkit`` command: parse arguments, dispatch to one module per verb, return an exit status.

Exit status: 0 clean, 1 findings at error severity (or a failed build), 2 usage error.
``main(argv)`` returns the status instead of exiting, so tests call the CLI directly.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from stdkit.errors import SetupError

#: The verbs, in the order ``stdkit --help`` lists them; each is ``stdkit.commands.<verb>``.
VERBS = (
    "init",
    "validate",
    "check",
    "build",
    "serve",
    "blueprint",
    "export",
    "diff",
    "new",
    "schema",
    "release",
    "crosswalk",
    "rules",
    "lookup",
    "import",
)
#: Verbs whose module name differs from the verb (``import`` is a Python keyword).
MODULES = {"import": "import_"}


def _verb(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"stdkit.commands.{MODULES.get(name, name)}")
    except ModuleNotFoundError as exc:
        if exc.name == f"stdkit.commands.{MODULES.get(name, name)}":
            return None
        raise


class _Version(argparse._VersionAction):
    """``--version``, the version read only when asked for (see ``stdkit.__getattr__``): every other command
    starts without looking the package up in the installed distributions."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option: str | None = None,
    ) -> None:
        from stdkit import __version__  # lazy: see the class

        self.version = f"stdkit {__version__}"
        super().__call__(parser, namespace, values, option)


def parser(
    only: str | None = None, lang: str = "zh"
) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The command line's parser and the verbs' modules; with ``only``, that verb's alone.

    ``only`` is for a command line that begins with a verb: its parse never lists the other verbs (the
    top-level help and the "invalid choice" error are for a line without one), so their modules are not
    imported (lazily: 12 modules and their parsers were ≈ 0.02 s of every command's start-up).
    Help texts are keys of the message catalogue (``help.<verb>``, ``help.<verb>.about``); ``--help``
    prints them in ``lang`` (:class:`stdkit.commands.Help`).
    """
    from stdkit.commands import add_lang, help_formatter

    formatter = help_formatter(lang)
    top = argparse.ArgumentParser(prog="stdkit", description="help.stdkit", formatter_class=formatter)
    top.add_argument("--version", action=_Version)
    add_lang(top)
    sub = top.add_subparsers(dest="verb", metavar="COMMAND", required=True, help="help.command")
    modules: dict[str, ModuleType] = {}
    for name in (only,) if only else VERBS:
        module = _verb(name)
        if module is None:
            continue
        modules[name] = module
        verb_parser = sub.add_parser(
            name, help=f"help.{name}", description=f"help.{name}.about", formatter_class=formatter
        )
        module.add_arguments(verb_parser)
    return top, modules


def help_language(words: Sequence[str]) -> str:
    """The language ``--help`` is printed in: ``--lang`` anywhere on the line (argparse prints the help
    as soon as it meets ``-h``, before it has read a later ``--lang``), else as every message's."""
    from stdkit.commands import language
    from stdkit.diagnostics import LANGUAGES

    chosen = None
    for word, following in zip(words, [*words[1:], ""], strict=True):
        if word == "--":
            break
        value = (
            following
            if word == "--lang"
            else word.removeprefix("--lang=")
            if word.startswith("--lang=")
            else None
        )
        if value in LANGUAGES:
            chosen = value
    return language(argparse.Namespace(lang=chosen))


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")  # Chinese output on any locale
    words = sys.argv[1:] if argv is None else list(argv)
    first = words[0] if words else None
    lang = help_language(words)
    top, modules = parser(first, lang) if first in VERBS and _verb(first) is not None else parser(None, lang)
    from stdkit.commands import argparse_speaks

    try:
        with argparse_speaks(lang):
            args = top.parse_args(argv)
    except SystemExit as exc:  # argparse reports usage errors itself
        return int(exc.code or 0)
    try:
        status: int = modules[args.verb].run(args)
    except SetupError as exc:  # the environment, not a document: one line, never a traceback
        from stdkit.commands import fail

        return fail(args, exc, 2)
    except KeyboardInterrupt:
        return 130
    return status


def entry() -> None:
    """The console script: :func:`main`, then exit without tearing the heap down.

    After a build of 10,000 documents, freeing millions of objects one by one at interpreter exit took
    17 s and freed nothing the operating system would not; every output is written and closed by then.
    """
    import contextlib
    import logging
    import os

    status = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # a reader that went away (``stdkit check | head``) has what it wanted
        with contextlib.suppress(OSError):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    entry()
