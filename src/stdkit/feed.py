"""The change feed (``site/changes/``): what each release of the collection changed, for consumers to follow.

Built from the committed release manifests (``releases/*.json``, :mod:`stdkit.releases`) and the confirmed
crosswalks (:mod:`stdkit.crosswalks`) only — never from git history, so a shallow clone, another checkout
order or another working folder builds the same bytes — with the collection as it is now for the facts a
manifest does not record (an edition's title and 大典 codes, the dates of its standing, the text of its 勘误).
Each release is compared with the one before it (``previous``): editions added or removed, standings and
revisions changed, blueprints whose sha256 changed, and for an edition added with a confirmed crosswalk from
an edition of the previous release, one change per crosswalk row that is not ``identical``. No blueprint is
built here: a collection of 10,000 documents costs a pass over the manifests.

Written (:func:`files`): ``index.json`` (:class:`~stdkit.model.feed.ChangesIndex`), ``<release>.jsonl`` (a
:class:`~stdkit.model.feed.Change` a line, sorted), ``<release>.md`` (release notes in Chinese; author text
through :mod:`stdkit.markdown`), and Atom feeds (RFC 4287, written with lxml, never by string):
``feed.atom`` (an entry per release), ``by-document/<id>.atom`` and ``by-code/<大典 code>.atom`` (an entry
per release and document). Entry ids are ``urn:uuid:`` v5 names of the release and document, the same in
every feed and on every site; links are site-relative under an ``xml:base`` of the configured ``site_url``
(or of the site's root, relative, without one). Nothing here reads the clock.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import orjson
from lxml import etree

from stdkit import blueprint, crosswalks, editions, markdown, publish, releases
from stdkit.collection import Collection, Entry, levelled, special
from stdkit.crosswalks import RELATION_NAMES, Crosswalk, Relation
from stdkit.model.feed import (
    SCHEMA_VERSION,
    Change,
    ChangeKind,
    ChangesIndex,
    Counts,
    Kind,
    Op,
    ReleaseSummary,
)
from stdkit.reference.records import Release as ReferenceRelease
from stdkit.releases import Release, Released
from stdkit.untrusted import printable

ROOT = "changes"
INDEX = "index.json"
FEED = "feed.atom"
BY_DOCUMENT = "by-document"
BY_CODE = "by-code"
ATOM = "http://www.w3.org/2005/Atom"
_FEED, _ENTRY, _ID, _TITLE, _UPDATED, _AUTHOR, _NAME, _LINK, _CATEGORY, _SUMMARY = (
    f"{{{ATOM}}}{name}"
    for name in ("feed", "entry", "id", "title", "updated", "author", "name", "link", "category", "summary")
)
_BASE = "{http://www.w3.org/XML/1998/namespace}base"
#: UUID v5 namespace of the feed's entry and feed ids (uuid5(NAMESPACE_URL, "urn:stdkit:changes")).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:stdkit:changes")
_OPS = tuple(Op)
_RUNS = re.compile(r"[0-9]+|[^0-9]+")
#: Relations that add or remove a 鉴定点 (a split makes more lines, a merge fewer): a major release.
_COUNT_CHANGES = frozenset({Relation.NEW, Relation.DELETED, Relation.SPLIT, Relation.MERGED})
_OP_NAMES = {
    Op.DOCUMENT: "文档",
    Op.SUPERSEDED: "被替代",
    Op.STATUS: "状态变化",
    Op.LINE: "条目变化",
    Op.BLUEPRINT: "考核蓝图变化",
    Op.REFERENCE: "参考数据变化",
}
_STATUS_NAMES = {
    "published": "已发布",
    "superseded": "已被替代",
    "withdrawn": "已废止",
}


@dataclasses.dataclass(frozen=True)
class Now:
    """What the collection says now about the editions the releases name (None where it no longer has one)."""

    entries: Mapping[str, Entry]
    standing: Mapping[str, editions.Standing]
    walks: Mapping[str, Crosswalk]  # new ref → its confirmed crosswalk
    reference: Sequence[ReferenceRelease]
    site_url: str | None = None

    @classmethod
    def of(cls, collection: Collection[Entry], walks: Iterable[Crosswalk]) -> Now:
        entries = {e.ref: e for e in collection.entries}
        return cls(
            entries=entries,
            standing=editions.standing(collection.entries),
            walks={w.to_ref: w for w in walks},
            reference=collection.reference.releases,
            site_url=collection.config.site_url,
        )

    def occupations(self, ref: str) -> list[str]:
        """The 大典 codes ``ref`` certifies: a levelled document's occupation (those a rule across occupations
        lists, none for `occupations: any`), a special's related ones."""
        entry = self.entries.get(ref)
        if entry is None:
            return []
        body = levelled(entry.document)
        if body is not None:
            return sorted(set(body.occupation_codes()))
        competency = special(entry.document)
        return sorted(set(competency.related_occupations)) if competency else []

    def title(self, document_id: str, refs: Iterable[str]) -> str:
        for ref in sorted(refs, reverse=True):
            entry = self.entries.get(ref)
            if entry is not None:
                return entry.document.title
        return document_id


