"""Controlled rounding of a two-way table (双向细目表): integer cells that keep the given margins.

A theory paper's 细目表 crosses sections (鉴定范围) with question types (题型). Each cell has an exact,
usually fractional share; an exam engine needs whole items. Rounding each cell on its own breaks the
sums (a paper of 99 or 101 items), and the largest-remainder method works on one list, not on rows
and columns at once. Controlled rounding (Cox 1987) rounds every cell to its floor or its ceiling
so that every row and every column adds up to its given total.

It is a flow problem: each row must round up as many of its cells as its total exceeds the sum of
its floors, each column likewise, and a cell can be rounded up at most once. A maximum flow through
the bipartite graph of fractional cells gives an integer solution whenever one exists (integrality
of flows); a minimum-cost flow with cost −(fractional part) picks, among them, the rounding nearest
the exact table (fewest items moved), earlier cells first on ties. Exact arithmetic throughout
(:class:`fractions.Fraction`), so the result is deterministic.

Pure functions: nothing here knows about documents or blueprints.
"""

from __future__ import annotations

import collections
import dataclasses
import math
from collections.abc import Sequence
from fractions import Fraction


class InfeasibleError(ValueError):
    """No table of floors and ceilings has these margins (never for :func:`split`'s own tables)."""


def round_table(
    exact: Sequence[Sequence[Fraction]], rows: Sequence[int], columns: Sequence[int]
) -> list[list[int]]:
    """Round every cell of ``exact`` to its floor or ceiling so that row i sums to ``rows[i]`` and
    column j to ``columns[j]``; among such tables, the one nearest ``exact``.

    Raises :class:`InfeasibleError` when no such table exists (e.g. margins far from the exact sums).
    """
    height, width = len(exact), len(columns)
    if len(rows) != height or any(len(row) != width for row in exact):
        raise ValueError("the table, its row totals and its column totals do not match in shape")
    floors = [[math.floor(x) for x in row] for row in exact]
    need_rows = [rows[i] - sum(floors[i]) for i in range(height)]
    need_columns = [columns[j] - sum(floors[i][j] for i in range(height)) for j in range(width)]
    if any(n < 0 for n in need_rows + need_columns) or sum(need_rows) != sum(need_columns):
        raise InfeasibleError("the totals are below the floors of the cells, or rows and columns disagree")
    # Costs as integers over the common denominator: exact, and far cheaper than Fractions.
    scale = math.lcm(*(x.denominator for row in exact for x in row)) if height and width else 1
    graph = _Graph(height + width + 2)
    source, sink = height + width, height + width + 1
    for i in range(height):
        graph.add(source, i, need_rows[i], 0)
    cells: dict[tuple[int, int], int] = {}
    for i in range(height):
        for j in range(width):
            part = exact[i][j] - floors[i][j]
            if part:
                cells[i, j] = graph.add(i, height + j, 1, -int(part * scale))
    for j in range(width):
        graph.add(height + j, sink, need_columns[j], 0)
    if graph.min_cost_flow(source, sink) != sum(need_rows):
        raise InfeasibleError("no rounding of the cells to floors and ceilings keeps these totals")
    result = [list(row) for row in floors]
    for (i, j), edge in cells.items():
        result[i][j] += graph.flow(edge)
    return result


def split(rows: Sequence[int], columns: Sequence[int]) -> list[list[int]]:
    """Cross two integer margins with the same total: cell (i, j) near ``rows[i] * columns[j] / total``.

    Always feasible: the exact table's rows and columns already sum to the (integer) margins, so
    its fractional parts are a flow that saturates the network, and an integer one exists.
    """
    total = sum(rows)
    if total != sum(columns):
        raise ValueError(f"row totals sum to {total}, column totals to {sum(columns)}")
    if total == 0:
        return [[0] * len(columns) for _ in rows]
    exact = [[Fraction(r * c, total) for c in columns] for r in rows]
    return round_table(exact, rows, columns)


@dataclasses.dataclass(slots=True)
class _Edge:
    to: int
    capacity: int
    cost: int
    flow: int = 0


class _Graph:
    """A residual graph for successive shortest paths (SPFA, a queued Bellman-Ford: costs are negative)."""

    def __init__(self, nodes: int) -> None:
        self.edges: list[_Edge] = []
        self.out: list[list[int]] = [[] for _ in range(nodes)]

    def add(self, start: int, end: int, capacity: int, cost: int) -> int:
        self.out[start].append(len(self.edges))
        self.edges.append(_Edge(end, capacity, cost))
        self.out[end].append(len(self.edges))
        self.edges.append(_Edge(start, 0, -cost))
        return len(self.edges) - 2

    def flow(self, edge: int) -> int:
        return self.edges[edge].flow

    def min_cost_flow(self, source: int, sink: int) -> int:
        """Push as much flow as possible, each augmentation along a cheapest path; the units pushed.

        Successive cheapest paths keep the residual graph free of negative cycles, so the queued
        Bellman-Ford terminates; the result is a minimum-cost maximum flow.
        """
        pushed = 0
        nodes = len(self.out)
        while True:
            distance: list[int | None] = [None] * nodes
            via: list[int] = [-1] * nodes
            queued = [False] * nodes
            distance[source] = 0
            queue = collections.deque([source])
            while queue:
                node = queue.popleft()
                queued[node] = False
                here = distance[node]
                assert here is not None  # only reached nodes are queued
                for index in self.out[node]:
                    edge = self.edges[index]
                    if edge.capacity - edge.flow <= 0:
                        continue
                    there = distance[edge.to]
                    if there is None or here + edge.cost < there:
                        distance[edge.to] = here + edge.cost
                        via[edge.to] = index
                        if not queued[edge.to]:
                            queued[edge.to] = True
                            queue.append(edge.to)
            if distance[sink] is None:
                return pushed
            path: list[int] = []
            node = sink
            while node != source:
                step = via[node]
                path.append(step)
                node = self.edges[step ^ 1].to
            amount = min(self.edges[i].capacity - self.edges[i].flow for i in path)
            for index in path:
                self.edges[index].flow += amount
                self.edges[index ^ 1].flow -= amount
            pushed += amount


def apportion(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` items over sections by the largest-remainder (Hamilton) method.

    Each section first gets the floor of its exact share ``total * w / sum(w)``; the items left
    go one each to the largest remainders, earlier sections first on ties. The result always sums
    to ``total``. All-zero weights share equally (a paper still needs its items somewhere).
    """
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("apportion needs a non-negative total and weights")
    if not weights:
        if total:
            raise ValueError("cannot apportion items over no sections")
        return []
    shares = list(weights) if sum(weights) else [1] * len(weights)
    whole = sum(shares)
    # Exact integer arithmetic: floor and remainder of total*w/whole, no floating point ties.
    floors = [total * w // whole for w in shares]
    remainders = [total * w % whole for w in shares]
    left = total - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors
