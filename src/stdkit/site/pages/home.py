"""The home page: what the collection holds, by kind, 大类 and status, the latest documents and the
result of the last check."""

from __future__ import annotations

from collections import Counter

from stdkit.collection import levelled
from stdkit.diagnostics import Severity
from stdkit.model.common import KIND_NAMES, Kind, Status
from stdkit.run.report import Report
from stdkit.site import search
from stdkit.site.html import block, href, link, text
from stdkit.site.pages.categories import OTHER, major_title
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import doc_table, html_table, page, section, status_badge
from stdkit.site.pages.urls import CATALOGUE_URI, CATEGORIES_URI, CHECK_URI, HOME_URI, category_uri


def home(idx: Index, report: Report) -> str:
    uri = HOME_URI
    kinds = Counter(entry.document.KIND for entry in idx.entries)
    statuses = Counter(entry.document.status for entry in idx.entries)
    majors: Counter[str] = Counter()
    for entry in idx.entries:
        occ = idx.occupation_of[entry.ref]
        majors[occ.major if occ else (OTHER if levelled(entry.document) else "")] += 1
    cats = idx.reference.categories()
    stat = (
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
    status_rows = [[status_badge(s), str(statuses[s])] for s in Status if statuses[s]]
    major_rows = []
    for code, n in sorted(majors.items()):
        if code:
            major_rows.append(
                [link(uri, category_uri(code), major_title(code, cats.get(code, code))), str(n)]
            )
        else:
            major_rows.append([text("专项职业能力"), str(n)])
    counts = report.counts()
    check_line = (
        f"{counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 条提示"
    )
    latest = sorted(idx.entries, key=lambda e: (str(e.document.issued or ""), e.ref), reverse=True)[:8]
    intro = (
        '<p class="sk-lead">本站汇集职业技能标准、评价规范和专项职业能力考核规范，按职业分类大典（2022年版）组织，'
        "列出每个等级的工作要求、权重表、申报条件和考核方式，并提供机器可读的考试蓝图（JSON）和鉴定要素细目表（Excel）。</p>"
    )
    return (
        page("职业技能标准库", hide=("navigation", "toc"))
        + block(intro, search.form(href(uri, search.SEARCH_URI)), stat)
        + section(
            "按职业分类",
            html_table(["大类", "文件数"], major_rows),
            f"<p>{link(uri, CATEGORIES_URI, '浏览全部职业分类 →')}</p>",
        )
        + section("按状态", html_table(["状态", "文件数"], status_rows))
        + section("最近发布", doc_table(idx, latest, uri))
        + section(
            "检查结果",
            f"<p>最近一次检查：{text(check_line)}。{link(uri, CHECK_URI, '查看检查报告 →')}</p>",
            f"<p>{link(uri, CATALOGUE_URI, '国家职业资格目录衔接情况 →')}</p>",
        )
    )