# ------------------------------------------------------------------------------------------- files


def write_into(collection: Collection[Entry], folder: Path) -> list[Path]:
    """Write the feed of the collection's releases into ``folder``; the files written, relative to
    ``folder``'s parent (``changes/…``). Nothing is written for a collection without a release."""
    named = [
        releases.read(path, f"{releases.FOLDER}/{path.name}")
        for path in releases.files(collection.config.root)
    ]
    made = files(named, Now.of(collection, crosswalks.confirmed(collection.config.root)))
    written = []
    for relative, data in made.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(Path(ROOT) / relative)
    return written


def files(named: Sequence[Release], now: Now) -> dict[str, bytes]:
    """Relative path (below ``changes/``) → bytes of every file of the feed; {} without a release."""
    if not named:
        return {}
    by_name = {release.name: release for release in named}
    made: dict[str, bytes] = {}
    summaries: list[ReleaseSummary] = []
    every: dict[str, list[Change]] = {}
    for release in named:
        found = changes(release, by_name.get(release.previous or ""), now)
        every[release.name] = found
        lines = b"".join(_line(change) for change in found)
        summary = summarise(release, found, lines)
        summaries.append(summary)
        made[summary.changes] = lines
        made[summary.notes] = notes(summary, found, now).encode()
    index = ChangesIndex(schema_version=SCHEMA_VERSION, latest=named[-1].name, releases=summaries)
    made[INDEX] = publish.dump(index)  # canonical JSON, as every published file
    made.update(_feeds(summaries, every, now))
    return dict(sorted(made.items()))


def _line(change: Change) -> bytes:
    return orjson.dumps(change.model_dump(mode="json", by_alias=True), option=orjson.OPT_SORT_KEYS) + b"\n"


def snapshot(release: Release) -> str:
    """SHA-256 of the state ``release`` records, without its name, date or previous: the same in two
    releases when nothing published changed."""
    rows = sorted(release.documents, key=lambda row: row.ref)  # orjson writes a dataclass's fields in order
    return hashlib.sha256(orjson.dumps(rows, option=orjson.OPT_SORT_KEYS)).hexdigest()


def summarise(release: Release, found: Sequence[Change], lines: bytes) -> ReleaseSummary:
    counted = Counter(change.op for change in found)
    return ReleaseSummary(
        release=release.name,
        date=release.date,
        previous=release.previous,
        kind=kind_of(found),
        counts=Counts.model_validate({op.value: counted[op] for op in _OPS}),
        documents=len(release.documents),
        snapshot_sha256=snapshot(release),
        changes=f"{release.name}.jsonl",
        changes_sha256=hashlib.sha256(lines).hexdigest(),
        notes=f"{release.name}.md",
    )


def kind_of(found: Iterable[Change]) -> Kind:
    """major when a document, a line or a 鉴定点 was added or removed; minor otherwise."""
    for change in found:
        if change.op is Op.DOCUMENT:
            return Kind.MAJOR
        if change.op is Op.LINE and change.relation in _COUNT_CHANGES:
            return Kind.MAJOR
    return Kind.MINOR


# ----------------------------------------------------------------------------------------- changes


