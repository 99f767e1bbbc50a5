"""Find occupations and 工种 of the 职业分类大典 by code prefix, name, earlier name or legacy code.

Examples: ``stdkit lookup 4-04-05`` (a 小类), ``stdkit lookup 生成式`` (part of a name), ``stdkit lookup 育婴员``
(an earlier name), ``stdkit lookup 4-10-01-02`` (a 2015 code). Each row gives the code, the current name, the
edition or release that published it, its 数字/绿色 flag, its 国家职业资格目录 items and the collection's documents
for it. Exit status: 0 with rows, 1 with none.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from stdkit.commands import add_format, language, load_config
from stdkit.messages import say

if TYPE_CHECKING:
    from stdkit.config import Config
    from stdkit.reference import Match, ReferenceData


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="help.lookup.query")
    add_format(parser, ["text", "json"])


def run(args: argparse.Namespace) -> int:
    from stdkit.reference import load_reference

    config = load_config(args)
    lang = "en" if args.format == "json" else language(args)  # JSON is data: its values stay as they were
    reference = load_reference(config.occupations, config.catalogue, config.releases, config.pending)
    query: str = args.query.strip()
    matches = reference.find(query)
    pending = [p for p in config.pending if p.code.startswith(query) or (query and query in p.name)]
    documents = _documents(config) if matches or pending else {}
    rows = [_row(reference, m, documents, lang) for m in matches]
    rows += [
        {
            "code": p.code, "name": p.name, "published": "pending", "flag": None, "matched_by": "pending",
            "matched": p.name, "source": f"{p.source}, {p.date.isoformat()}", "qualifications": [],
            "documents": documents.get(p.code[:10], []),
        }
        for p in pending
    ]  # fmt: skip
    if args.format == "json":
        import orjson

        out = {"query": query, "basis": reference.basis, "rows": rows}
        if not rows:
            out["suggestions"] = [{"code": o.code, "name": o.name} for o in _suggestions(reference, query)]
        sys.stdout.write(orjson.dumps(out, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0 if rows else 1
    if not rows:
        close = _suggestions(reference, query)
        names = "、".join(f"{o.code} {o.name}" for o in close)
        hint = say("lookup.closest", lang, names=names) if close else ""
        print(say("lookup.none", lang, basis=reference.basis, query=query, hint=hint))
        print(say("lookup.try", lang))
        return 1
    for row in rows:
        print(_text(row, lang))
    key = "lookup.row" if len(rows) == 1 else "lookup.rows"
    print(say(key, lang, count=len(rows), basis=reference.basis))
    return 0


def _suggestions(reference: ReferenceData, query: str) -> tuple[Any, ...]:
    code_like = bool(query) and all(c.isdigit() or c == "-" for c in query)
    return reference.suggest(query if code_like else "", None if code_like else query)


def _documents(config: Config) -> dict[str, list[str]]:
    """The collection's documents by occupation code (a 工种 code counts for its occupation)."""
    from stdkit.collection import levelled, special
    from stdkit.run.pipeline import validate

    out: dict[str, list[str]] = {}
    report = validate(list(config.standards), config)
    for entry in report.collection.entries:
        body = levelled(entry.document)
        codes = body.occupation_codes() if body is not None else []  # none for `occupations: any`
        competency = special(entry.document)
        if competency is not None:
            codes = list(competency.related_occupations)
        for code in codes:
            out.setdefault(code.strip()[:10], []).append(f"{entry.ref} ({entry.path})")
    return out


def _published(reference: ReferenceData, since: str, code: str, lang: str) -> str:
    release = reference.release(since)
    if release is None:
        return say("lookup.edition", lang, edition=since)
    unverified = say("lookup.unverified", lang) if code in release.unassigned else ""
    return say("lookup.release", lang, date=release.date, unverified=unverified)


def _row(
    reference: ReferenceData, match: Match, documents: dict[str, list[str]], lang: str
) -> dict[str, Any]:
    occ = match.occupation
    items = reference.qualifications_for(occ.code, occ.name)
    return {
        "code": (match.work_type.code or f"{occ.code} 工种") if match.work_type else occ.code,
        "occupation": occ.code,
        "name": occ.name,
        "published": _published(reference, occ.since, occ.code, lang),
        "flag": {"S": "数字", "L": "绿色", "L/S": "数字、绿色"}.get(occ.flag or ""),
        "matched_by": match.by,
        "matched": match.matched,
        "work_type": None
        if match.work_type is None
        else {"name": match.work_type.name, "code": match.work_type.code, "release": match.work_type.release},
        "qualifications": [
            {"id": q.id, "name": q.display(lang), "category": q.category_label} for q in items
        ],
        "documents": documents.get(occ.code, [])
        + (documents.get(match.earlier_code, []) if match.earlier_code else []),
    }


#: How a row was found, beyond its code or name (each a key ``lookup.by.<how>`` of the catalogue).
_BY = ("earlier name", "earlier code", "工种", "pending")


def _text(row: dict[str, Any], lang: str) -> str:
    parts = [f"{row['code']}  {row['name']}", row["published"]]
    if row["flag"]:
        parts.append(row["flag"])
    if row["matched_by"] not in ("code", "name"):
        by = say(f"lookup.by.{row['matched_by']}", lang) if row["matched_by"] in _BY else row["matched_by"]
        parts.append(say("lookup.matched_by", lang, by=by, matched=row["matched"]))
    if row.get("source"):
        parts.append(say("lookup.pending", lang, source=row["source"]))
    quals = "、".join(
        say("lookup.item", lang, category=q["category"], name=q["name"]) for q in row["qualifications"]
    )
    if quals:
        parts.append(say("lookup.catalogue", lang, items=quals))
    shown = "、".join(row["documents"]) if row["documents"] else say("lookup.no_documents", lang)
    parts.append(say("lookup.documents", lang, documents=shown))
    return " | ".join(parts)
