"""Controlled rounding of the 双向细目表: every cell a floor or ceiling of its share, every margin kept."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stdkit.papers import cross
from stdkit.rounding import InfeasibleError, apportion, round_table, split

weights = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=9)
counts = st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=6)


def assert_controlled(
    table: list[list[int]], exact: list[list[Fraction]], rows: list[int], columns: list[int]
) -> None:
    assert [sum(row) for row in table] == rows
    assert [sum(column) for column in zip(*table, strict=True)] == columns
    for got_row, exact_row in zip(table, exact, strict=True):
        for got, share in zip(got_row, exact_row, strict=True):
            assert got in (math.floor(share), math.ceil(share))


@settings(max_examples=400, deadline=None)
@given(weights, counts)
def test_sections_by_types_keep_rows_columns_and_floor_or_ceiling(ws: list[int], cs: list[int]) -> None:
    """The plan's rule: rows are the sections' item counts (largest remainder of the weights), columns the
    types' counts, every cell the floor or ceiling of weight × the type's count."""
    total = sum(cs)
    rows = apportion(total, ws)
    shares = ws if sum(ws) else [1] * len(ws)
    exact = [[Fraction(w * c, sum(shares)) for c in cs] for w in shares]
    table = cross(ws, rows, cs)
    assert_controlled(table, exact, rows, cs)
    # Not the fallback: the weight shares themselves were rounded (the fallback would also pass above
    # only when the two coincide, so compare with a direct call).
    assert table == round_table(exact, rows, cs)


@settings(max_examples=400, deadline=None)
@given(counts, st.tuples(*[st.integers(min_value=0, max_value=100)] * 3))
def test_difficulty_split_keeps_cells_and_paper_totals(
    cells: list[int], percent: tuple[int, int, int]
) -> None:
    """Each cell's difficulty counts sum to its count; columns sum to the paper's difficulty totals."""
    total = sum(cells)
    totals = apportion(total, list(percent))
    table = split(cells, totals)
    exact = [[Fraction(n * d, total) for d in totals] for n in cells]
    assert_controlled(table, exact, cells, totals)


@settings(max_examples=200, deadline=None)
@given(weights, counts)
def test_rounding_is_deterministic(ws: list[int], cs: list[int]) -> None:
    rows = apportion(sum(cs), ws)
    assert cross(ws, rows, cs) == cross(list(ws), list(rows), list(cs))


def test_nearest_rounding_rounds_up_the_largest_fractions() -> None:
    # 2 × 2 of one half each would allow either diagonal; 0.9/0.1 must round the 0.9 cells up.
    exact = [[Fraction(9, 10), Fraction(1, 10)], [Fraction(1, 10), Fraction(9, 10)]]
    assert round_table(exact, [1, 1], [1, 1]) == [[1, 0], [0, 1]]


def test_independent_rounding_would_break_the_sums() -> None:
    # Three sections of a third each, one type of 10 items: each cell is 3⅓; rounding alone gives 9.
    table = cross([1, 1, 1], apportion(10, [1, 1, 1]), [10])
    assert [row[0] for row in table] == [4, 3, 3]


def test_impossible_margins_are_refused() -> None:
    with pytest.raises(InfeasibleError):
        round_table([[Fraction(1, 2), Fraction(1, 2)]], [3], [1, 2])
