"""MinHash signatures and LSH banding over character n-grams, vectorised with numpy.

Why not datasketch's ``MinHashLSH`` directly: at national scale the overlap rules compare hundreds of
thousands of 工作内容, and datasketch hashes, inserts and queries one set at a time in Python (about
1 ms per set). Here a signature is one numpy expression per set, computed in the per-document stage
(so it runs on every core and is cached with the document's facts), and the bands are plain integers.
The permutations and the banding are exactly datasketch's (``affine32`` scheme, seed 1, the same
``(b, r)`` for each threshold; tests/test_cache.py compares them), so the candidate pairs, and
therefore the findings, are the ones datasketch gave. A band is folded into one 64-bit integer; two
different bands folding to the same integer only add a candidate, which is then scored exactly.
This module reads nothing and never decides a finding: it only proposes pairs.
"""

from __future__ import annotations

import functools
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Hashes = npt.NDArray[np.uint32]
Bands = npt.NDArray[np.uint64]

SEED = 1  # MinHash permutations are fixed so that candidate sets (and outputs) are deterministic

#: (threshold, permutations) → (bands, rows): datasketch's optimal parameters for the thresholds used.
BANDING: dict[tuple[float, int], tuple[int, int]] = {
    (0.4, 64): (16, 4),
    (0.3, 128): (37, 3),
    (0.4, 128): (32, 4),
}
_FOLD = np.uint64(0x9E3779B97F4A7C15)


def no_bands() -> Bands:
    return np.zeros(0, dtype=np.uint64)


def keys(texts: Iterable[str]) -> Bands:
    """The crc32 of each text, in order (contact keys: neither sorted nor distinct, which costs time)."""
    return np.array([zlib.crc32(text.encode()) for text in texts], dtype=np.uint64)


def hashes(shingles: Iterable[str]) -> Hashes:
    """The sorted, distinct crc32 of each shingle (deterministic across processes, unlike ``hash()``)."""
    return np.unique(np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint32))


#: Above every code point: ``c₀·P² + c₁·P + c₂`` is a different integer for every three characters, and
#: a shorter text is padded with P − 1, which no character is.
_BASE = 0x110001
_PAD = _BASE - 1


def shingles(groups: Sequence[Sequence[str]], n: int = 3) -> tuple[Hashes, npt.NDArray[np.uint32]]:
    """The sorted, distinct hashes of the character ``n``-grams (n ≤ 3) of each group of texts, at once.

    Each text must already be in normal form (:func:`stdkit.checks.overlap.normal`); its grams do not
    cross into the next text, and a text of ``n`` characters or fewer is its own gram, as
    :func:`stdkit.checks.overlap.grams` has it. Returns the hashes of every group concatenated and the
    offsets (group ``i`` is ``values[offsets[i]:offsets[i + 1]]``).

    Why not :func:`hashes` of ``grams``: a document has thousands of grams, and a Python string and a
    crc32 call each cost more than the rest of its facts; here a gram is an exact integer made from its
    code points (vectorised over the whole document) and then mixed into 32 bits (splitmix64's finaliser).
    """
    texts = [text for group in groups for text in group]
    owners = np.repeat(np.arange(len(groups), dtype=np.uint64), [len(group) for group in groups])
    codes, counts = gram_codes(texts, n)
    with np.errstate(over="ignore"):
        mixed = _mix64(codes) >> np.uint64(32)
    keyed = np.unique((np.repeat(owners, counts) << np.uint64(32)) | mixed)
    offsets = np.searchsorted(keyed >> np.uint64(32), np.arange(len(groups) + 1, dtype=np.uint64))
    return (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32), offsets.astype(np.uint32)


def gram_codes(texts: Sequence[str], n: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """Every character ``n``-gram (n ≤ 3) of each text as an exact integer (two grams share a code only
    when they are the same characters), text after text, and how many each text has (a text of ``n``
    characters or fewer is its one gram; an empty text has none). Grams may repeat."""
    lengths = np.array([len(text) for text in texts], dtype=np.int64)
    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    points = np.concatenate([points.astype(np.uint64), np.full(n, _PAD, dtype=np.uint64)])
    starts = np.cumsum(lengths) - lengths
    counts = np.where(lengths > n, lengths - n + 1, (lengths > 0).astype(np.int64))
    total = int(counts.sum())
    at = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
    short = np.repeat(lengths, counts)
    code = np.zeros(total, dtype=np.uint64)
    base = np.uint64(_BASE)
    with np.errstate(over="ignore"):
        for k in range(n):
            code = code * base + np.where(short > k, points[at + k], np.uint64(_PAD))
    return code, counts


def _mix64(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@functools.cache
def _permutations(num_perm: int) -> tuple[Hashes, Hashes]:
    # datasketch 2's affine32 draw for seed 1, reproduced so that workers need not import datasketch (scipy)
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: Hashes) -> Hashes:
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signature(values: Hashes, num_perm: int) -> Hashes:
    """The MinHash of a non-empty set of shingle hashes (what datasketch's ``MinHash.hashvalues`` holds)."""
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):
        mixed = _fmix32(values.astype(np.uint32)).reshape(-1, 1)
        return (mixed * a + b).min(axis=0)  # type: ignore[no-any-return]  # numpy's stubs lose the dtype


def bands(values: Hashes, threshold: float, num_perm: int) -> Bands | None:
    """One integer per LSH band of the set's signature; None for an empty set (it is never a candidate)."""
    if not len(values):
        return None
    return bands_of(signature(values, num_perm), threshold, num_perm)


def bands_of(signed: Hashes, threshold: float, num_perm: int) -> Bands:
    """The LSH bands of a signature (:func:`signature` with ``num_perm`` permutations)."""
    count, rows = BANDING[(threshold, num_perm)]
    sig = signed[: count * rows].astype(np.uint64).reshape(count, rows)
    folded = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for row in range(rows):
            folded = (folded ^ sig[:, row]) * _FOLD
    return folded


def signatures_of_many(
    values: Hashes, offsets: npt.NDArray[Any], num_perm: int, columns: slice = slice(None)
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.bool_]]:
    """The MinHash (:func:`signature`; only its ``columns`` if given) of each set
    ``values[offsets[i]:offsets[i + 1]]``, in one numpy pass, and which sets are non-empty (an empty
    set's row is zeros).

    The column-wise minimum of some rows is the signature of their union, so one pass gives each part of a
    document and the whole."""
    offsets = np.asarray(offsets, dtype=np.int64)
    sizes = np.diff(offsets)
    present = sizes > 0
    a, b = _permutations(num_perm)
    a, b = a[columns], b[columns]
    matrix = np.zeros((len(sizes), len(a)), dtype=np.uint32)
    if not present.any():
        return matrix, present
    first = int(offsets[0])
    with np.errstate(over="ignore"):
        permuted = _fmix32(values[first : int(offsets[-1])].astype(np.uint32)).reshape(-1, 1) * a + b
        matrix[present] = np.minimum.reduceat(permuted, offsets[:-1][present] - first, axis=0)
    return matrix, present


