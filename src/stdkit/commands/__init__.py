"""One module per CLI verb, each with ``add_arguments(parser)`` and ``run(args) -> int``.

A verb module imports heavy dependencies inside ``run`` so that ``stdkit validate`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO

from stdkit import config as configuration
from stdkit.diagnostics import LANGUAGES, Severity
from stdkit.messages import MESSAGES, Message, say, text_of

if TYPE_CHECKING:
    from stdkit.collection import Collection, Entry
    from stdkit.run.report import Report


def add_paths(parser: argparse.ArgumentParser, key: str = "help.paths") -> None:
    """The positional PATH…; ``key``: its help's key in the catalogue (:mod:`stdkit.helptext`)."""
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=key,
    )


def add_format(parser: argparse.ArgumentParser, formats: list[str]) -> None:
    """``--format`` (the first of ``formats`` by default, or github under GitHub Actions when offered)
    and ``--lang``."""
    add_lang(parser)
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in formats else formats[0]
    parser.add_argument(
        "--format",
        "-f",
        choices=formats,
        default=default,
        help="help.format",
    )


def add_outputs(parser: argparse.ArgumentParser, formats: list[str]) -> None:
    """``--output FORMAT=FILE``, repeatable: the same report also written to FILE in FORMAT, so one run
    gives a CI its annotations on stdout, a SARIF file to upload and a text report to keep."""

    def output(value: str) -> tuple[str, Path]:
        name, equals, file = value.partition("=")
        if not equals or not file or name not in formats:
            raise argparse.ArgumentTypeError(f"expected FORMAT=FILE with FORMAT one of {', '.join(formats)}")
        return name, Path(file)

    parser.add_argument(
        "--output",
        action="append",
        type=output,
        default=[],
        metavar="FORMAT=FILE",
        help="help.output",
    )


def report_formats(args: argparse.Namespace) -> list[str]:
    """Every format this run writes: ``--format``, then each ``--output``'s."""
    return [args.format, *(name for name, _ in args.output)]


