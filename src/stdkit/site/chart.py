"""Horizontal bar charts as inline SVG, drawn at build time.

No JavaScript and no CDN: a chart is part of the page, so it shows offline and from a file share.
Colours come from CSS classes (``stdkit.css``) so the light and dark schemes both work.
"""

from __future__ import annotations

from stdkit.site.html import attr, text

ROW = 26  # px per bar
LABEL = 190  # px for the label column
BAR = 230  # px for the largest bar
VALUE = 50  # px for the number after the bar


def _width(label: str) -> int:
    """Approximate rendered width at 13px: CJK glyphs are square, others about half."""
    return sum(13 if ord(ch) > 0x2E7F else 7 for ch in label)


def _clip(label: str, room: int) -> str:
    if _width(label) <= room:
        return label
    out = ""
    for ch in label:
        if _width(out + ch + "…") > room:
            break
        out += ch
    return out + "…"


def bars(title: str, rows: list[tuple[str, int]], *, unit: str = "%") -> str:
    """A chart of ``rows`` (label, value 0–100), with ``title`` as its accessible name."""
    # scale to the largest value so small differences stay visible; the numbers say the rest
    scale = max([value for _, value in rows] + [1])
    height = ROW * len(rows) + 8
    width = LABEL + BAR + VALUE
    parts = [
        f'<svg class="sk-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{text(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = 4 + index * ROW
        length = round(BAR * max(0, min(value, scale)) / scale)
        shown = _clip(label, LABEL - 12)
        parts.append(
            f"<g><title>{text(label)}：{value}{attr(unit)}</title>"
            f'<text class="sk-chart__label" x="{LABEL - 8}" y="{y + 17}" text-anchor="end">{text(shown)}</text>'
            f'<rect class="sk-chart__track" x="{LABEL}" y="{y + 4}" width="{BAR}" height="16" rx="3"/>'
            f'<rect class="sk-chart__bar" x="{LABEL}" y="{y + 4}" width="{length}" height="16" rx="3"/>'
            f'<text class="sk-chart__value" x="{LABEL + length + 6}" y="{y + 17}">{value}{text(unit)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
