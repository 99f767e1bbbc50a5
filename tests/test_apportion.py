"""apportion(): the largest-remainder (Hamilton) method that turns theory weights into item counts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stdkit.rounding import apportion

weights_lists = st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=12)
totals = st.integers(min_value=0, max_value=1000)


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (100, [5, 25, 40, 30], [5, 25, 40, 30]),
        (10, [1, 1, 1], [4, 3, 3]),  # a tie: the earliest section gets the spare item
        (7, [5, 20, 40, 35], [0, 1, 3, 3]),  # remainders .35 .4 .8 .45 → the two largest win
        (3, [0, 0, 0], [1, 1, 1]),  # all-zero weights share equally
        (5, [0, 100], [0, 5]),
        (0, [30, 70], [0, 0]),
        (0, [], []),
    ],
)
def test_examples(total: int, weights: list[int], expected: list[int]) -> None:
    assert apportion(total, weights) == expected


def test_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="no sections"):
        apportion(10, [])
    with pytest.raises(ValueError, match="non-negative"):
        apportion(10, [-1, 5])


@given(totals, weights_lists)
def test_sums_to_total(total: int, weights: list[int]) -> None:
    assert sum(apportion(total, weights)) == total


@given(totals, weights_lists)
def test_within_one_item_of_exact_share(total: int, weights: list[int]) -> None:
    shares = weights if sum(weights) else [1] * len(weights)
    for items, weight in zip(apportion(total, weights), shares, strict=True):
        exact = Fraction(total * weight, sum(shares))
        assert exact - 1 < items < exact + 1
        assert items in {exact.__floor__(), exact.__ceil__()}


@given(totals, weights_lists)
def test_monotone_in_weight(total: int, weights: list[int]) -> None:
    items = apportion(total, weights)
    for i, wi in enumerate(weights):
        for j, wj in enumerate(weights):
            if wi > wj:
                assert items[i] >= items[j]
            if wi == wj and i < j:  # ties broken by order: the earlier section never gets less
                assert items[i] >= items[j]


@given(totals, weights_lists)
def test_deterministic(total: int, weights: list[int]) -> None:
    assert apportion(total, weights) == apportion(total, list(weights))
