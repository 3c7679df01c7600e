"""Old loader vs the extractors on the HTML fixtures: notice text kept and chrome lines left.

    python bench/bench_html.py            # the table below, measured on tests/fixtures/html
    python bench/bench_html.py --json

Methods: `old` is assistant/loaders.py as it was before the extractors (its walker with the
hand-kept <nav>/<header>/<footer> drop lists), read from git at OLD_COMMIT; `trafilatura` and
`readability` are each extractor alone (readability's article rendered by our walker);
`combined` is what Shenbao uses (assistant/intake/html.py). Every output goes through intake
(pinyin removed, traditional → simplified) before it is scored. "body" counts the characters of the
expected notice lines found as whole lines (a paragraph run into its neighbours is not kept; tables
as tab-separated rows); "chrome" counts the expected chrome lines left anywhere outside the notice
lines (as a line, a token, or inside a longer line).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import re
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.intake import prepare  # noqa: E402
from assistant.intake.html import html_text, walk_blocks  # noqa: E402

OLD_COMMIT = "859f2a2"
PAGES = ROOT / "tests" / "fixtures" / "html"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _old_loader() -> Callable[[Path], str]:
    source = subprocess.run(["git", "show", f"{OLD_COMMIT}:assistant/loaders.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location("assistant.old_loaders", handle.name)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._read_html


def _trafilatura(path: Path) -> str:
    import trafilatura

    text = trafilatura.extract(path.read_text("utf-8"), output_format="txt", include_tables=True,
                               include_comments=False) or ""
    # trafilatura writes table rows as "| a | b |": as tab rows, to be scored like the others
    return "\n".join("\t".join(c.strip() for c in line.strip().strip("|").split("|")) if line.startswith("|")
                     else line for line in text.splitlines())


def _readability(path: Path) -> str:
    from readability import Document

    return "\n\n".join(walk_blocks(Document(path.read_text("utf-8")).summary()))


def score(text: str, expected: dict[str, list[str]]) -> dict[str, int]:
    raw_lines = [line for line in prepare(text).text.split("\n") if line.strip()]
    lines = {_norm(line) for line in raw_lines}
    body = [_norm(b) for b in expected["body"]]
    # Lines that are not notice lines, and their whitespace/cell-separated tokens.
    other = [line for line in raw_lines if _norm(line) not in set(body)]
    tokens = {_norm(t) for line in other for t in re.split(r"[\s|]+", line) if t.strip()}

    def left(chrome: str) -> bool:
        c = _norm(chrome)
        return c in lines or c in tokens or (len(c) >= 4 and any(c in _norm(line) for line in other))

    return {
        "body_kept": sum(len(b) for b in body if b in lines),
        "body_total": sum(len(b) for b in body),
        "chrome_left": sum(1 for c in expected["chrome"] if left(c)),
        "chrome_total": len(expected["chrome"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    expected = {k: v for k, v in json.loads((PAGES / "expected.json").read_text("utf-8")).items()
                if not k.startswith("_")}
    methods: dict[str, Callable[[Path], str]] = {
        "old": _old_loader(), "trafilatura": _trafilatura, "readability": _readability,
        "combined": lambda p: html_text(p.read_text("utf-8")),
    }
    results = {m: {name: score(fn(PAGES / name), exp) for name, exp in expected.items()} for m, fn in methods.items()}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    print(f"{'method':<12} {'page':<32} {'notice text kept':>18} {'chrome lines left':>18}")
    for method, pages in results.items():
        for name, s in pages.items():
            print(f"{method:<12} {name:<32} {s['body_kept']:>8} / {s['body_total']:<7} {s['chrome_left']:>8} / {s['chrome_total']:<7}")
        kept = sum(s["body_kept"] for s in pages.values())
        total = sum(s["body_total"] for s in pages.values())
        chrome = sum(s["chrome_left"] for s in pages.values())
        chrome_total = sum(s["chrome_total"] for s in pages.values())
        print(f"{method:<12} {'all three':<32} {kept:>8} / {total:<7} {chrome:>8} / {chrome_total:<7}")


if __name__ == "__main__":
    main()
