"""Diagnostics are data: what is wrong, where, and what to do about it.

Loading and checks produce :class:`Diagnostic` values; only reporters and the CLI print them.
The rule catalogue (:data:`RULES`) is the single list of codes: a code is stable, never reused,
and every check module declares its rules here through :func:`rule`. It is also the message
catalogue: each rule carries its wording in English and in Chinese (:class:`Wording`), and a
diagnostic keeps the values its message is made of (``args``), so every output can be given in
the author's language (Chinese by default, English with ``--lang en``).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Mapping

from stdkit import ladder


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` gives the worst; the names are what users type in configuration."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


@dataclasses.dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """One finding. Ordered by path, line, column, then code, which is the order users read them in."""

    path: str
    line: int  # 1-based
    col: int  # 1-based
    code: str  # stable, listed in RULES, never reused
    message: str  # in English; says what to do, not only what is wrong
    severity: Severity = Severity.ERROR
    args: tuple[tuple[str, str], ...] = ()  # the values the message is made of, for other languages

    def with_severity(self, severity: Severity) -> Diagnostic:
        return dataclasses.replace(self, severity=severity)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``), from the rule's wording and this finding's values."""
        declared = RULES.get(self.code)
        if lang == "en" or declared is None:
            return self.message
        return declared.say(lang, dict(self.args), fallback=self.message)

    def localized(self, lang: str) -> Diagnostic:
        return dataclasses.replace(self, message=self.text(lang))

    def render(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} [{self.severity.label}] {self.message}"


def reading_order(diagnostic: Diagnostic) -> tuple[str, int, int, str, int, str]:
    """The order a reader wants: by place and code, then findings at one place by the level they name
    in ladder order (五级 … 一级, not the order of their messages' characters: 一, 三, 二, 五, 四)."""
    level = dict(diagnostic.args).get("level", "")
    rank = _LADDER_RANK.get(level, -1)
    return (diagnostic.path, diagnostic.line, diagnostic.col, diagnostic.code, rank, diagnostic.message)


_LADDER_RANK = {str(step.level): rank for rank, step in enumerate(ladder.LADDER)}


@dataclasses.dataclass(frozen=True, slots=True)
class Wording:
    """A rule's words in one language. ``detail`` is the finding's own sentence, a template whose
    ``{names}`` are filled from the diagnostic's ``args``; the message is the detail, then the fix.
    A rule whose findings read differently by case gives ``detail`` as a mapping of named variants,
    chosen by the finding's ``variant`` argument."""

    summary: str
    fix: str
    detail: str | Mapping[str, str] = ""


#: Languages of the catalogue; the first is the default (the authors are Chinese).
LANGUAGES = ("zh", "en")


@dataclasses.dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the catalogue. ``summary`` names the problem; ``fix`` says what to do.

    ``bad`` and ``good`` are YAML snippets for the rule reference (the manual and the site).
    """

    code: str
    family: str
    severity: Severity
    summary: str
    fix: str
    bad: str = ""
    good: str = ""
    detail: str | Mapping[str, str] = ""  # English template(s) of the finding's own sentence (see Wording)
    zh: Wording | None = None
    #: the detail already says what to do, so the fix is not appended (True: every variant; or the variants named)
    fix_in_detail: bool | frozenset[str] = False

    def wording(self, lang: str) -> Wording:
        if lang == "zh" and self.zh is not None:
            return self.zh
        return Wording(self.summary, self.fix, self.detail)

    def say(self, lang: str, args: dict[str, str], *, fallback: str = "") -> str:
        """The message of a finding: its detail with ``args`` filled in, then the fix.

        A rule without a Chinese wording, or a finding built before its rule had a template, falls
        back to the English ``fallback``, so no message is ever lost.
        """
        words = self.wording(lang)
        template = words.detail
        if isinstance(template, Mapping):
            template = template.get(args.get("variant", ""), "")
        if not template or (lang != "en" and self.zh is None):
            if fallback == self.fix and self.zh is not None:
                # a finding whose English is only the fix: in Chinese, the problem (summary) and then the fix
                return words.fix if lang == "en" else f"{words.summary}{words.fix}"
            return fallback or words.fix
        try:
            detail = template.format(**args)
        except (KeyError, IndexError, ValueError):
            return fallback or words.fix
        variant = args.get("variant", "")
        if self.fix_in_detail is True or (
            isinstance(self.fix_in_detail, frozenset) and variant in self.fix_in_detail
        ):
            return detail
        return f"{detail}{' ' if lang == 'en' else ''}{words.fix}"

    def at(self, path: str, line: int, col: int, **args: object) -> Diagnostic:
        """A finding of this rule at ``path:line:col``, its message built from ``args``."""
        values = tuple((name, str(value)) for name, value in sorted(args.items()))
        return Diagnostic(path, line, col, self.code, self.say("en", dict(values)), self.severity, values)


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    family: str,
    severity: Severity,
    summary: str,
    fix: str,
    *,
    bad: str = "",
    good: str = "",
    detail: str | Mapping[str, str] = "",
    zh: Wording | None = None,
    fix_in_detail: bool | frozenset[str] = False,
) -> Rule:
    """Declare a rule once, at import of the module that checks it."""
    if code in RULES:
        raise RuntimeError(f"rule code {code} declared twice")
    declared = Rule(code, family, severity, summary, fix, bad, good, detail, zh, fix_in_detail)
    RULES[code] = declared
    return declared


def worst(diagnostics: Iterable[Diagnostic]) -> Severity | None:
    return max((d.severity for d in diagnostics), default=None)


def exit_status(diagnostics: Iterable[Diagnostic]) -> int:
    """0 clean (warnings and infos allowed), 1 when any finding is an error."""
    return 1 if worst(diagnostics) is Severity.ERROR else 0
