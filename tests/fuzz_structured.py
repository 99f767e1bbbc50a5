"""Structure-aware mutations of real documents: the second fuzzer (issue 32).

The byte fuzzer of :mod:`tests.test_loader_hostile` flips, cuts and splices bytes; most of what it makes
is broken YAML that never reaches the model. These mutations know a document's lines — which are keys,
which values, how deep each mapping is — and change one structure at a time into what an attacker who
opens a pull request would write: tags, anchors, aliases and merge keys, numbers of any size in every
radix YAML 1.1 knows, deep nesting, long lines, full-width punctuation, a BOM, NUL or CR, and duplicate
keys of every type. Each case still parses as often as not, so it goes on to binding, the rules, the
cache and the outputs.

One seeded stream (:func:`cases`) serves the CI test (tests/test_fuzz_structured.py) and the long
campaign (``bench/fuzz_campaign.py --structured``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: ``indent``, ``- `` of a sequence item, the key, and the rest of a ``key: value`` line.
KEY_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>- )?(?P<key>[^\s#:'\"\[\]{}&*!|>-][^:#]*?):(?P<rest>(?: .*)?)$"
)

TAGS = (
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!binary",
    "!!timestamp",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!seq",
    "!!map",
    "!!python/object/apply:os.system",
    "!!python/name:os.system",
    "!custom",
    "!<tag:yaml.org,2002:int>",
    "!<tag:example.com,2000:x>",
    "!",
)


def _digits(rng: random.Random, alphabet: str, low: int, high: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def huge_number(rng: random.Random) -> str:
    """A number YAML 1.1 would resolve, of any size, in every radix (and the floats that overflow)."""
    sign = rng.choice(["", "", "-", "+"])
    shape = rng.randrange(10)
    if shape == 0:
        return sign + rng.choice("123456789") + _digits(rng, "0123456789", 10, 6000)
    if shape == 1:
        return sign + "0x" + _digits(rng, "0123456789abcdefABCDEF", 10, 4000)
    if shape == 2:
        return sign + "0o" + _digits(rng, "01234567", 10, 5000)
    if shape == 3:
        return sign + "0" + _digits(rng, "01234567", 10, 5000)  # YAML 1.1 octal
    if shape == 4:
        return sign + "0b" + _digits(rng, "01", 10, 15000)
    if shape == 5:
        return sign + "1" + "_".join(_digits(rng, "0123456789", 3, 3) for _ in range(rng.randint(3, 1600)))
    if shape == 6:
        return sign + "1" + ":" + ":".join(str(rng.randint(0, 59)) for _ in range(rng.randint(2, 900)))
    if shape == 7:
        return sign + rng.choice(["1e999", "1e308", "9" * 400 + ".5", ".inf", ".Inf", ".NaN", "1.0e+400"])
    if shape == 8:
        return sign + rng.choice(["9007199254740993", "18446744073709551616", "4294967296", "0", "00", "0x_"])
    return sign + _digits(rng, "0123456789", 4290, 4310)  # both sides of Python's 4,300-digit limit


def deep(rng: random.Random) -> str:
    depth = rng.choice([10, 60, 200, 1000, 3000])
    if rng.random() < 0.5:
        return "[" * depth + "1" + "]" * depth
    return "{a: " * depth + "1" + "}" * depth


FULL_WIDTH = (("：", ": "), ("－ ", "- "), ("，", ", "), ("［", "["), ("］", "]"), ("｛", "{"), ("｝", "}"))
INVISIBLE = ("\ufeff", "\x00", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\t", "\x1b", "\u200b", "\u3000")


class Document:
    """A document's lines and the key lines among them."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def keys(self) -> list[tuple[int, re.Match[str]]]:
        return [(n, m) for n, line in enumerate(self.lines) if (m := KEY_LINE.match(line))]

    def text(self) -> str:
        return "\n".join(self.lines)


def _at_key(rng: random.Random, doc: Document) -> tuple[int, re.Match[str]] | None:
    keys = doc.keys()
    return rng.choice(keys) if keys else None


def _set_value(doc: Document, number: int, match: re.Match[str], value: str) -> None:
    doc.lines[number] = f"{match['indent']}{match['dash'] or ''}{match['key']}: {value}"


def tag(rng: random.Random, doc: Document) -> None:
    found = _at_key(rng, doc)
    if found:
        number, match = found
        value = match["rest"].strip() or "x"
        _set_value(doc, number, match, f"{rng.choice(TAGS)} {value}")


