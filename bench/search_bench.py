"""What a visitor's first search downloads, measured in a real browser on a built site.

    python bench/search_bench.py SITE_FOLDER [--word 安装 --word 高级技师 ...] [--shots DIR]

Serves SITE_FOLDER (a `stdkit build` output, e.g. one kept by `site_bench.py --keep`) on localhost,
opens its search page in Debian's chromium (headless, through Playwright; nothing is downloaded),
and for each word in a fresh browser profile (nothing cached) types it into the Pagefind box and
sums the response bodies of every request made from the keystroke until the results and their
fragments are shown: the bytes of a first search. Prints one row per word. With --shots, also
saves screenshots of the home page, the 第六大类 listing, a standard page and each search.

Issue 11's target: ≤ 1 MB at any collection size above 200 documents.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def first_search(context: Any, url: str, word: str, shot: Path | None) -> tuple[int, int, int]:
    """(bytes, requests, results) of typing ``word`` into the search page of a cold profile."""
    page = context.new_page()
    page.goto(url + "search.html")
    page.wait_for_load_state("networkidle")
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.fill(".pagefind-ui__search-input", word)
    page.wait_for_selector(".pagefind-ui__result", timeout=60000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the UI loads a result's fragment after showing its placeholder
    results = page.locator(".pagefind-ui__result").count()
    if shot is not None:
        page.screenshot(path=str(shot))
    page.close()
    return sum(sizes), len(sizes), results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("--word", action="append", help="default: 安装, 高级技师, 继电, 电工")
    parser.add_argument("--shots", type=Path, help="save screenshots here")
    args = parser.parse_args()
    words = args.word or ["安装", "高级技师", "继电", "电工"]
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    print("| word | first search (bytes) | requests | results shown |\n|---|---:|---:|---:|")
    with sync_playwright() as p:
        for word in words:
            profile = tempfile.mkdtemp(prefix="stdkit-search-bench-")
            context = p.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True, args=ARGS,
                viewport={"width": 1400, "height": 1000}, locale="zh-CN",
            )  # fmt: skip
            try:
                shot = args.shots / f"search-{word}.png" if args.shots else None
                downloaded, requests, results = first_search(context, url, word, shot)
                print(f"| {word} | {downloaded:,} | {requests} | {results} |", flush=True)
                if args.shots and word == words[0]:
                    _pages(context, url, args.shots)
            finally:
                context.close()
                shutil.rmtree(profile, ignore_errors=True)
    server.shutdown()


def _pages(context: Any, url: str, shots: Path) -> None:
    page = context.new_page()
    page.goto(url + "index.html")
    page.screenshot(path=str(shots / "home.png"), full_page=True)
    page.goto(url + "categories/6/index.html")
    page.screenshot(path=str(shots / "category-6.png"))
    height = page.evaluate("document.documentElement.scrollHeight")
    page.locator("article table a").first.click()
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "middle.png"))
    page.locator(".sk-occ-block a").first.click()
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "standard.png"))
    print(f"(第六大类 listing: {height} px tall; screenshots in {shots})", flush=True)
    page.close()


if __name__ == "__main__":
    main()