def write_report(args: argparse.Namespace, report: Report) -> int:
    """The report in ``--format`` on stdout and in each ``--output`` format to its file (never coloured);
    0, or 2 when a file cannot be written (the report on stdout is complete either way)."""
    from stdkit.output import write_replacing
    from stdkit.report import parts

    lang = language(args)
    localized = report.localized(lang)
    for part in parts(args.format, localized, lang, colour(args.format)):
        sys.stdout.write(part)
    for name, file in args.output:
        try:
            write_replacing(file, "".join(parts(name, localized, lang)).encode())
        except OSError as exc:
            return fail(args, Message("cli.cannot_write", {"path": file, "why": exc.strerror or exc}))
    return 0


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language of messages and help; Chinese unless asked for or the locale (LANG) is
    English. Absent unless given (``stdkit --lang en check`` names it before the verb: the verb's own
    default must not undo that), so read it with :func:`language`."""
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="help.lang")


#: argparse's own English (its headings, the help of -h/--version, its usage errors) → the catalogue's key.
_ARGPARSE = {
    "positional arguments": "help.positionals",
    "options": "help.options",
    "show this help message and exit": "help.help",
    "show program's version number and exit": "help.version",
    "%(prog)s: error: %(message)s\n": "help.error",
    "the following arguments are required: %s": "help.required",
    "unrecognized arguments: %s": "help.unrecognized",
    "argument %(argument_name)s: %(message)s": "help.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "help.invalid_choice",
    "expected one argument": "help.expected_one",
    "expected at most one argument": "help.expected_at_most_one",
    "expected at least one argument": "help.expected_some",
    "invalid %(type)s value: %(value)r": "help.invalid_value",
    "not allowed with argument %s": "help.not_allowed",
    "one of the arguments %s is required": "help.one_required",
    "ambiguous option: %(option)s could match %(matches)s": "help.ambiguous",
}


@contextlib.contextmanager
def argparse_speaks(lang: str) -> Iterator[None]:
    """argparse's usage errors (``stdkit check --format x``) in ``lang`` while the command line is parsed.

    argparse words them through its module's gettext function ``_`` at the moment it raises; it is
    replaced here for the parse alone and put back after, whatever happens."""
    names = vars(argparse)
    before = names["_"]
    names["_"] = lambda text: say(_ARGPARSE[text], lang) if text in _ARGPARSE else before(text)
    try:
        yield
    finally:
        names["_"] = before


#: No line starts with these (closing punctuation stays with the character before it) …
_CLOSING = set("，。、；：？！）》」』】〉”’…,.;:?!)]}@")
#: … and none ends with these (opening punctuation goes with the character after it); `@` binds both
#: ways (编号@版本).
_OPENING = set("（《「『【〈“‘([{@")
#: What is never broken: a `code` span, a path with <placeholders> (standards/<编号>_<版本>.yaml), an
#: English word or code; else one character at a time.
_ATOM = re.compile(r"\s+|`[^`]*`|(?:[\x21-\x7e]*<[^\s<>]+>)+[\x21-\x7e]*|[\x21-\x7e]+|.")


def width_of(text: str) -> int:
    """The columns ``text`` takes on a terminal: a wide (Chinese) character two, any other one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: broken at spaces or between Chinese characters,
    never inside an English word or a code (unless it alone is wider), never before a closing mark or
    after an opening one. Joined again without the spaces at the breaks it is the same text."""
    atoms: list[str] = []
    for atom in _ATOM.findall(text.strip()):
        glue = atoms and not atoms[-1].isspace() and not atom.isspace()
        if glue and (atom[0] in _CLOSING or atoms[-1][-1] in _OPENING):
            atoms[-1] += atom
        else:
            atoms.append(atom)
    lines: list[str] = []
    line = ""
    for atom in atoms:
        if atom.isspace():
            line += " " if line else ""
            continue
        if line and width_of(line.rstrip() + atom) > width:
            lines.append(line.rstrip())
            line = ""
        rest = atom
        while width_of(rest) > width and len(rest) > 1:  # a code wider than the line: cut it
            cut = max(n for n in range(1, len(rest) + 1) if width_of(rest[:n]) <= width or n == 1)
            lines.append(rest[:cut])
            rest = rest[cut:]
        line += rest
    if line.strip():
        lines.append(line.rstrip())
    return lines


class Help(argparse.HelpFormatter):
    """``--help`` in ``lang``: every help text, heading and description is a key of the message
    catalogue (:mod:`stdkit.helptext`) rendered here, and wrapped to the terminal by its columns (a
    Chinese character takes two; textwrap counts one and breaks only at spaces). A description keeps
    its line breaks: one paragraph a line, ``- `` opens a list item."""

    lang = "zh"

    def _say(self, text: str) -> str:
        key = _ARGPARSE.get(text, text)
        return say(key, self.lang) if key in MESSAGES else text

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return None if action.help is None else self._say(action.help)

    def start_section(self, heading: str | None) -> None:
        super().start_section(None if heading is None else self._say(heading))

    def add_text(self, text: str | None) -> None:
        super().add_text(text if text is None or text == argparse.SUPPRESS else self._say(text))

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        # argparse indents the usage's later lines by len(prefix): a Chinese prefix is measured with a
        # stand-in of its width in columns, so the lines line up and fit
        shown = say("help.usage", self.lang) if prefix is None else prefix
        stand_in = "u" * width_of(shown)
        return shown + super()._format_usage(usage, actions, groups, stand_in)[len(stand_in) :]

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out: list[str] = []
        previous_item = False
        for paragraph in text.strip().splitlines():
            item = paragraph.startswith("- ")
            if out and not (item and previous_item):
                out.append("")  # a blank line between paragraphs, not between the items of a list
            lines = wrap(paragraph.removeprefix("- "), width - len(indent) - (2 if item else 0))
            for n, line in enumerate(lines or [""]):
                out.append(indent + ("- " if item and n == 0 else "  " if item else "") + line)
            previous_item = item
        return "\n".join(out)

    def format_help(self) -> str:
        shown = super().format_help()
        if self.lang != "zh":
            return shown
        # argparse ends a heading with ":"; a Chinese heading takes the full-width colon
        return re.sub(r"^(\S[^\n]*[\u4e00-\u9fff]):$", r"\1：", shown, flags=re.MULTILINE)


def help_formatter(lang: str) -> type[Help]:
    """The formatter class that writes ``--help`` in ``lang``."""
    return type(f"Help_{lang}", (Help,), {"lang": lang})


def language(args: argparse.Namespace | None) -> str:
    """``--lang``, else STDKIT_LANG, else English for an English locale, else Chinese."""
    chosen: str | None = getattr(args, "lang", None)
    if chosen:
        return chosen
    explicit = os.environ.get("STDKIT_LANG", "")
    if explicit in LANGUAGES:
        return explicit
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else LANGUAGES[0]


def colour(fmt: str, stdout: TextIO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the text report colours its severities: for a person at a terminal only.

    ``NO_COLOR`` (https://no-color.org) always wins; ``FORCE_COLOR`` colours even a pipe or a CI log;
    otherwise never under ``CI`` (a log keeps escape codes as noise) and only when stdout is a terminal.
    """
    env = os.environ if environ is None else environ
    if fmt != "text" or env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if "CI" in env:
        return False
    stream = sys.stdout if stdout is None else stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def load_config(args: argparse.Namespace) -> configuration.Config:
    return configuration.load(Path.cwd())


def in_repository(config: configuration.Config) -> bool:
    """Whether stdkit runs in a standards repository: a ``stdkit.toml`` here or above, or a standards
    folder. Only there does a run keep its ``.stdkit-cache/`` (never in a folder someone happened to be in)."""
    return config.source is not None or any(path.exists() for path in config.standards)