def changes(release: Release, previous: Release | None, now: Now) -> list[Change]:
    """Every change ``release`` made to ``previous`` (every edition added, for the first release), sorted."""
    before = previous.by_ref() if previous is not None else {}
    after = release.by_ref()
    found: list[Change] = []

    def make(op: Op, change: ChangeKind, ref: str, /, **fields: object) -> None:
        found.append(
            Change.model_validate(
                {
                    "release": release.name,
                    "op": op,
                    "change": change,
                    "document": ref.partition("@")[0],
                    "ref": ref,
                    "occupations": now.occupations(ref),
                    **fields,
                }
            )
        )

    for ref, row in after.items():
        old = before.get(ref)
        if old is None:
            make(Op.DOCUMENT, ChangeKind.ADDED, ref, blueprints=_urls(ref, row.blueprints))
            continue
        _standing(make, ref, old, row, now)
        _errata(make, ref, old, row, now)
        for level in sorted(old.blueprints.keys() | row.blueprints.keys()):
            was, is_now = old.blueprints.get(level), row.blueprints.get(level)
            if was != is_now:
                change = (
                    ChangeKind.CHANGED
                    if was and is_now
                    else ChangeKind.ADDED
                    if is_now
                    else ChangeKind.REMOVED
                )
                make(
                    Op.BLUEPRINT,
                    change,
                    ref,
                    level=level,
                    was=was,
                    now=is_now,
                    blueprints=_urls(ref, [level]),
                )
    for ref in before.keys() - after.keys():
        make(Op.DOCUMENT, ChangeKind.REMOVED, ref)
    if previous is not None:
        for ref in sorted(after.keys() - before.keys()):
            walk = now.walks.get(ref)
            if walk is not None and walk.from_ref in before:
                _rows(make, walk, before[walk.from_ref], after[ref])
        _reference(make, release, previous, now)
    return sorted(found, key=_order)


def _order(change: Change) -> tuple[object, ...]:
    """By document, edition and op; lines by their old codes, then their new ones, numbers as numbers (a
    stable sort: ties keep the order of the release's rows and the crosswalk's rows)."""
    codes = [_natural(code) for code in (*(change.earlier or ()), *(change.codes or ()))]
    # the rest of a tie keeps the order changes() made them in, which is the releases' and crosswalks' own
    return (change.document, change.ref, _OPS.index(change.op), change.level or "", codes, change.change)


def _natural(code: str) -> tuple[tuple[int, str], ...]:
    """``L3/1.1.10`` after ``L3/1.1.9``: each run of digits as a number."""
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in _RUNS.findall(code))


def _urls(ref: str, levels: Iterable[str]) -> list[str]:
    return [f"{blueprint.ROOT}/{blueprint.url_of(ref, level)}" for level in sorted(levels)]


def _standing(make: _Make, ref: str, old: Released, row: Released, now: Now) -> None:
    if old.status == row.status:
        return
    if row.status == "superseded":
        standing = now.standing.get(ref)
        successor = now.entries.get(standing.superseded_by or "") if standing else None
        publication = successor.document.publication if successor else None
        make(
            Op.SUPERSEDED,
            ChangeKind.CHANGED,
            ref,
            was=old.status,
            now=row.status,
            superseded_by=standing.superseded_by if standing else None,
            effective=_day(publication.effective if publication else None),
            exam_until=_day(standing.exam_until if standing else None),
        )
        return
    entry = now.entries.get(ref)
    withdrawn = entry.document.withdrawn if entry and row.status == "withdrawn" else None
    make(Op.STATUS, ChangeKind.CHANGED, ref, was=old.status, now=row.status, exam_until=_day(withdrawn))


def _errata(make: _Make, ref: str, old: Released, row: Released, now: Now) -> None:
    """A line change per 勘误 change issued between the two revisions (texts from the document now)."""
    entry = now.entries.get(ref)
    if entry is None or row.revision <= old.revision:
        return
    for erratum in entry.document.errata[old.revision : row.revision]:
        for fix in erratum.changes:
            make(
                Op.LINE,
                ChangeKind.CHANGED,
                ref,
                codes=[f"{ref}/{fix.code}"],
                relation=Relation.WORDING,
                was=fix.from_,
                now=fix.to,
                date=_day(erratum.date),
                note=erratum.notice,
                blueprints=_touched(ref, row.blueprints, [fix.code]),
            )


