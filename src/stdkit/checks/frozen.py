"""Published editions are frozen: the collection against its newest release (``releases/NAME.json``).

Why: exam systems tag their items with the 鉴定点 codes and schedule exams against an edition; a code
must mean one text for as long as the edition exists. So every issued edition the newest release
recorded is compared with it: a document whose source bytes are the released ones is frozen by
construction (no work); another is read whole and its line table, weights and assessment — with the
errata issued after the release undone — must give the released digests (:mod:`stdkit.releases`).
Where git can give the released file (the commit that added the release), the finding names each
changed code with its old and new text. The two ways out are a 勘误 (wording) or a new edition.

A finding depends on one document and the release only (the release is part of every cache key, see
:func:`stdkit.run.cache.run_key`), so an incremental run checks the changed documents again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from stdkit import changes, releases
from stdkit.collection import AnyEntry, Collection, Entry, entry_from_bytes
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.editions import ISSUED

#: Changed codes a finding lists; the rest are counted.
SHOWN = 8

R_CHANGED = rule(
    "REL101",
    "releases",
    Severity.ERROR,
    "A published edition differs from what the newest release recorded.",
    "A published edition never changes under its readers. Fix wording with a 勘误 (an `errata:` entry "
    "whose changes match the difference exactly); change anything else (a line added, removed or moved, a "
    "requirement, a weight) in a new edition: a new `edition` with `supersedes:` naming this one.",
    detail="{scope} (release {release}): {what}",
    zh=Wording(
        "已发布的版本与最新发布记录不一致。",
        "已发布的版本不得改动。文字错误请用勘误更正（`errata:` 中的更正须与改动完全一致）；其他改动（增删或移动条目、"
        "改变要求或权重）请发布新版本：新的 `edition`，并用 `supersedes:` 指向本版本。",
        "{scope}（发布记录 {release}）：{what_zh}",
    ),
    bad="# released as: - 能清洗、消毒奶瓶、餐具等哺喂用品\nskills:\n  - 能为婴幼儿测试奶温\n  - 能清洗、消毒奶瓶、餐具等哺喂用品",
    good="# released as: - 能清洗、消毒奶瓶、餐具等哺喂用品\nskills:\n  - 能清洗、消毒奶瓶、餐具等哺喂用品",
)
R_REVISION = rule(
    "REL102",
    "releases",
    Severity.ERROR,
    "A published edition has fewer errata than the newest release recorded.",
    "Errata are never removed: restore the `errata:` entries the release recorded.",
    detail="{ref} is at revision {now}; release {release} recorded revision {revision}.",
    zh=Wording(
        "已发布版本的勘误少于最新发布记录中的勘误。",
        "勘误不能删除：请恢复发布记录中的 `errata:` 条目。",
        "{ref} 现在的修订次数是 {now}；发布记录 {release} 中是 {revision}。",
    ),
)
R_RELEASE_FILE = rule(
    "REL103",
    "releases",
    Severity.ERROR,
    "A release file cannot be read.",
    "Release files are written by `stdkit release` and never edited: restore it from git.",
    detail="{problem}",
    zh=Wording(
        "发布记录文件无法读取。",
        "发布记录由 `stdkit release` 生成，不应手工修改：请从 git 中恢复。",
        "{problem}",
    ),
)
R_GONE = rule(
    "REL104",
    "releases",
    Severity.ERROR,
    "An edition the newest release recorded is no longer in the collection.",
    "Every edition stays where it was published: restore its file. A new edition marks it superseded "
    "(`supersedes:`); one no longer in force is `status: withdrawn`.",
    detail="{ref} ({file}) is gone.",
    zh=Wording(
        "最新发布记录中的版本已不在文件库中。",
        "每个版本都保留在其发布地址：请恢复该文件。新版本会把它标为已被替代（`supersedes:`）；不再施行的版本请写 "
        "`status: withdrawn`。",
        "{ref}（{file}）已不存在。",
    ),
)
R_UNISSUED = rule(
    "REL105",
    "releases",
    Severity.ERROR,
    "A released edition's status went back to an unpublished one.",
    "An issued edition stays published, superseded or withdrawn. To replace it, publish a new edition that "
    "`supersedes:` it; to end it, set `status: withdrawn` with its date.",
    detail="{ref} was {released} in release {release}; it is {status} now.",
    zh=Wording(
        "已发布版本的状态被改回了未发布状态。",
        "已发布的版本只能是已发布、已被替代或已废止。要替代它，请发布 `supersedes:` 指向它的新版本；要终止它，请写 "
        "`status: withdrawn` 及日期。",
        "{ref} 在发布记录 {release} 中为 {released}，现在为 {status}。",
    ),
)
R_REWRITTEN = rule(
    "REL106",
    "releases",
    Severity.ERROR,
    "A release file that the base revision has was changed or removed.",
    "A release is never rewritten: restore the file from the base revision. Record a new release with "
    "`stdkit release NAME` instead.",
    detail="{file} differs from {rev}'s.",
    zh=Wording(
        "基准版本中已有的发布记录文件被修改或删除。",
        "发布记录一经写入不再改写：请从基准版本恢复该文件；如需新的发布，请运行 `stdkit release NAME`。",
        "{file} 与 {rev} 中的不同。",
    ),
)

#: Where a scope's finding points: the YAML path of the part it digests.
_PLACES = {releases.BASICS: ("basics",), releases.WEIGHTS: ("weights",), releases.ASSESSMENT: ("assessment",)}
_SCOPE_NAMES = {
    releases.BASICS: "基本要求 (basics)",
    releases.WEIGHTS: "权重表 (weights)",
    releases.ASSESSMENT: "鉴定要求 (assessment)",
}


def check(collection: Collection) -> Iterator[Diagnostic]:
    root = collection.config.root
    newest = releases.newest(root)
    if newest is None:
        return
    shown, file = newest
    try:
        release = releases.read(file, shown)
    except (OSError, releases.ReleaseError) as exc:
        yield R_RELEASE_FILE.at(shown, 1, 1, problem=exc)
        return
    present = {entry.ref: entry for entry in collection.entries}
    for released in release.documents:
        entry = present.get(released.ref)
        if entry is None:
            if not (root / released.path).exists():
                line = release.line_of(released.ref)
                yield R_GONE.at(shown, line, 1, ref=released.ref, file=released.path)
            continue
        yield from _compared(collection, release, released, entry)


def _compared(
    collection: Collection, release: releases.Release, released: releases.Released, entry: AnyEntry
) -> Iterator[Diagnostic]:
    status = entry.document.status
    if status not in ISSUED:
        yield entry.at(
            ("status",),
            R_UNISSUED,
            ref=entry.ref,
            released=released.status,
            release=release.name,
            status=status.value,
        )
        return
    if entry.sha256 == released.sha256:
        return
    whole = collection.complete(entry)
    if not isinstance(whole, Entry):
        return  # the file changed while this run read it: the next run compares it
    document = whole.document
    if document.revision < released.revision:
        yield whole.at(
            ("errata",),
            R_REVISION,
            key=True,
            ref=whole.ref,
            now=document.revision,
            revision=released.revision,
            release=release.name,
        )
        return
    now = releases.digests(whole, released.revision)
    differing = sorted(
        scope for scope in {*now, *released.digests} if now.get(scope) != released.digests.get(scope)
    )
    if not differing:
        return
    before = _released_tables(collection, release, released)
    after = releases.undone(releases.line_tables(whole), document.errata[released.revision :])
    for scope in differing:
        what, what_zh = _what(whole.ref, scope, before, after)
        yield whole.at(
            _place(whole, scope),
            R_CHANGED,
            release=release.name,
            ref=whole.ref,
            scope=_SCOPE_NAMES.get(scope, scope),
            what=what,
            what_zh=what_zh,
        )


def _released_tables(
    collection: Collection, release: releases.Release, released: releases.Released
) -> dict[str, releases.Table] | None:
    """The released edition's line tables, read from the commit that added the release; None when git
    cannot give it (no repository, a shallow clone, a release not committed yet)."""
    root = collection.config.root
    commit = changes.added_in(root, release.file)
    if commit is None:
        return None
    try:
        found = changes.files_at(root, commit, [released.path])
    except changes.GitError:
        return None
    raw = found.get(released.path)
    if raw is None:
        return None
    entry, _ = entry_from_bytes(raw, released.path)
    return None if entry is None else releases.line_tables(entry)


def _what(
    ref: str, scope: str, before: dict[str, releases.Table] | None, after: dict[str, releases.Table]
) -> tuple[str, str]:
    """The difference in words (English, Chinese): each changed code with its released and present text."""
    if scope in (releases.WEIGHTS, releases.ASSESSMENT):
        return "changed since the release", "自发布以来有改动"
    if before is None:
        return (
            "its lines changed since the release (the released text is not in this clone's history: fetch the "
            "full history to see each line)",
            "条目自发布以来有改动（本克隆中没有发布时的文本：获取完整历史后可看到每一条）",
        )
    shown = _differences(ref, before.get(scope, {}), after.get(scope, {}))
    rest = len(shown) - SHOWN
    english = "; ".join(en for en, _ in shown[:SHOWN]) + (f"; and {rest} more" if rest > 0 else "")
    chinese = "；".join(zh for _, zh in shown[:SHOWN]) + (f"；另有 {rest} 处" if rest > 0 else "")
    return english, chinese


def _differences(ref: str, old: releases.Table, new: releases.Table) -> list[tuple[str, str]]:
    """Each code that differs, named in full (``6-31-01-03@2018/L5/1.1.2``, as exam systems tag items)."""
    found = []
    for local in [*old, *(c for c in new if c not in old)]:
        code = f"{ref}/{local}"
        if local not in new:
            found.append((f"{code} 「{old[local]}」 removed", f"{code}「{old[local]}」被删除"))
        elif local not in old:
            found.append((f"{code} 「{new[local]}」 added", f"{code}「{new[local]}」为新增"))
        elif old[local] != new[local]:
            found.append(
                (
                    f"{code} 「{old[local]}」 now reads 「{new[local]}」",
                    f"{code}「{old[local]}」现为「{new[local]}」",
                )
            )
    return found or [("its lines changed since the release", "条目自发布以来有改动")]


def _place(entry: Entry, scope: str) -> tuple[str | int, ...]:
    if scope in _PLACES:
        return _PLACES[scope]
    if scope == "unit":
        return ("units",)
    if "/" in scope:  # a 工种's own level
        return ("work_types",)
    return ("work", scope)


def rewritten(root: Path, rev: str) -> list[Diagnostic]:
    """REL106 for each release file at ``rev`` that is different or gone now: a pull request that edits a
    release could otherwise make its own changes to a published edition pass (``check --changed-since``)."""
    listing = changes.git(root, "ls-tree", "-r", "--name-only", rev, "--", f"{releases.FOLDER}/").decode()
    found = []
    for name in sorted(filter(None, listing.splitlines())):
        before = changes.git(root, "show", f"{rev}:./{name}")
        try:
            now = (root / name).read_bytes()
        except OSError:
            now = None
        if now != before:
            found.append(R_REWRITTEN.at(name, 1, 1, file=name, rev=rev))
    return found