def require_repository(args: argparse.Namespace, config: configuration.Config) -> None:
    """Stop with a hint to ``stdkit init`` when no path was named and there is no repository here."""
    if not getattr(args, "paths", None) and not in_repository(config):
        from stdkit.errors import SetupError

        raise SetupError("cli.not_a_repository", root=config.root)


#: What `stdkit build` and `stdkit serve` import that a plain `pip install stdkit` lacks: the extra `site`.
SITE_MODULES = ("mkdocs", "material", "jinja2", "markupsafe", "pagefind_bin_extended")


def require_site() -> None:
    """Stop with the install command when the site generator (the extra ``site``) is not installed."""
    import importlib.util

    missing = [name for name in SITE_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        from stdkit import distribution
        from stdkit.errors import SetupError

        requirement = distribution.running().with_extra("site")
        raise SetupError("cli.site_missing", missing=", ".join(missing), requirement=requirement)


def paths_of(args: argparse.Namespace, config: configuration.Config) -> list[Path]:
    """The paths named on the command line, without the files that are not stdkit documents (each
    noted on stderr); the collection's standards folders when none was named. Empty when every named
    file was skipped: the caller then has nothing to do. Outside a repository a path must be named
    (:func:`require_repository`)."""
    if not args.paths:
        require_repository(args, config)
        return list(config.standards)
    from stdkit.documents import REASONS_ZH, skip_reason

    lang = language(args)
    kept: list[Path] = []
    for path in args.paths:
        reason = skip_reason(path, config.standards)
        if reason is None:
            kept.append(path)
        else:
            shown = REASONS_ZH.get(reason, reason) if lang == "zh" else reason
            tell(args, Message("cli.skipped", {"path": path, "reason": shown}), sys.stderr)
    return kept


def tell(args: argparse.Namespace | None, message: Message | str, stream: TextIO | None = None) -> None:
    """Print a line of the catalogue (or a notice already in words) in the chosen language, prefixed
    ``stdkit:`` when it goes to stderr."""
    line = text_of(message, language(args))
    if stream is sys.stderr:
        line = say("cli.prefix", language(args), text=line)
    print(line, file=stream or sys.stdout)


def fail(args: argparse.Namespace | None, problem: Message | BaseException | str, status: int = 2) -> int:
    """Print why the command stops, in the chosen language, and return ``status`` (1 or 2)."""
    from stdkit.untrusted import log_safe  # messages may quote author text: no line of it may be a CI command

    lang = language(args)
    print(log_safe(say("cli.prefix", lang, text=text_of(problem, lang))), file=sys.stderr)
    return status


def _names_id(file: Path, shown: str, document_id: str) -> bool:
    """Whether a document that did not validate is the one ``document_id`` names: by its file name
    (``ID_EDITION.yaml``) or by an ``id:`` line at the top level of its text."""
    if PurePosixPath(shown).name.startswith((f"{document_id}_", f"{document_id}.")):
        return True
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    wanted = re.compile(rf"^id:[ \t]*['\"]?{re.escape(document_id)}['\"]?[ \t]*(#.*)?$", re.MULTILINE)
    return wanted.search(text) is not None


def choose_in_collection(
    args: argparse.Namespace, config: configuration.Config
) -> tuple[Entry, Collection[Entry]] | Message:
    """The document ``args.ref`` (ID or ID@EDITION) names with the collection it belongs to (its standing
    and where its CASE package links come from the other editions), or why there is none.

    ID alone is the newest published edition (the newest of any status with ``--drafts``); the
    collection is validated, not cross-checked.
    """
    from stdkit import editions, publish
    from stdkit.run import pipeline

    report = pipeline.validate(list(config.standards), config)
    collection = report.collection
    document_id, _, edition = str(args.ref).partition("@")
    of_id = report.collection.editions(document_id)
    if not of_id:
        # a file of that id (by its name or its `id:` line) that does not validate says why, at its line
        failed = {d.path for d in report.diagnostics if d.severity is Severity.ERROR}
        named = {path for path in failed if _names_id(config.root / path, path, document_id)}
        why = [d for d in report.diagnostics if d.path in named and d.severity is Severity.ERROR]
        if why:
            lang = language(args)
            found = "\n".join(d.localized(lang).render() for d in why)
            return Message("cli.no_document_found", {"id": document_id, "findings": found})
        return Message("cli.no_document", {"id": document_id})
    if edition:
        chosen = next((e for e in of_id if e.document.edition == edition), None)
        if chosen is None:
            known = [e.document.edition for e in editions.ordered(of_id)]
            return Message("cli.no_edition", {"id": document_id, "edition": edition, "known": known})
        return chosen, collection
    pool = publish.selected(of_id, args.drafts or config.include_drafts)
    newest = editions.newest(pool, published_only=not args.drafts).get(document_id)
    if newest is None:
        return Message("cli.no_published", {"id": document_id})
    return newest, collection
