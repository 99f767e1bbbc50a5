"""The reference data as the checks, the site and ``stdkit lookup`` see it: one current state, indexed.

:class:`ReferenceData` applies an edition's later releases in order (additions, renames, removals, 工种) and indexes
the result; every question (``resolve``, ``find``, ``qualifications_for`` …) is answered from that state, and
:attr:`ReferenceData.basis` names it in one line. It never reads files (see :mod:`stdkit.reference.files`) and
never words a finding (see :mod:`stdkit.checks.catalogue`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stdkit.config import Config

import difflib
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final, Literal

from stdkit.messages import Message
from stdkit.reference.files import (
    CATALOGUE_FILE,
    NOTES_FILE,
    OCCUPATIONS_FILE,
    RELEASE_FILES,
    Catalogue,
    Notes,
    Occupations,
    norm,
    parse_catalogue,
    parse_notes,
    parse_occupations,
    parse_release,
    read_resource,
    read_user_file,
)
from stdkit.reference.records import (
    Dataset,
    LegacyCode,
    Occupation,
    Pending,
    Qualification,
    ReferenceDataError,
    Release,
    Rename,
    Resolution,
    WorkType,
)

#: How many close codes or names a suggestion lists.
SUGGESTIONS: Final = 5


def _index(pairs: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for key, value in pairs:
        bucket = out.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)
    return out


@dataclass(frozen=True, slots=True)
class Match:
    """One answer of :meth:`ReferenceData.find`: an occupation (or one of its 工种) and why it matched."""

    occupation: Occupation
    by: Literal["code", "name", "earlier name", "earlier code", "工种"]
    matched: str  # the code, name, earlier name or 工种 name that matched
    work_type: WorkType | None = None
    earlier_code: str | None = None  # the earlier code behind an "earlier name" or "earlier code" match


#: What :meth:`ReferenceData.find` keeps one match per: (occupation code, how it matched, what matched).
_MatchKey = tuple[str, str, str]
#: The order of :meth:`ReferenceData.find`'s answers: current codes and names, then 工种, then earlier ones.
_MATCH_ORDER: Final = {"code": 0, "name": 0, "工种": 1, "earlier name": 2, "earlier code": 2}


def _apply(
    releases: Sequence[Release],
    edition: str,
    by_code: dict[str, Occupation],
    legacy: dict[str, LegacyCode],
    renames: list[Rename],
) -> tuple[list[Rename], list[WorkType]]:
    """Apply ``releases`` in order to the state (``by_code``, ``legacy`` are updated in place).

    Each release is checked against the state the ones before it left; a mismatch names the file and the entry.
    """
    # Later releases, in order: each is checked against the state the ones before it left.
    work_types: list[WorkType] = []
    for release in releases:
        if release.applies_to != edition:
            applies = {"release": release.applies_to, "edition": edition}
            raise ReferenceDataError(release.path, Message("release.applies_to", applies))
        for i, occ in enumerate(release.added):
            if occ.code in by_code:
                taken = {"i": i, "code": occ.code, "name": by_code[occ.code].name}
                raise ReferenceDataError(release.path, Message("release.taken", taken))
            by_code[occ.code] = occ
            legacy.pop(occ.code, None)  # a new occupation at a formerly used code means the new one
        for i, rn in enumerate(release.renamed):
            old = by_code.get(rn.code)
            if old is None:
                missing = {"list": "renamed", "i": i, "code": rn.code}
                raise ReferenceDataError(release.path, Message("release.no_code", missing))
            if norm(old.name) != norm(rn.earlier_name):
                renamed = {"i": i, "code": rn.code, "earlier": rn.earlier_name, "name": old.name}
                raise ReferenceDataError(release.path, Message("release.earlier_name", renamed))
            by_code[rn.code] = replace(old, name=rn.name)
            renames = [replace(r, name=rn.name) if r.code == rn.code else r for r in renames]
            renames.append(rn)
        for i, lc in enumerate(release.removed):
            if lc.code not in by_code:
                unknown = {"list": "removed", "i": i, "code": lc.code}
                raise ReferenceDataError(release.path, Message("release.no_code", unknown))
            if lc.successor is not None and lc.successor not in by_code:
                gone = {"i": i, "code": lc.code, "successor": lc.successor}
                raise ReferenceDataError(release.path, Message("release.successor", gone))
            del by_code[lc.code]
            renames = [r for r in renames if r.code != lc.code]
            legacy[lc.code] = lc
        for i, wt in enumerate(release.work_types):
            if wt.occupation not in by_code:
                work = {"i": i, "name": wt.name, "occupation": wt.occupation}
                raise ReferenceDataError(release.path, Message("release.work_type", work))
            work_types.append(wt)

    return renames, work_types


class ReferenceData:
    """The loaded reference datasets in their current state, indexed. Immutable; share freely."""

    def __init__(
        self,
        occupations: Occupations,
        notes: Notes | None,
        catalogue: Catalogue,
        releases: Sequence[Release] = (),
        pending: Sequence[Pending] = (),
    ) -> None:
        self.occupations_edition: Final[Dataset] = occupations.dataset
        self.catalogue_edition: Final[Dataset] = catalogue.dataset
        self.releases: Final[tuple[Release, ...]] = tuple(releases)
        self.pending: Final[tuple[Pending, ...]] = tuple(pending)
        edition = occupations.dataset.edition
        by_code = {o.code: o for o in occupations.occupations}
        self._majors = occupations.majors
        self._middles = occupations.middles
        self._minors = occupations.minors

        # Notes describe one edition; entries that do not fit the loaded table are dropped.
        legacy: dict[str, LegacyCode] = {}
        renames: list[Rename] = []
        edition_work_types: list[WorkType] = []
        if notes is not None and notes.edition == edition:
            edition_work_types = [wt for wt in notes.work_types if wt.occupation in by_code]
            for lc in notes.legacy:
                current = by_code.get(lc.code)
                if lc.successor is not None and lc.successor not in by_code:
                    continue
                if current is not None and norm(current.name) == norm(lc.name):
                    continue
                legacy.setdefault(lc.code, lc)
            renames = [rn for rn in notes.renames if rn.code in by_code]

        renames, work_types = _apply(self.releases, edition, by_code, legacy, renames)
        work_types = edition_work_types + work_types

        self._occupations = tuple(by_code[c] for c in sorted(by_code))
        self._by_code = by_code
        self._by_name: dict[str, list[Occupation]] = _index((norm(o.name), o) for o in self._occupations)
        self._by_minor: dict[str, list[Occupation]] = _index((o.minor, o) for o in self._occupations)
        self._legacy = legacy
        self._renames: dict[str, list[Rename]] = _index((rn.code, rn) for rn in renames)
        self._renamed_legacy: dict[tuple[str, str], LegacyCode] = {
            (rn.code, norm(rn.earlier_name)): LegacyCode(
                rn.legacy_code, rn.earlier_name, rn.code, rn.note, rn.verified, rn.source
            )
            for rn in renames
            if rn.legacy_code is not None
        }
        # earlier names → current occupations (renames, and legacy names whose successor is known)
        self._by_earlier_name: dict[str, list[tuple[Occupation, bool]]] = _index(
            [(norm(rn.earlier_name), (by_code[rn.code], rn.verified)) for rn in renames]
            + [
                (norm(lc.name), (by_code[lc.successor], lc.verified))
                for lc in legacy.values()
                if lc.successor
            ]
        )
        self._work_types = tuple(work_types)
        self._pending = {p.code: p for p in self.pending}

        self._qualifications = catalogue.items
        self._q_by_id = {q.id: q for q in catalogue.items}
        self._q_by_name: dict[str, list[Qualification]] = _index((norm(q.name), q) for q in catalogue.items)
        self._q_by_alias: dict[str, list[Qualification]] = _index(
            (norm(a), q) for q in catalogue.items for a in q.aliases
        )
        self._q_by_code: dict[str, list[Qualification]] = _index(
            (c, q) for q in catalogue.items for c in q.related_occupations
        )

    # ---- what the data is

    @property
    def basis(self) -> str:
        """One line naming the state every check uses: 职业分类大典（2022年版）及 2024、2025 年发布的新职业信息
        (in Chinese: the site, the blueprints and the messages quote it so)."""
        return self.basis_message.text("zh")

    @property
    def basis_message(self) -> Message:
        """The basis in either language: the edition, then the years of the releases applied after it
        (the shipped ones and the collection's own ``[stdkit.reference] releases``)."""
        edition = self.occupations_edition
        head = edition.label or edition.title
        years = list(dict.fromkeys(r.year for r in self.releases))
        if years:
            return Message("reference.basis_releases", {"head": head, "years": years})
        return Message("reference.basis", {"head": head})

    def release(self, release_id: str) -> Release | None:
        """The applied release with this id."""
        return next((r for r in self.releases if r.id == release_id), None)

    # ---- occupations

    @property
    def all_occupations(self) -> tuple[Occupation, ...]:
        """Every current occupation, sorted by code."""
        return self._occupations

    @property
    def work_types(self) -> tuple[WorkType, ...]:
        """The 工种 published by the applied releases, in release order."""
        return self._work_types

    def occupation(self, code: str) -> Occupation | None:
        """The current occupation with this code."""
        return self._by_code.get(code.strip())

    def same_minor(self, code: str) -> tuple[Occupation, ...]:
        """The current occupations of the 小类 of ``code`` (its first seven characters), sorted by code."""
        return tuple(self._by_minor.get(code.strip()[:7], ()))

    def occupations_named(self, name: str, *, include_unverified: bool = False) -> tuple[Occupation, ...]:
        """Occupations whose name, or a known earlier name (公共营养师 → 营养师), is ``name``; sorted by code.

        Earlier names whose mapping is unverified (民航安全检查员 → 安检员) count only with
        ``include_unverified``.
        """
        key = norm(name)
        found = {o.code: o for o in self._by_name.get(key, ())}
        for occ, verified in self._by_earlier_name.get(key, ()):
            if verified or include_unverified:
                found.setdefault(occ.code, occ)
        return tuple(found[c] for c in sorted(found))

    def legacy(self, code: str, name: str | None = None) -> LegacyCode | None:
        """The earlier meaning of ``code``, where it differs from the current state.

        A code absent now: its legacy entry, whatever ``name`` is. A current code that was reused for another
        occupation (4-02-07-10): its entry only when ``name`` is the old name. A code whose occupation was renamed
        (4-14-02-01 公共营养师): its entry when ``name`` is None or the old name.
        """
        code = code.strip()
        if code not in self._by_code:
            return self._legacy.get(code)
        renamed = [lc for (c, _), lc in self._renamed_legacy.items() if c == code]
        if name is None:
            return renamed[0] if renamed else None
        key = norm(name)
        reused = self._legacy.get(code)
        if reused is not None and norm(reused.name) == key:
            return reused
        return self._renamed_legacy.get((code, key))

    def renamed(self, code: str) -> str | None:
        """A verified earlier name of this code's occupation (4-14-02-01 → 公共营养师), if one is known."""
        for rn in self._renames.get(code.strip(), ()):
            if rn.verified:
                return rn.earlier_name
        return None

    def renames(self, code: str) -> tuple[Rename, ...]:
        """Every known earlier name of this code's occupation, verified or not, with its source."""
        return tuple(self._renames.get(code.strip(), ()))

    def resolve(self, code: str, name: str | None) -> Resolution:
        """What the current state says about a document's occupation ``code`` with ``name``.

        See :class:`~stdkit.reference.records.Resolution` for the statuses; a checker maps each to one finding.
        """
        code = code.strip()
        key = norm(name) if name and name.strip() else None
        occ = self._by_code.get(code)
        if occ is not None:
            return self._resolve_current(occ, key)
        legacy = self._legacy.get(code)
        if legacy is not None:
            # the old name confirms the successor; another name decides by itself
            if key is None or key == norm(legacy.name):
                return self._legacy_resolution(legacy, legacy.successor)
            return self._legacy_resolution(legacy, self._named_code(key))
        pending = self._pending.get(code)
        if pending is not None:
            return Resolution("pending", None, None, pending.name, pending=pending)
        return Resolution("unknown", None, self._named_code(key) if key else None, None)

    def _resolve_current(self, occ: Occupation, key: str | None) -> Resolution:
        """A current code, with the document's (normalised) name."""
        if key is None or key == norm(occ.name):
            return Resolution("ok", occ, None, occ.name)
        reused = self._legacy.get(occ.code)
        if reused is not None and key == norm(reused.name):
            return self._legacy_resolution(reused, reused.successor)
        for rn in self._renames.get(occ.code, ()):
            if key == norm(rn.earlier_name):
                legacy = self._renamed_legacy.get((occ.code, key))
                return Resolution("renamed", occ, occ.code, occ.name, legacy, rn.verified, rn.note, rn)
        hint = self._named_code(key)
        return Resolution("name-mismatch", occ, hint if hint != occ.code else None, occ.name)

    def _legacy_resolution(self, legacy: LegacyCode, successor: str | None) -> Resolution:
        occ = self._by_code.get(successor) if successor else None
        return Resolution(
            "legacy", occ, successor, occ.name if occ else None, legacy, legacy.verified, legacy.note
        )

    def _named_code(self, key: str) -> str | None:
        found = self.occupations_named(key)
        return found[0].code if len(found) == 1 else None

    def suggest(self, code: str, name: str | None, limit: int = SUGGESTIONS) -> tuple[Occupation, ...]:
        """Current occupations close to an unknown ``code`` / ``name``: the same 小类 first, then alike names."""
        out: dict[str, Occupation] = {}
        key = norm(name) if name and name.strip() else ""
        siblings = self.same_minor(code)
        if key:  # within the 小类, the alike names first
            siblings = tuple(
                sorted(siblings, key=lambda o: -difflib.SequenceMatcher(None, key, norm(o.name)).ratio())
            )
        for occ in siblings:
            out.setdefault(occ.code, occ)
        if key and len(out) < limit:
            names = {norm(o.name): o for o in self._occupations}
            for close in difflib.get_close_matches(key, list(names), n=limit, cutoff=0.5):
                out.setdefault(names[close].code, names[close])
        return tuple(out.values())[:limit]

    def find(self, query: str) -> tuple[Match, ...]:
        """Occupations and 工种 for ``stdkit lookup``: by code prefix, by (part of) a current or earlier name,
        by an earlier code. Sorted by code, current names before earlier ones."""
        q = query.strip()
        if not q:
            return ()
        found = (
            self._code_matches(q) if all(c.isdigit() or c == "-" for c in q) else self._name_matches(norm(q))
        )
        out: dict[_MatchKey, Match] = {}
        for key, match in found:
            out.setdefault(key, match)  # the first way a thing matched is the one shown
        return tuple(sorted(out.values(), key=lambda m: (_MATCH_ORDER[m.by], m.occupation.code, m.matched)))

    def _code_matches(self, prefix: str) -> Iterator[tuple[_MatchKey, Match]]:
        """What a code prefix finds: current occupations, 工种, then occupations under an earlier code."""
        for occ in self._occupations:
            if occ.code.startswith(prefix):
                yield (occ.code, "code", occ.code), Match(occ, "code", occ.code)
        for wt in self._work_types:
            if wt.code and wt.code.startswith(prefix):
                yield self._work_type_match(wt)
        yield from self._earlier_code_matches(prefix[:10])

    def _earlier_code_matches(self, base: str) -> Iterator[tuple[_MatchKey, Match]]:
        """The occupations behind an earlier code: its successor and candidates, or the renamed occupation.

        ``base`` is at most an occupation code (6-31-01-03, ten characters): a 工种 code finds its occupation's.
        """
        lc = self._legacy.get(base)
        if lc is not None and lc.code.startswith(base):
            yield from self._successor_matches(lc, "earlier code", lc.code, f"{lc.code} {lc.name}")
        for rn in self._all_renames():
            if rn.legacy_code and rn.legacy_code != rn.code and rn.legacy_code.startswith(base):
                yield (
                    (rn.code, "earlier code", rn.legacy_code),
                    Match(self._by_code[rn.code], "earlier code", f"{rn.legacy_code} {rn.earlier_name}"),
                )

    def _name_matches(self, key: str) -> Iterator[tuple[_MatchKey, Match]]:
        """What (part of) a normalised name finds: current names, earlier names (renamed, then legacy), 工种."""
        for occ in self._occupations:
            if key in norm(occ.name):
                yield (occ.code, "name", occ.name), Match(occ, "name", occ.name)
        for rn in self._all_renames():
            if key in norm(rn.earlier_name):
                yield (
                    (rn.code, "earlier name", rn.earlier_name),
                    Match(self._by_code[rn.code], "earlier name", rn.earlier_name),
                )
        for lc in self._legacy.values():
            if key in norm(lc.name):
                yield from self._successor_matches(lc, "earlier name", lc.name, f"{lc.name} ({lc.code})")
        for wt in self._work_types:
            if key in norm(wt.name):
                yield self._work_type_match(wt)

    def _successor_matches(
        self, lc: LegacyCode, by: Literal["earlier name", "earlier code"], keyed: str, matched: str
    ) -> Iterator[tuple[_MatchKey, Match]]:
        """The current occupations an earlier code may have become: its successor, then its candidates."""
        for target in (lc.successor, *lc.candidates):
            if target and target in self._by_code:
                yield (target, by, keyed), Match(self._by_code[target], by, matched, earlier_code=lc.code)

    def _work_type_match(self, wt: WorkType) -> tuple[_MatchKey, Match]:
        return (wt.occupation, "工种", wt.name), Match(self._by_code[wt.occupation], "工种", wt.name, wt)

    def _all_renames(self) -> Iterator[Rename]:
        return (rn for renames in self._renames.values() for rn in renames)

    def categories(self, *, include_minor: bool = False) -> dict[str, str]:
        """大类 code → name and 中类 code → name (and 小类 with ``include_minor``), sorted by code."""
        out = {**self._majors, **self._middles, **(self._minors if include_minor else {})}
        return dict(sorted(out.items()))

    # ---- qualification catalogue

    @property
    def all_qualifications(self) -> tuple[Qualification, ...]:
        """Every catalogue item, sorted by id."""
        return self._qualifications

    def qualification(self, key: str) -> Qualification | None:
        """A catalogue item by id, else by name, else by alias (sub-item / leaf name)."""
        key = key.strip()
        if key in self._q_by_id:
            return self._q_by_id[key]
        k = norm(key)
        for index in (self._q_by_name, self._q_by_alias):
            if k in index:
                return index[k][0]
        return None

    def qualifications_for(self, code: str | None, name: str | None) -> tuple[Qualification, ...]:
        """Catalogue items relevant to a document's occupation, sorted by id.

        First by related occupation code (a legacy or renamed code counts through its current successor);
        if none, by name: an item whose name or alias is the document's name or the current name of its
        occupation, else an item related to the occupations that carry that name.
        """
        found: dict[str, Qualification] = {}

        def add(items: Iterable[Qualification]) -> None:
            for q in items:
                found.setdefault(q.id, q)

        resolution = self.resolve(code, name) if code else None
        if code and resolution is not None:
            codes = [code.strip()]
            if resolution.status == "legacy":
                # a reused code (4-02-07-10 网约配送员) means another occupation now
                codes = [c for c in codes if c not in self._by_code]
                if resolution.successor:
                    codes.append(resolution.successor)
            for c in codes:
                add(self._q_by_code.get(c, ()))
        if not found:
            keys = {norm(name)} if name and name.strip() else set()
            meant = resolution.occupation if resolution and resolution.status != "name-mismatch" else None
            if meant is not None:
                keys.add(norm(meant.name))
            for k in sorted(keys):
                add(self._q_by_name.get(k, ()))
                add(self._q_by_alias.get(k, ()))
            if not found and name and name.strip():
                for occ in self.occupations_named(name):
                    add(self._q_by_code.get(occ.code, ()))
        return tuple(found[i] for i in sorted(found))


# --------------------------------------------------------------------------------------------- loading


@functools.cache
def _default_occupations() -> Occupations:
    return parse_occupations(read_resource(OCCUPATIONS_FILE), f"stdkit/data/{OCCUPATIONS_FILE}")


@functools.cache
def _default_notes() -> Notes:
    return parse_notes(read_resource(NOTES_FILE), f"stdkit/data/{NOTES_FILE}")


@functools.cache
def _default_catalogue() -> Catalogue:
    return parse_catalogue(read_resource(CATALOGUE_FILE), f"stdkit/data/{CATALOGUE_FILE}")


@functools.cache
def _default_releases() -> tuple[Release, ...]:
    occ = _default_occupations()
    return tuple(
        parse_release(read_resource(name), f"stdkit/data/{name}", occ.minors, occ.majors, occ.middles)
        for name in RELEASE_FILES
    )


@functools.cache
def _default_reference() -> ReferenceData:
    return ReferenceData(_default_occupations(), _default_notes(), _default_catalogue(), _default_releases())


def _load_user(
    path: str | os.PathLike[str], parse: Callable[[object, Path | str], Any], *, default_yaml: bool
) -> Any:
    p = Path(path)
    return parse(read_user_file(p, default_yaml=default_yaml), p)


def load_reference(
    occupations: str | os.PathLike[str] | None = None,
    catalogue: str | os.PathLike[str] | None = None,
    releases: Sequence[str | os.PathLike[str]] = (),
    pending: Sequence[Pending] = (),
) -> ReferenceData:
    """The reference data: the shipped editions and releases, or a collection's own files.

    ``occupations`` is a JSON (or ``.yaml``) file shaped like ``stdkit/data/occupations_2022.json``;
    ``catalogue`` a YAML (or ``.json``) file shaped like ``stdkit/data/qualification_catalogue_2021.yaml``;
    ``releases`` YAML files shaped like ``stdkit/data/releases/2024.yaml``, applied in order after the shipped
    releases (which apply only to the shipped edition); ``pending`` the occupations the collection declares as
    under public notice. The shipped data is parsed once per process. Raises
    :class:`~stdkit.reference.records.ReferenceDataError` for a file that cannot be read or is not in its shape.
    """
    if occupations is None and catalogue is None and not releases and not pending:
        return _default_reference()
    occ: Occupations = (
        _default_occupations()
        if occupations is None
        else _load_user(occupations, parse_occupations, default_yaml=False)
    )
    cat: Catalogue = (
        _default_catalogue()
        if catalogue is None
        else _load_user(catalogue, parse_catalogue, default_yaml=True)
    )
    shipped = _default_releases() if occ.dataset.edition == _default_occupations().dataset.edition else ()
    own = tuple(
        parse_release(
            read_user_file(Path(p), default_yaml=True), Path(p), occ.minors, occ.majors, occ.middles
        )
        for p in releases
    )
    return ReferenceData(occ, _default_notes(), cat, shipped + own, pending)


def for_config(config: Config) -> ReferenceData:
    """The reference data a collection's configuration names (its editions, releases and pending codes)."""
    return load_reference(config.occupations, config.catalogue, config.releases, config.pending)
