"""The home page: what the collection holds, by kind, 大类 and status, the latest documents and the
result of the last check."""

from __future__ import annotations

from collections import Counter

from stdkit.collection import Entry, levelled
from stdkit.diagnostics import Severity
from stdkit.model.common import KIND_NAMES, Kind, Status
from stdkit.run.report import Report
from stdkit.site import search
from stdkit.site.html import block, href, link, text
from stdkit.site.pages.categories import OTHER, major_title
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import doc_table, html_table, page, section, status_badge
from stdkit.site.pages.urls import CATALOGUE_URI, CATEGORIES_URI, CHECK_URI, HOME_URI, category_uri


def home(idx: Index, report: Report[Entry]) -> str:
    uri = HOME_URI
    statuses = Counter(idx.standing_of(entry).status for entry in idx.entries)
    status_rows = [[status_badge(s), str(statuses[s])] for s in Status if statuses[s]]
    latest = sorted(idx.entries, key=lambda e: (str(e.document.issued or ""), e.ref), reverse=True)[:8]
    intro = (
        '<p class="sk-lead">本站汇集职业技能标准、评价规范和专项职业能力考核规范，按职业分类大典（2022年版）组织，'
        "列出每个等级的工作要求、权重表、申报条件和考核方式，并提供机器可读的考试蓝图（JSON）和鉴定要素细目表（Excel）。</p>"
    )
    return (
        page("职业技能标准库", hide=("navigation", "toc"))
        + block(intro, search.form(href(uri, search.SEARCH_URI)), _stats(idx))
        + section(
            "按职业分类",
            html_table(["大类", "文件数"], _major_rows(idx, uri)),
            f"<p>{link(uri, CATEGORIES_URI, '浏览全部职业分类 →')}</p>",
        )
        + section("按状态", html_table(["状态", "文件数"], status_rows))
        + section("最近发布", doc_table(latest, uri, idx.standing))
        + section(
            "检查结果",
            f"<p>最近一次检查：{text(_check_line(report))}。{link(uri, CHECK_URI, '查看检查报告 →')}</p>",
            f"<p>{link(uri, CATALOGUE_URI, '国家职业资格目录衔接情况 →')}</p>",
        )
    )


def _stats(idx: Index) -> str:
    """The counts at the top: documents, documents of each kind, occupations."""
    kinds = Counter(entry.document.KIND for entry in idx.entries)
    return (
        '<div class="sk-stats">'
        + "".join(
            f'<div class="sk-stat"><span class="sk-stat__n">{n}</span><span class="sk-stat__l">{text(label)}</span></div>'
            for label, n in [
                ("份文件", len(idx.entries)),
                *((KIND_NAMES[k], kinds[k]) for k in Kind if kinds[k]),
                ("个职业", len({o.code for o in idx.occupation_of.values() if o})),
            ]
        )
        + "</div>"
    )


def _major_rows(idx: Index, uri: str) -> list[list[str]]:
    """Documents per 大类 (special competencies without one in a row of their own)."""
    majors: Counter[str] = Counter()
    for entry in idx.entries:
        occ = idx.occupation_of[entry.ref]
        majors[occ.major if occ else (OTHER if levelled(entry.document) else "")] += 1
    cats = idx.reference.categories()
    rows = []
    for code, n in sorted(majors.items()):
        if code:
            rows.append([link(uri, category_uri(code), major_title(code, cats.get(code, code))), str(n)])
        else:
            rows.append([text("专项职业能力"), str(n)])
    return rows


def _check_line(report: Report[Entry]) -> str:
    counts = report.counts()
    return (
        f"{counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 条提示"
    )