def _rows(make: _Make, walk: Crosswalk, old: Released, new: Released) -> None:
    """A line change per crosswalk row that is not ``identical`` (those lines mean what they meant)."""
    transition = walk.content.transition
    for row in walk.rows:
        if row.relation is Relation.IDENTICAL:
            continue
        retired = row.relation is Relation.DELETED
        change = (
            ChangeKind.RETIRED
            if retired
            else ChangeKind.ADDED
            if row.relation is Relation.NEW
            else ChangeKind.CHANGED
        )
        make(
            Op.LINE,
            change,
            new.ref,
            codes=[f"{new.ref}/{code}" for code in row.news],
            earlier=[f"{old.ref}/{code}" for code in row.olds],
            relation=row.relation,
            note=row.note or row.reason,
            exam_until=_day(transition.old_last_exam if transition and retired else None),
            blueprints=_touched(old.ref, old.blueprints, row.olds)
            if retired
            else _touched(new.ref, new.blueprints, row.news),
        )


def _touched(ref: str, levels: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The blueprints of ``ref`` (of ``levels``) that print a line of ``codes``: its scope's, and a 工种's of
    that level; every one for a 基本要求 line."""
    keys = sorted(levels)
    scopes = {crosswalks.scope_of(code) for code in codes}
    hit = [
        key
        for key in keys
        if releases.BASICS in scopes or key in scopes or any(key.endswith("/" + s) for s in scopes)
    ]
    return _urls(ref, hit)


def _reference(make: _Make, release: Release, previous: Release, now: Now) -> None:
    """A change per 大典 release dated after ``previous`` and by ``release`` that concerns a code a
    document of ``release`` certifies."""
    dated = [r for r in now.reference if previous.date < r.date <= release.date]
    if not dated:
        return
    by_code: dict[str, list[str]] = defaultdict(list)
    for ref in release.by_ref():
        for code in now.occupations(ref):
            by_code[code].append(ref)
    for data in dated:
        said: list[tuple[ChangeKind, str, str | None, str | None]] = [
            *((ChangeKind.ADDED, o.code, None, o.name) for o in data.added),
            *((ChangeKind.CHANGED, r.code, r.earlier_name, r.name) for r in data.renamed),
            *((ChangeKind.REMOVED, c.code, c.name, None) for c in data.removed),
            *((ChangeKind.ADDED, w.occupation, None, w.name) for w in data.work_types),
        ]
        for change, code, was, is_now in said:
            for ref in by_code.get(code, ()):
                make(
                    Op.REFERENCE,
                    change,
                    ref,
                    occupation=code,
                    was=was,
                    now=is_now,
                    date=data.date,
                    source=data.title,
                )


def _day(value: object) -> str | None:
    return None if value is None else str(value)


class _Make(Protocol):  # changes()'s make, as the helpers above call it
    def __call__(self, op: Op, change: ChangeKind, ref: str, /, **fields: object) -> None: ...


# ------------------------------------------------------------------------------------------- notes


def describe(change: Change) -> str:
    """One change in a line of Chinese (release notes and Atom entries); author text left raw (the caller
    makes it inert for its medium)."""
    match change.op:
        case Op.DOCUMENT:
            verb = "新增版本" if change.change is ChangeKind.ADDED else "移除版本"
            count = f"，考核蓝图 {len(change.blueprints)} 份" if change.blueprints else ""
            return f"{verb} {change.ref}{count}"
        case Op.SUPERSEDED:
            return (
                f"{change.ref} 被 {change.superseded_by or '新版本'} 替代：新版施行日期 {change.effective or '未注明'}，"
                f"旧版最后鉴定日期 {change.exam_until or '未注明'}"
            )
        case Op.STATUS:
            after = f"（{change.exam_until}）" if change.exam_until else ""
            return f"{change.ref} 状态由「{_status(change.was)}」改为「{_status(change.now)}」{after}"
        case Op.LINE:
            return _describe_line(change)
        case Op.BLUEPRINT:
            what = {ChangeKind.ADDED: "新增", ChangeKind.REMOVED: "移除"}.get(change.change, "内容变化")
            return f"{change.ref} 的 {change.level} 考核蓝图{what}"
        case Op.REFERENCE:
            what = {ChangeKind.ADDED: "发布", ChangeKind.REMOVED: "取消"}.get(change.change, "更名")
            names = (
                f"「{change.was}」→「{change.now}」"
                if change.was and change.now
                else f"「{change.was or change.now}」"
            )
            return f"职业分类 {change.occupation} {what}{names}（{change.source}，{change.date}）"
    return change.op.value  # pragma: no cover - every op is matched above


def _describe_line(change: Change) -> str:
    relation = RELATION_NAMES[change.relation] if change.relation else ""
    new = "、".join(change.codes or []) or "—"
    if change.earlier is None:  # a 勘误
        return f"勘误（{change.date}）{new}：「{change.was}」→「{change.now}」"
    old = "、".join(change.earlier) or "—"
    tail = f"：{change.note}" if change.note else ""
    if change.change is ChangeKind.RETIRED and change.exam_until:
        tail += f"（最后鉴定日期 {change.exam_until}）"
    return f"{relation} {old} → {new}{tail}"


def _status(value: str | None) -> str:
    return _STATUS_NAMES.get(value or "", value or "")


def notes(summary: ReleaseSummary, found: Sequence[Change], now: Now) -> str:
    """The release notes in Chinese: the counts, then each document's changes."""
    kind = "重大变更（major）" if summary.kind is Kind.MAJOR else "一般变更（minor）"
    out = [
        f"# {summary.release} 发布说明",
        "",
        f"发布日期：{summary.date}；上一发布：{summary.previous or '无（首次发布）'}；类型：{kind}；"
        f"收录版本 {summary.documents} 个。",
        "",
        "| 类别 | 数量 |",
        "|---|---|",
        *(f"| {_OP_NAMES[op]}（{op.value}） | {getattr(summary.counts, op.value)} |" for op in _OPS),
        "",
    ]
    for document_id, group in _by_document(found).items():
        title = markdown.text(now.title(document_id, {c.ref for c in group}))
        out += [f"## {title}（{markdown.text(document_id)}）", ""]
        out += [f"- {markdown.text(line)}" for line in document_lines(group)]
        out.append("")
    if not found:
        out += ["本次发布没有变更。", ""]
    return "\n".join(out)


def document_lines(group: Sequence[Change]) -> list[str]:
    """A document's changes in a release, a line each, with its crosswalk rows counted in one line (they are
    listed one by one in the .jsonl)."""
    rows = [c for c in group if c.op is Op.LINE and c.earlier is not None]
    said = [f"条目：{_line_counts(rows)}"] if rows else []
    return said + [describe(c) for c in group if not (c.op is Op.LINE and c.earlier is not None)]


def _line_counts(lines: Sequence[Change]) -> str:
    """增加 N 条、删除 N 条、更改 N 条 … in the 前言's words, with the crosswalk's relations."""
    counted = Counter(c.relation for c in lines)
    added, deleted = counted[Relation.NEW], counted[Relation.DELETED]
    changed = sum(counted[r] for r in (Relation.WORDING, Relation.MOVED, Relation.REVISED))
    parts = [f"增加 {added} 条", f"删除 {deleted} 条", f"更改 {changed} 条"]
    parts += [f"{RELATION_NAMES[r]} {counted[r]} 处" for r in (Relation.SPLIT, Relation.MERGED) if counted[r]]
    detail = "、".join(f"{RELATION_NAMES[r]} {counted[r]}" for r in Relation if counted[r])
    return f"{'、'.join(parts)}（{detail}）；逐条见 .jsonl"


def _by_document(found: Iterable[Change]) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = defaultdict(list)
    for change in found:
        grouped[change.document].append(change)
    return dict(sorted(grouped.items()))


# -------------------------------------------------------------------------------------------- Atom


def _feeds(
    summaries: Sequence[ReleaseSummary], every: Mapping[str, list[Change]], now: Now
) -> dict[str, bytes]:
    """feed.atom (an entry per release) and the feeds per document and per 大典 code (an entry per release
    and document), newest release first."""
    newest_first = sorted(summaries, key=lambda s: (s.date, s.release), reverse=True)
    made = {
        FEED: _feed(
            FEED, "变更通知：全部发布", newest_first[0].date, [_release_entry(s) for s in newest_first], now
        )
    }
    per_document: dict[str, list[_Entry]] = defaultdict(list)
    per_code: dict[str, list[_Entry]] = defaultdict(list)
    for summary in newest_first:
        for document_id, group in _by_document(every[summary.release]).items():
            entry = _document_entry(summary, document_id, group, now)
            per_document[document_id].append(entry)
            for code in sorted({code for change in group for code in change.occupations}):
                per_code[code].append(entry)
    for kind, grouped, label in ((BY_DOCUMENT, per_document, "文档"), (BY_CODE, per_code, "职业")):
        for key, entries in sorted(grouped.items()):
            path = f"{kind}/{key}.atom"
            title = f"变更通知：{label} {now.title(key, _refs_of(entries)) if kind == BY_DOCUMENT else key}"
            made[path] = _feed(path, title, entries[0].updated, entries, now)
    return made


@dataclasses.dataclass(frozen=True)
class _Entry:
    key: str  # the uuid5 name
    title: str
    updated: str  # YYYY-MM-DD
    summary: str
    links: tuple[tuple[str, str], ...]  # (rel, site-relative href)
    categories: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


def _refs_of(entries: Iterable[_Entry]) -> set[str]:
    return {ref for entry in entries for ref in entry.refs}


def _release_entry(summary: ReleaseSummary) -> _Entry:
    counts = "，".join(f"{_OP_NAMES[op]} {getattr(summary.counts, op.value)}" for op in _OPS)
    kind = "重大变更" if summary.kind is Kind.MAJOR else "一般变更"
    return _Entry(
        key=f"release/{summary.release}",
        title=f"发布 {summary.release}（{kind}）",
        updated=summary.date,
        summary=f"{counts}。",
        links=(
            ("alternate", f"{ROOT}/{summary.notes}"),
            ("related", f"{ROOT}/{summary.changes}"),
        ),
    )


def _document_entry(summary: ReleaseSummary, document_id: str, group: Sequence[Change], now: Now) -> _Entry:
    refs = sorted({c.ref for c in group})
    pages = [("alternate", _page(ref)) for ref in refs if ref in now.entries]
    return _Entry(
        key=f"release/{summary.release}/document/{document_id}",
        title=f"{summary.release}：{now.title(document_id, refs)}（{document_id}）{len(group)} 项变更",
        updated=summary.date,
        summary="\n".join(document_lines(group)),
        links=(*pages, ("related", f"{ROOT}/{summary.changes}"), ("related", f"{ROOT}/{summary.notes}")),
        categories=tuple(sorted({code for c in group for code in c.occupations})),
        refs=tuple(refs),
    )


def _page(ref: str) -> str:
    """The edition's page on the site (:func:`stdkit.site.pages.urls.doc_uri`, built as .html; a test holds
    the two together: the site layer is above this one)."""
    document_id, _, edition = ref.partition("@")
    return f"standards/{document_id}/{edition}.html"


def _feed(path: str, title: str, updated: str, entries: Sequence[_Entry], now: Now) -> bytes:
    up = "../" * (len(f"{ROOT}/{path}".split("/")) - 1)
    root = etree.Element(_FEED, nsmap={None: ATOM})
    root.set(_BASE, f"{now.site_url}/" if now.site_url else up)
    sub = etree.SubElement
    sub(root, _ID).text = _urn(f"feed/{path}")
    sub(root, _TITLE).text = printable(title)
    sub(root, _UPDATED).text = _stamp(updated)
    sub(sub(root, _AUTHOR), _NAME).text = "stdkit"
    sub(root, _LINK, rel="self", href=f"{ROOT}/{path}", type="application/atom+xml")
    sub(root, _LINK, rel="related", href=f"{ROOT}/{INDEX}", type="application/json")
    for entry in entries:
        node = sub(root, _ENTRY)
        sub(node, _ID).text = _urn(entry.key)
        sub(node, _TITLE).text = printable(entry.title)
        sub(node, _UPDATED).text = _stamp(entry.updated)
        for rel, href in entry.links:
            sub(node, _LINK, rel=rel, href=href)
        for code in entry.categories:
            sub(node, _CATEGORY, term=code, label="职业分类")
        sub(node, _SUMMARY, type="text").text = "\n".join(
            printable(line) for line in entry.summary.split("\n")
        )
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


def _stamp(day: str) -> str:
    """An RFC 3339 date-time of a release's day (Atom's updated): midnight UTC."""
    return f"{day}T00:00:00Z"
