"""Document → 1EdTech CASE 1.1 CFPackage (JSON): the standard as a competency framework others can import.

International comparability (国际可比): a CASE consumer (a credential registry, an LMS, OpenSALT)
reads a standard as a tree of CFItems:

    CFDocument                         the document (creator/publisher: its issuer; version: its edition)
      基本要求 职业道德 / 基础知识 → 知识领域 → 知识点       (levelled documents)
      职业等级 (one per blueprint level: L3, or 001/L3 for a 工种)
        职业功能 → 工作内容 → 技能要求 / 相关知识要求
      考核模块 → 技能要求 / 相关知识要求              (special competencies)

Every item's ``humanCodingScheme`` is the stable 鉴定点 code the blueprints carry: the codes are
taken from :func:`stdkit.blueprint.build`, never recomputed here (a level's or content's code is
the prefix of its lines' codes, as the grammar in :mod:`stdkit.blueprint` defines). Line items
carry the ladder id in ``educationLevel`` and their 重要程度 in ``extensions``. What CASE makes optional
and is the same for every item is said once: an item names its type by ``CFItemType`` (the title of its
``CFDefinitions.CFItemTypes`` entry, unique there), without a ``CFItemTypeURI`` link, and carries no
``language`` (the CFDocument's); that was a fifth of a package's bytes.

Choices where CASE leaves room, so that consumers can rely on them:

- identifiers are UUID v5 of the stable code in :data:`NAMESPACE` (the document's from its
  ``id@edition``), so a re-export is byte-identical, a later edition's unchanged code keeps its id and
  an erratum (which fixes wording, never codes) changes no identifier;
- ``uri``: with the collection's ``site_url`` (:class:`Placement`), every object's is the https URL of
  the published package with the object's identifier as fragment,
  ``<site_url>/blueprints/<id>/<edition>/case.json#<identifier>``, and a link to another document's
  package (``replacedBy``, ``isRelatedTo``) resolves to that package; without it (``stdkit export
  case``, a collection that names no site) every ``uri`` is ``urn:uuid:<identifier>``: no network
  location is promised;
- every ``lastChangeDateTime`` (required by CASE) is the document's ``issued`` date, else its
  publication's ``effective`` date, else 1970-01-01 — the epoch, which no document is dated, so a
  consumer can tell "not given" — never a date guessed from the edition's year and never the clock;
  ``statusStartDate`` only where the document gives ``issued``;
  a line an erratum (勘误) fixed carries that erratum's date, and the CFDocument its latest erratum's;
- ``adoptionStatus`` follows the edition's standing in the collection when it is given: an edition a
  later one supersedes is ``Deprecated`` (``statusEndDate``: the last day of its 过渡期), as is a
  withdrawn one (``statusEndDate``: its withdrawal date);
- the occupation (职业分类大典 code) and, where the document gives it, its ISCO-08 unit group are
  CFSubjects of the CFDocument (``subject`` and ``subjectURI``; ISCO as ``ISCO-08 7411``, hierarchy
  code ``7411``), the place CASE gives to the classification a framework belongs to;
- ``supersedes: X@E`` becomes ``X@E replacedBy`` this document, an evaluation spec's ``basis:``
  becomes ``isRelatedTo`` its basis (the other end's identifier is its UUID v5, so packages link up).
- a confirmed crosswalk into this edition (:attr:`Placement.comparisons`, from :mod:`stdkit.comparison`)
  becomes its rows as associations in one CFAssociationGrouping of this (the new edition's) package:
  identical, wording, moved → the new line ``exactMatchOf`` the old; revised → the old ``replacedBy`` the
  new; split → each new line ``isPartOf`` the old; merged → each old line ``isPartOf`` the new; an old line
  is linked by its identifier and URI in the old edition's package. A line the next edition deleted
  carries, in the old edition's package, ``statusEndDate``: the crosswalk's ``transition.old_last_exam``.

Pure: a function of one :class:`Entry` and its :class:`Placement`; nothing here reads or writes files.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from stdkit import blueprint, editions, ladder
from stdkit.collection import Entry
from stdkit.comparison import Comparison
from stdkit.crosswalks import EXACT_MATCH, Relation
from stdkit.editions import Standing
from stdkit.ladder import Level
from stdkit.model import EvaluationSpec, LevelledBody, SpecialCompetency
from stdkit.model.blueprint import UNIT_LEVEL, Blueprint, Exam, Point, Section
from stdkit.model.common import BASICS_KEY, ETHICS_KEY, Method, PartialDate, Status

#: UUID v5 namespace of every identifier stdkit writes into a CASE package (uuid5(NAMESPACE_URL, "urn:stdkit:case")).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:stdkit:case")
CASE_VERSION = "1.1"
#: The file name of a document's package beside its blueprints (site/blueprints/<id>/<edition>/case.json).
FILE_NAME = "case.json"
LANGUAGE = "zh"
_FALLBACK_DATE = datetime.date(1970, 1, 1)

#: CFItemTypes: key → (title, description). Order is the order of CFDefinitions.CFItemTypes.
ITEM_TYPES: dict[str, tuple[str, str]] = {
    "level": (
        "职业等级",
        "A level of the vocational skill level ladder (学徒工 … 首席技师), or a 工种 at a level.",
    ),
    "ethics": ("职业道德", "Occupational ethics: 职业道德基本知识 and 职业守则."),
    "basics": ("基础知识", "Basic knowledge common to every level."),
    "area": ("知识领域", "An area of basic knowledge."),
    "function": ("职业功能", "A work function of a level (工作要求)."),
    "content": ("工作内容", "A work content of a work function."),
    "skill": ("技能要求", "A skill requirement: a 鉴定点 of the skill assessment."),
    "knowledge": ("相关知识要求", "A knowledge requirement: a 鉴定点 of the theory examination."),
    "conduct": ("职业守则", "A line of the code of conduct (职业守则) under occupational ethics."),
    "unit": ("考核模块", "An assessment module of a special competency (专项职业能力)."),
}
#: CASE adoptionStatus of each document status.
ADOPTION = {
    Status.DRAFT: "Draft",
    Status.CONSULTATION: "Draft",
    Status.APPROVED: "Adopted",
    Status.PUBLISHED: "Adopted",
    Status.SUPERSEDED: "Deprecated",
    Status.WITHDRAWN: "Deprecated",
}


_NAMESPACE_BYTES = NAMESPACE.bytes


@functools.lru_cache(maxsize=1 << 16)
def identifier(code: str) -> str:
    """The UUID v5 of a stable code (or of a document's ``id@edition``): ``str(uuid.uuid5(NAMESPACE, code))``.

    A package asks for each code about three times (its item, its parent's association, its own
    children's), so the answer is memoised (UUID v5 is a pure function of its inputs); and it is
    computed from the SHA-1 digest directly, without building ``uuid.UUID`` objects (RFC 4122
    §4.3: the first 16 bytes of SHA-1(namespace + name), version 5 and the RFC variant set).
    """
    raw = bytearray(hashlib.sha1(_NAMESPACE_BYTES + code.encode()).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50
    raw[8] = (raw[8] & 0x3F) | 0x80
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def path_of(ref: str) -> str:
    """Where the package of ``id@edition`` lives below the blueprints' root: beside its levels' blueprints."""
    document_id, _, edition = ref.partition("@")
    return f"{document_id}/{edition}/{FILE_NAME}"


@dataclasses.dataclass(frozen=True)
class Placement:
    """Where a package is published and what the collection says about it; the default is a package on
    its own (``stdkit export case``): ``urn:uuid:`` URIs and the document's own status."""

    #: the published site's https URL without a trailing slash (``[stdkit] site_url``), or None
    site_url: str | None = None
    #: the edition's standing in the collection (superseded by a later edition, withdrawn)
    standing: Standing | None = None
    #: a reference as documents write it (``supersedes``, ``basis``: ``id@edition`` or ``id``) → the
    #: ``id@edition`` whose package is published; a reference not here has no package to point at
    published: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: new ``id@edition`` → the 新旧版本对照表 of its confirmed crosswalk: the new edition's package carries
    #: its rows as associations, the old edition's its deleted lines' ``statusEndDate``
    comparisons: Mapping[str, Comparison] = dataclasses.field(default_factory=dict)

    def uri(self, ref: str | None, ident: str) -> str:
        """The URI of the object ``ident`` in the published package of ``ref`` (None: no package)."""
        if self.site_url is None or ref is None:
            return f"urn:uuid:{ident}"
        return f"{self.site_url}/{blueprint.ROOT}/{path_of(ref)}#{ident}"


def stamp(entry: Entry) -> str:
    """The package's one timestamp, from the document (see the module docstring)."""
    document = entry.document
    date = document.issued or (document.publication.effective if document.publication else None)
    return _timestamp(_FALLBACK_DATE if date is None else date)


def _timestamp(date: datetime.date | PartialDate) -> str:
    return f"{date.isoformat()}T00:00:00+00:00"


def _fixed(entry: Entry) -> dict[str, str]:
    """Full code → the timestamp of the latest erratum that changed its line."""
    ref = entry.document.ref
    return {
        f"{ref}/{change.code}": _timestamp(erratum.date)
        for erratum in sorted(entry.document.errata, key=lambda erratum: erratum.date)
        for change in erratum.changes
    }


@dataclasses.dataclass
class _Package:
    """Items and associations in the order they are added (document order)."""

    entry: Entry
    when: str
    placement: Placement
    fixed: dict[str, str] = dataclasses.field(default_factory=dict)  # code → when an erratum changed it
    ended: dict[str, str] = dataclasses.field(default_factory=dict)  # code → a deleted line's last exam day
    groupings: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    items: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    associations: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    seen: set[str] = dataclasses.field(default_factory=set)
    used_types: set[str] = dataclasses.field(default_factory=set)
    children: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def document_id(self) -> str:
        return identifier(self.entry.ref)

    def uri(self, ident: str) -> str:
        """The URI of an object of this package."""
        return self.placement.uri(self.entry.document.ref, ident)

    def link(self, ident: str, title: str) -> dict[str, Any]:
        return {"identifier": ident, "title": title, "uri": self.uri(ident)}

    def link_out(self, ref: str, title: str) -> dict[str, Any]:
        """A link to the document ``ref`` names: its published package's CFDocument where the collection
        publishes one, else the UUID v5 of the reference as written (no package to resolve to)."""
        found = self.placement.published.get(ref)
        ident = identifier(found or ref)
        return {"identifier": ident, "title": title, "uri": self.placement.uri(found, ident)}

    def item(
        self,
        code: str,
        kind: str,
        statement: str,
        parent: tuple[str, str] | None,
        *,
        level: str | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> str:
        """Add an item (once per code) and its isChildOf link to ``parent`` (code, title), or to the document."""
        ident = identifier(code)
        if ident in self.seen:
            return ident
        self.seen.add(ident)
        self.used_types.add(kind)
        # CASE 1.1 makes CFItemTypeURI and language optional: the type's title names its CFItemTypes entry
        # (titles are unique) and the CFDocument's language is every item's, so neither is repeated per item
        made: dict[str, Any] = {
            "identifier": ident,
            "uri": self.uri(ident),
            "fullStatement": statement,
            "CFItemType": ITEM_TYPES[kind][0],
            "humanCodingScheme": code,
            "lastChangeDateTime": self.fixed.get(code, self.when),
        }
        if level is not None:
            made["educationLevel"] = [level]
        if code in self.ended:
            made["statusEndDate"] = self.ended[code]
        if extensions:
            made["extensions"] = extensions
        self.items.append(made)
        if parent is None:
            destination = self.link(self.document_id, self.entry.document.title)
        else:
            destination = self.link(identifier(parent[0]), parent[1])
        self.associate("isChildOf", self.link(ident, statement), destination, key=code)
        return ident

    def associate(
        self,
        kind: str,
        origin: dict[str, Any],
        destination: dict[str, Any],
        *,
        key: str,
        grouping: dict[str, Any] | None = None,
    ) -> None:
        parent = destination["identifier"]
        self.children[parent] = self.children.get(parent, 0) + 1
        ident = identifier(f"association/{kind}/{key}")
        made = {
            "identifier": ident,
            "uri": self.uri(ident),
            "associationType": kind,
            "sequenceNumber": self.children[parent],
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "lastChangeDateTime": self.when,
        }
        if grouping is not None:
            made["CFAssociationGroupingURI"] = grouping
        self.associations.append(made)


def package(
    entry: Entry, placement: Placement | None = None, made: Mapping[str, Blueprint] | None = None
) -> dict[str, Any]:
    """The CFPackage of ``entry`` as a JSON-ready mapping, placed where ``placement`` says (see :class:`Placement`).
    ``made``: its blueprints by level key where the caller built them already (see :func:`_exams`)."""
    document = entry.document
    placed = placement or Placement()
    built = _Package(entry, stamp(entry), placed, _fixed(entry), _ended(entry, placed))
    if isinstance(document, SpecialCompetency):
        _special(built, entry, made)
    else:
        _levelled(built, entry, made)
    _lineage(built, entry)
    _crosswalk(built, entry)
    subjects = _subjects(built)
    cf_document: dict[str, Any] = {
        "identifier": built.document_id,
        "uri": built.uri(built.document_id),
        "caseVersion": CASE_VERSION,
        "frameworkType": str(document.KIND),
        "creator": document.issuer_label,
        "publisher": document.issuer_label,
        "title": document.title,
        "version": document.edition,
        "language": LANGUAGE,
        # an erratum changes the document: its latest is the document's last change
        "lastChangeDateTime": max([built.when, *built.fixed.values()]),
        **_adoption(entry, built.placement.standing),
    }
    if document.issued is not None:
        cf_document["statusStartDate"] = document.issued.isoformat()
    description = _description(document)
    if description:
        cf_document["description"] = description
    # CASE gives a CFDocument no code: its id@edition leads the notes
    cf_document["notes"] = document.ref if not document.notes else f"{document.ref}: {document.notes}"
    if subjects:
        cf_document["subject"] = [s["title"] for s in subjects]
        cf_document["subjectURI"] = [built.link(s["identifier"], s["title"]) for s in subjects]
    definitions: dict[str, Any] = {
        "CFItemTypes": [
            {
                "identifier": identifier(f"item-type/{kind}"),
                "uri": built.uri(identifier(f"item-type/{kind}")),
                "title": title,
                "description": text,
                "hierarchyCode": kind,
                "typeCode": kind,
                "lastChangeDateTime": built.when,
            }
            for kind, (title, text) in ITEM_TYPES.items()
            if kind in built.used_types
        ]
    }
    if subjects:
        definitions["CFSubjects"] = subjects
    if built.groupings:
        definitions["CFAssociationGroupings"] = built.groupings
    return {
        "CFDocument": cf_document,
        "CFItems": built.items,
        "CFAssociations": built.associations,
        "CFDefinitions": definitions,
    }


def dump(
    entry: Entry, placement: Placement | None = None, made: Mapping[str, Blueprint] | None = None
) -> bytes:
    """The package as canonical JSON: sorted keys, no indentation, UTF-8, trailing newline.

    Compact, unlike the blueprints: a package is read by programs, and indentation was half of its
    bytes (≈ 380 KB a document pretty-printed, ≈ 200 KB compact; 0.9 GB of a 10,000-document site).
    """
    return orjson.dumps(package(entry, placement, made), option=orjson.OPT_SORT_KEYS) + b"\n"


def _adoption(entry: Entry, standing: Standing | None) -> dict[str, str]:
    """adoptionStatus (and statusEndDate) from the edition's standing, else from its own status."""
    document = entry.document
    status = standing.status if standing is not None else document.status
    found = {"adoptionStatus": ADOPTION[status]}
    ended = None
    if status is Status.WITHDRAWN:
        ended = document.withdrawn
    elif standing is not None:
        ended = standing.exam_until
    if ended is not None:
        found["statusEndDate"] = ended.isoformat()
    return found


def _description(document: Any) -> str | None:
    if isinstance(document, LevelledBody):
        return document.occupation.definition if document.occupation is not None else None
    return document.description if isinstance(document, SpecialCompetency) else None


def _subjects(built: _Package) -> list[dict[str, Any]]:
    """CFSubjects: the 大典 occupation and its ISCO-08 unit group where the document names one."""
    document = built.entry.document
    found: list[tuple[str, str, str]] = []  # (title, hierarchy code, description)
    if isinstance(document, LevelledBody) and document.occupation is not None:
        occupation = document.occupation
        found.append((occupation.name, occupation.code, "职业分类大典 occupation"))
        if occupation.isco:
            found.append((f"ISCO-08 {occupation.isco}", str(occupation.isco), "ISCO-08 unit group"))
    elif isinstance(document, LevelledBody):  # a rule across occupations: those it lists (none for `any`)
        found.extend(
            (f"职业 {code}", code, "职业分类大典 occupation") for code in document.occupation_codes()
        )
    else:
        found.extend(
            (f"职业 {code}", code, "职业分类大典 occupation") for code in document.related_occupations
        )
    return [
        {
            "identifier": identifier(f"subject/{code}"),
            "uri": built.uri(identifier(f"subject/{code}")),
            "title": title,
            "hierarchyCode": code,
            "description": text,
            "lastChangeDateTime": built.when,
        }
        for title, code, text in found
    ]


def targets(entries: Iterable[Entry], published: Iterable[Entry]) -> dict[str, str]:
    """What :attr:`Placement.published` holds: each reference a document of ``entries`` makes to another
    (``supersedes``, ``basis``) → the ``id@edition`` among ``published`` it names (an ``id`` alone: its
    newest edition)."""
    by_id = editions.by_id(published)
    found: dict[str, str] = {}
    for entry in entries:
        document = entry.document
        basis = document.basis if isinstance(document, EvaluationSpec) else None
        for ref in (document.supersedes, basis):
            if ref and ref not in found:
                target = editions.find(by_id.get(ref.partition("@")[0], []), ref)
                if target is not None:
                    found[ref] = target.ref
    return found


def _lineage(built: _Package, entry: Entry) -> None:
    document = entry.document
    me = built.link(built.document_id, document.title)
    if document.supersedes:
        old = built.link_out(document.supersedes, document.supersedes)
        built.associate("replacedBy", old, me, key=f"{document.supersedes}>{document.ref}")
    if isinstance(document, EvaluationSpec) and document.basis:
        basis = built.link_out(document.basis, document.basis)
        built.associate("isRelatedTo", me, basis, key=f"{document.ref}>{document.basis}")


# -- from one edition to the next (新旧版本对照) -----------------------------------------------------------

#: What a crosswalk row becomes (DESIGN.md, editions over time): (association type, whether the new line is
#: its origin). identical, wording, moved: the new line ``exactMatchOf`` the old; revised: the old
#: ``replacedBy`` the new; split: each new ``isPartOf`` the old; merged: each old ``isPartOf`` the new;
#: new and deleted: no association (a deleted line's item ends instead, see :func:`_ended`).
ROW_ASSOCIATIONS: dict[Relation, tuple[str, bool]] = {
    **dict.fromkeys(EXACT_MATCH, ("exactMatchOf", True)),
    Relation.REVISED: ("replacedBy", False),
    Relation.SPLIT: ("isPartOf", True),
    Relation.MERGED: ("isPartOf", False),
}


def _ended(entry: Entry, placement: Placement) -> dict[str, str]:
    """Full code → ``statusEndDate`` of each line of ``entry`` the next edition deleted: the old edition's
    last exam day (the crosswalk's ``transition.old_last_exam``, else the new edition's 过渡期)."""
    ref = entry.document.ref
    # the crosswalk out of this edition leads into the edition that supersedes it (its standing says which)
    successor = placement.standing.superseded_by if placement.standing is not None else None
    found = placement.comparisons.get(successor) if successor else None
    if found is None or found.from_ref != ref or found.old_last_exam is None:
        return {}
    day = found.old_last_exam.isoformat()
    return {
        f"{ref}/{code}": day for row in found.rows if row.relation is Relation.DELETED for code, _ in row.olds
    }


def _crosswalk(built: _Package, entry: Entry) -> None:
    """The rows of the confirmed crosswalk into this edition as associations, in one CFAssociationGrouping
    (identifier: UUID v5 of ``association-grouping/<old ref>><new ref>``). An old line is referred to by
    its identifier and URI in the old edition's package (``urn:uuid:`` where that is not published)."""
    found = built.placement.comparisons.get(entry.document.ref)
    if found is None:
        return
    ident = identifier(f"association-grouping/{found.from_ref}>{found.to_ref}")
    title = f"新旧版本对照 {found.from_ref} → {found.to_ref}"
    built.groupings.append(
        {
            "identifier": ident,
            "uri": built.uri(ident),
            "title": title,
            "description": found.summary,
            "lastChangeDateTime": built.when,
        }
    )
    grouping = built.link(ident, title)
    old_package = built.placement.published.get(found.from_ref)

    def old(code: str, statement: str) -> dict[str, Any]:
        line = identifier(f"{found.from_ref}/{code}")
        return {"identifier": line, "title": statement or code, "uri": built.placement.uri(old_package, line)}

    def new(code: str, statement: str) -> dict[str, Any]:
        return built.link(identifier(f"{found.to_ref}/{code}"), statement or code)

    for row in found.rows:
        if row.relation not in ROW_ASSOCIATIONS:
            continue
        kind, new_first = ROW_ASSOCIATIONS[row.relation]
        for old_code, old_text in row.olds:
            for new_code, new_text in row.news:
                pair = (new(new_code, new_text), old(old_code, old_text))
                origin, destination = pair if new_first else pair[::-1]
                key = f"{found.from_ref}/{old_code}>{found.to_ref}/{new_code}"
                built.associate(kind, origin, destination, key=key, grouping=grouping)


# -- the tree, from the blueprints' codes ----------------------------------------------------------


def _exams(entry: Entry, key: str, made: Mapping[str, Blueprint] | None = None) -> list[Exam]:
    """The theory and skill components of ``key``'s blueprint, as if the level were examined by both,
    so that every line gets the code the blueprints give it even where a level has no theory exam.
    A level its document examines by both (among others: 综合评审 is a component of its own) already has
    them in its own blueprint (``made[key]``, where the caller built it): that one is read instead of
    building the level again."""
    document = entry.document
    if made is not None and key in made and _examined_by_both(document, key):
        level = made[key]
    else:
        both = [Method.THEORY, Method.SKILL]
        methods: object = (
            both if isinstance(document, SpecialCompetency) else dict.fromkeys(document.levels, both)
        )
        assessment = document.assessment.model_copy(update={"methods": methods})
        examined = dataclasses.replace(entry, document=document.model_copy(update={"assessment": assessment}))
        level = blueprint.build(examined, key)
    return sorted(
        (c for c in level.components if isinstance(c, Exam)), key=lambda e: e.kind != "skill"
    )  # skill lines before knowledge lines under each 工作内容, as standards print them


def _examined_by_both(document: LevelledBody | SpecialCompetency, key: str) -> bool:
    """Whether the document's own methods for the level of ``key`` include theory and skill."""
    own = document.assessment.methods
    found = own if isinstance(own, list) else own.get(Level(blueprint.split_key(key)[1]), [])
    return Method.THEORY in found and Method.SKILL in found


def _parent_code(code: str) -> str:
    """``…/1.2.3`` or ``…/1.2.k3`` → ``…/1.2`` (the 工作内容 of a line, or the 知识领域 of a basics item)."""
    return code.rsplit(".", 1)[0]


def _importance(point: Point) -> dict[str, Any]:
    return {"importance": str(point.importance)}


def _lines(built: _Package, section: Section, kind: str, owner: tuple[str, str], level: str | None) -> None:
    for point in section.points:
        built.item(point.code, kind, point.text, owner, level=level, extensions=_importance(point))


def _levelled(built: _Package, entry: Entry, made: Mapping[str, Blueprint] | None) -> None:
    document = entry.document
    assert isinstance(document, LevelledBody)
    ref = document.ref
    keys = blueprint.levels_of(entry)
    basics_done = False
    for key in keys:
        exams = _exams(entry, key, made)
        if not basics_done:
            _basics(built, ref, [s for e in exams if e.kind == "theory" for s in e.sections])
            basics_done = True
        level = blueprint.split_key(key)[1]
        level_code = f"{ref}/{key}"
        title = _level_title(document, key)
        built.item(level_code, "level", title, None, level=level)
        for exam in exams:
            kind = "skill" if exam.kind == "skill" else "knowledge"
            for section in exam.sections:
                if section.code is None:
                    continue
                function = (section.code, section.name)
                built.item(section.code, "function", section.name, (level_code, title), level=level)
                for point in section.points:
                    content = (_parent_code(point.code), point.content or section.name)
                    built.item(content[0], "content", content[1], function, level=level)
                    built.item(
                        point.code, kind, point.text, content, level=level, extensions=_importance(point)
                    )


def _level_title(document: LevelledBody, key: str) -> str:
    work_type, level = blueprint.split_key(key)
    title = ladder.title(Level(level))
    own = document.level_names.get(Level(level)) if isinstance(document, EvaluationSpec) else None
    if own:
        title = f"{title}（{own}）"
    if work_type is not None:
        index = blueprint.work_type_of(document, work_type)
        if index is not None:
            title = f"{document.work_types[index].name} {title}"
    return title


def _basics(built: _Package, ref: str, sections: Iterable[Section]) -> None:
    for section in sections:
        if section.key == ETHICS_KEY:
            owner = (f"{ref}/ethics", section.name)
            built.item(owner[0], "ethics", section.name, None)
            for point in section.points:
                # …/ethics/k<n> 职业道德基本知识, …/ethics/c<n> 职业守则 (the blueprints' code grammar)
                kind = "conduct" if point.code.rsplit("/", 1)[1].startswith("c") else "knowledge"
                built.item(point.code, kind, point.text, owner, extensions=_importance(point))
        elif section.key == BASICS_KEY:
            top = (f"{ref}/basics", section.name)
            built.item(top[0], "basics", section.name, None)
            for point in section.points:
                area = (_parent_code(point.code), point.content or section.name)
                built.item(area[0], "area", area[1], top)
                built.item(point.code, "knowledge", point.text, area, extensions=_importance(point))


def _special(built: _Package, entry: Entry, made: Mapping[str, Blueprint] | None) -> None:
    for exam in _exams(entry, UNIT_LEVEL, made):
        kind = "skill" if exam.kind == "skill" else "knowledge"
        for section in exam.sections:
            if section.code is None:
                continue
            unit = (section.code, section.name)
            built.item(section.code, "unit", section.name, None)
            _lines(built, section, kind, unit, None)