def fold(
    signed: npt.NDArray[np.uint32], present: npt.NDArray[np.bool_], threshold: float, num_perm: int
) -> Bands:
    """The LSH bands of each row of signatures (:func:`bands_of` row by row); an absent row's are zeros."""
    count, rows = BANDING[(threshold, num_perm)]
    matrix = np.zeros((len(signed), count), dtype=np.uint64)
    sig = signed[present, : count * rows].astype(np.uint64).reshape(-1, count, rows)
    folded = np.zeros(sig.shape[:2], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for row in range(rows):
            folded = (folded ^ sig[:, :, row]) * _FOLD
    matrix[present] = folded
    return matrix


def pairs(banded: Sequence[Bands | None]) -> Iterator[tuple[int, int]]:
    """Pairs (i < j), in order, that share a band: the LSH candidates among one list of sets.

    Band by band, the sets are sorted by their key and each run of equal keys gives all its pairs, in
    numpy (a national collection has hundreds of thousands of candidate pairs)."""
    rows = [i for i, keys in enumerate(banded) if keys is not None]
    if len(rows) < 2:
        return
    ids = np.array(rows, dtype=np.int64)
    matrix = np.stack([banded[i] for i in rows])  # type: ignore[misc]  # None rows were left out above
    total = len(banded)
    codes = []
    for band in range(matrix.shape[1]):
        order = np.argsort(matrix[:, band], kind="stable")  # equal keys keep ascending ids
        keys = matrix[order, band]
        starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        ends = np.append(starts[1:], len(keys))
        run_end = np.repeat(ends, ends - starts)  # for each position, where its run ends
        after = run_end - np.arange(len(keys)) - 1  # how many later members its run has
        if not after.any():
            continue
        first = np.repeat(np.arange(len(keys)), after)
        second = first + 1 + np.arange(len(first)) - np.repeat(np.cumsum(after) - after, after)
        codes.append(ids[order[first]] * total + ids[order[second]])
    if not codes:
        return
    found = np.unique(np.concatenate(codes))
    yield from zip((found // total).tolist(), (found % total).tolist(), strict=True)


def across(
    queries: Sequence[Bands | None], matrix: Bands, present: npt.NDArray[np.bool_]
) -> dict[int, set[int]]:
    """For each query set, the rows of ``matrix`` (one row of bands per target set; ``present`` False
    for an empty set) that share a band with it: band by band, each target's key is looked up among
    the queries' sorted keys, in numpy (the targets are hundreds of thousands)."""
    found: dict[int, set[int]] = defaultdict(set)
    asked = [q for q, keys in enumerate(queries) if keys is not None]
    if not asked or not len(matrix):
        return found
    query_ids = np.array(asked, dtype=np.int64)
    query_matrix = np.stack([queries[q] for q in asked])  # type: ignore[misc]  # None rows were left out
    target_ids = np.flatnonzero(present).astype(np.int64)
    codes = []
    for band in range(matrix.shape[1]):
        order = np.argsort(query_matrix[:, band], kind="stable")
        keys = query_matrix[order, band]
        wanted = matrix[target_ids, band]
        low = np.searchsorted(keys, wanted, side="left")
        count = np.searchsorted(keys, wanted, side="right") - low
        hit = count > 0
        if not hit.any():
            continue
        low, count, targets = low[hit], count[hit], target_ids[hit]
        positions = (
            np.repeat(low, count) + np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        )
        codes.append(query_ids[order[positions]] * len(matrix) + np.repeat(targets, count))
    if codes:
        pairs_found = np.unique(np.concatenate(codes))
        for query, target in zip(
            (pairs_found // len(matrix)).tolist(), (pairs_found % len(matrix)).tolist(), strict=True
        ):
            found[query].add(target)
    return found


#: How far below the reported threshold a pair's estimated similarity may be and still be scored exactly.
#: The estimate from 128 permutations has a standard deviation of at most 0.044 (√(J(1 − J)/128)), so a
#: pair truly at the threshold is estimated 0.2 below it about twice in a million times — far rarer than
#: LSH itself misses such a pair (≈ 1 %); the pairs dropped are the many that only share a band by chance.
MARGIN = 0.2
#: Candidate pairs estimated per numpy step (a step holds two (pairs × permutations) arrays).
_STEP = 16384


def likely(
    candidates: Sequence[tuple[int, int]], signatures: Sequence[Hashes | None], threshold: float
) -> Iterator[tuple[int, int]]:
    """The candidate pairs, in order, whose MinHash estimate of Jaccard is at least ``threshold`` − MARGIN.

    Why: exact Jaccard costs a binary search per shingle of each pair, and LSH at a lower threshold
    proposes tens of candidates per document at national scale; comparing two signatures is one
    vectorised equality, so only the pairs that may reach the threshold are scored exactly.
    A pair with a missing signature (an empty set) is kept, as it was before this filter.
    """
    if not candidates:
        return
    widths = {len(s) for s in signatures if s is not None}
    if not widths:
        yield from candidates
        return
    (width,) = widths
    matrix = np.zeros((len(signatures), width), dtype=np.uint32)
    missing = np.ones(len(signatures), dtype=bool)
    for i, signed in enumerate(signatures):
        if signed is not None:
            matrix[i] = signed
            missing[i] = False
    pairs = np.array(candidates, dtype=np.int64).reshape(-1, 2)
    floor = (threshold - MARGIN) * width
    for start in range(0, len(pairs), _STEP):
        step = pairs[start : start + _STEP]
        first, second = step[:, 0], step[:, 1]
        agree = np.count_nonzero(matrix[first] == matrix[second], axis=1)
        keep = (agree >= floor) | missing[first] | missing[second]
        for i, j in step[keep].tolist():
            yield i, j


def jaccard(a: Hashes, b: Hashes) -> float:
    """Jaccard similarity of two sorted, distinct hash arrays."""
    if not len(a) and not len(b):
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return 0.0
    # both are sorted and distinct: a binary search per element of the smaller, no sort (intersect1d sorts)
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    shared = int(np.count_nonzero(b[at] == a))
    return shared / (len(a) + len(b) - shared)