def anchor_alias(rng: random.Random, doc: Document) -> None:
    keys = doc.keys()
    if len(keys) < 2:
        return
    first, second = sorted(rng.sample(keys, 2), key=lambda item: item[0])
    name = rng.choice(["a", "x1", "锚", "a" * 200])
    value = first[1]["rest"].strip()
    if value:
        _set_value(doc, first[0], first[1], f"&{name} {value}")
    else:  # a mapping or sequence below: the anchor names it
        doc.lines[first[0]] = doc.lines[first[0]] + f" &{name}"
    target = rng.choice([name, name, "undefined"])
    _set_value(doc, second[0], second[1], f"*{target}")


def merge(rng: random.Random, doc: Document) -> None:
    found = _at_key(rng, doc)
    if not found:
        return
    number, match = found
    indent = match["indent"] + ("  " if match["dash"] else "")
    shape = rng.choice(
        ["<<: {status: published, kind: special-competency}", "<<: *a", "<<: [*a, *b]", "<<: 1"]
    )
    if "*a" in shape:
        doc.lines.insert(0, "defaults: &a {status: published}")
        doc.lines.insert(0, "more: &b {issuer: 某协会}")
        number += 2
    doc.lines.insert(number, indent + shape)


def number(rng: random.Random, doc: Document) -> None:
    found = _at_key(rng, doc)
    if found:
        _set_value(doc, found[0], found[1], huge_number(rng))


def nesting(rng: random.Random, doc: Document) -> None:
    found = _at_key(rng, doc)
    if found:
        _set_value(doc, found[0], found[1], deep(rng))


def long_line(rng: random.Random, doc: Document) -> None:
    found = _at_key(rng, doc)
    if not found:
        return
    number, match = found
    text = rng.choice(["能", "a", "能根据电路图安装照明电路，", "🙂"]) * rng.choice([500, 20_000, 200_000])
    if rng.random() < 0.3:
        doc.lines[number] = f"{match['indent']}{match['dash'] or ''}{text}: 1"
    else:
        _set_value(doc, number, match, text)


def full_width(rng: random.Random, doc: Document) -> None:
    found = _at_key(rng, doc)
    if found:
        number, _ = found
        wide, narrow = rng.choice(FULL_WIDTH)
        doc.lines[number] = doc.lines[number].replace(narrow, wide, 1)


def invisible(rng: random.Random, doc: Document) -> None:
    char = rng.choice(INVISIBLE)
    where = rng.random()
    if where < 0.2:
        doc.lines[0] = char + doc.lines[0]
    elif where < 0.4:
        doc.lines = [line + "\r" for line in doc.lines] if char in "\r\n" else doc.lines
    else:
        number = rng.randrange(len(doc.lines))
        line = doc.lines[number]
        at = rng.randint(0, len(line))
        doc.lines[number] = line[:at] + char + line[at:]


def duplicate(rng: random.Random, doc: Document) -> None:
    found = _at_key(rng, doc)
    if not found:
        return
    number, match = found
    indent = match["indent"] + ("  " if match["dash"] else "")
    pairs = (
        (f"{match['key']}: 1", f"{match['key']}: 2"),
        ("1: a", "0x1: b"),
        ("yes: a", "true: b"),
        ("~: a", "null: b"),
        ("1.0: a", "1.00: b"),
        ("2024-01-01: a", "2024-01-01: b"),
        ("? [a, b]\n" + indent + ": 1", "? [a, b]\n" + indent + ": 2"),
        ("'k': 1", '"k": 2'),
    )
    first, second = rng.choice(pairs)
    if rng.random() < 0.5:
        doc.lines.insert(number + 1, doc.lines[number] if match["rest"].strip() else indent + first)
    else:
        doc.lines[number + 1 : number + 1] = [indent + first, indent + second]


MUTATIONS: tuple[Callable[[random.Random, Document], None], ...] = (
    tag,
    anchor_alias,
    merge,
    number,
    number,
    nesting,
    long_line,
    full_width,
    invisible,
    duplicate,
    duplicate,
)


def seeds() -> list[tuple[str, str]]:
    """The sample documents and the good corpus: real shapes to mutate."""
    found = sorted((ROOT / "standards").glob("*.yaml")) + sorted((ROOT / "tests/corpus/good").glob("*.yaml"))
    return [(path.name, path.read_text(encoding="utf-8")) for path in found]


def mutate(rng: random.Random, text: str) -> bytes:
    """One to three structure-aware mutations of ``text``."""
    doc = Document(text)
    for _ in range(rng.randint(1, 3)):
        rng.choice(MUTATIONS)(rng, doc)
    return doc.text().encode("utf-8", "surrogatepass")


def cases(seed: int, count: int) -> Iterator[tuple[str, bytes]]:
    """``count`` mutated documents, the same for the same seed."""
    rng = random.Random(seed)
    base = seeds()
    for index in range(count):
        name, text = rng.choice(base)
        yield f"{index}-{name}", mutate(rng, text)
