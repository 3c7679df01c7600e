"""Remove OCR and web noise from notice text, normalise punctuation, and report every removal.

The cleaner works line by line. Each rule either drops lines (recorded with a reason and samples)
or rewrites characters (recorded as a normalisation count). Real clauses are never dropped: every
drop rule is narrow, and the tests pin both the noise that must go and clauses that must survive.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{CJK}]")
# Punctuation that closes a sentence or clause: a paragraph ending in one of these is complete.
TERMINAL = "。；！？：…”）】」』.;!?:)"
# Words that mark text as being about the programmes; a block without any of them can be off-topic.
TOPIC_TERMS = ("服务型制造", "示范", "申报", "遴选", "附件")

WEB_CHROME = re.compile(
    r"扫[一—-]扫|返回顶部|关闭窗口|打印本页|ICP备|公网安备|网站地图|版权所有|网站标识码|主办单位[:：]|"
    r"^分享[:：]?\s*$|^↑?\s*首页\s*>|中国政府网\s*$"
)
OCR_DESCRIPTION = re.compile(r"(illegible|faint|unreadable|mostly blank|handwriting|stamp|seal)", re.I)
ENUMERATOR = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)[.、．]\s*")
HEADING_START = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]|第[一二三四五六七八九十百]+[章条]|附件)")
LABEL_VALUE = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")
TITLE_LIKE = re.compile(r"(通知|办法|意见|方案|〔\d{4}〕\d+号|文件)$")
# a short line ending like a title ("…申报要点"); a long one is a sentence a page break cut ("…专项行动指南")
SHORT_TITLE_LIKE = re.compile(r"(指南|指引|要点|细则|公告)$")
SHORT_TITLE_CHARS = 40
CHECKBOX = re.compile(r"<input[^>]*type=\"?checkbox\"?[^>]*/?>", re.I)
MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
MD_BULLET = re.compile(r"^[ \t]*[-*•][ \t]+(?=\S)")
MD_RULE_ROW = re.compile(r"^[-\t |:]+$")


class Removal(BaseModel):
    """What one rule removed from one document."""

    reason: str
    lines: int = 0
    chars: int = 0
    samples: list[str] = []


class CleanResult(BaseModel):
    text: str
    removals: list[Removal]
    normalised: dict[str, int]

    @property
    def removed_chars(self) -> int:
        return sum(r.chars for r in self.removals)


@dataclass
class _Log:
    removals: dict[str, Removal] = field(default_factory=dict)
    normalised: Counter[str] = field(default_factory=Counter)

    def drop(self, reason: str, text: str) -> None:
        entry = self.removals.setdefault(reason, Removal(reason=reason))
        entry.lines += 1
        entry.chars += len(text)
        if len(entry.samples) < 3:
            entry.samples.append(text[:80])


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


# --- character normalisation -------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_SPACE_BETWEEN = re.compile(
    f"(?<=[{CJK}%）】”》、，。：；])[ \u3000\u00a0]+(?=[{CJK}（【“《])"
    f"|(?<=\\d)[ \u3000\u00a0]+(?=[年月日号个万元亿倍项人名家批期度届类%])"
    f"|(?<=[年月日第近满达至于])[ \u3000\u00a0]+(?=\\d)"
)
_PUNCT_NEAR_CJK = re.compile(f"(?<=[{CJK}）”》])\\s*([,;:!?])\\s*|\\s*([,;:!?])\\s*(?=[{CJK}（“《])")
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,80})\)")
_QUOTE_PAIR = re.compile(f"\"([^\"\\n]*[{CJK}][^\"\\n]*)\"")


def _normalise_line(line: str, log: _Log) -> str:
    original = line
    line = line.replace("\u00a0", " ").replace("\u3000", " ").rstrip(" \n")
    line, n = CHECKBOX.subn("□", line)
    log.normalised["checkbox_markup"] += n
    line, n = MD_BOLD.subn(r"\1", line)
    log.normalised["markdown_bold"] += n
    line, n = MD_BULLET.subn("", line)
    log.normalised["markdown_bullet"] += n
    if "\t" not in line:
        line = line.strip()

    def paren(match: re.Match[str]) -> str:
        inner = match.group(1)
        before = match.string[match.start() - 1] if match.start() else ""
        after = match.string[match.end()] if match.end() < len(match.string) else ""
        enumerator = re.fullmatch(r"\s*(\d{1,2}|[一二三四五六七八九十]+)\s*", inner) is not None
        near_cjk = has_cjk(inner) or bool(before and has_cjk(before)) or bool(after and has_cjk(after))
        near_cjk = near_cjk or enumerator
        if not near_cjk or "://" in inner:
            return match.group(0)
        log.normalised["halfwidth_parentheses"] += 1
        return f"（{inner.strip()}）"

    line = _PAREN_PAIR.sub(paren, line)
    line, n = _QUOTE_PAIR.subn(r"“\1”", line)
    log.normalised["straight_quotes"] += n

    def punct(match: re.Match[str]) -> str:
        if "://" in match.string[max(0, match.start() - 6) : match.end() + 3]:
            return match.group(0)
        log.normalised["halfwidth_punctuation"] += 1
        return _HALF_TO_FULL[match.group(1) or match.group(2)]

    line = _PUNCT_NEAR_CJK.sub(punct, line)
    if "\t" not in line:
        line, n = _SPACE_BETWEEN.subn("", line)
        log.normalised["spaces_between_cjk"] += n
    if line != original.strip():
        log.normalised["lines_changed"] += 1
    return line


# --- line classification -------------------------------------------------------------------


def _is_ocr_description(line: str) -> bool:
    letters = sum(c.isascii() and c.isalpha() for c in line)
    return not has_cjk(line) and letters >= 20 and OCR_DESCRIPTION.search(line) is not None


def _is_symbol_only(line: str) -> bool:
    return bool(line) and not any(c.isalnum() for c in line) and not MD_RULE_ROW.match(line)


def _bigrams(text: str) -> list[str]:
    chars = _CJK_RE.findall(text)
    return [a + b for a, b in itertools.pairwise(chars)]


DATED = re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日")


def _is_gibberish(line: str, grams: Counter[str]) -> bool:
    """A standalone line of CJK characters that form no words: OCR of a stamp or a table grid.

    Real titles and form labels segment into dictionary words; garbage segments into single
    characters. Short lines also need all their character pairs to be unseen elsewhere in the
    document, so that form blanks like "年 月 日" survive.
    """
    if "\t" in line or any(p in line for p in "。，；：、“”（）()《》〔〕[]") or HEADING_START.match(line):
        return False
    if DATED.search(line):  # a 落款 date line ("2022年12月28日") is made of 年/月/日 alone
        return False
    cjk_chars = len(_CJK_RE.findall(line))
    if cjk_chars < 2 or len(line) > 40:
        return False
    tokens = [t for t in _segment(line) if _CJK_RE.match(t)]
    single = sum(1 for t in tokens if len(t) == 1) / len(tokens)
    if single < 0.75:
        return False
    if cjk_chars >= 6:
        return True
    own = Counter(_bigrams(line))
    return all(grams[g] - own[g] == 0 for g in own)  # no pair occurs elsewhere in the document


def _segment(text: str) -> list[str]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return list(jieba.cut(text, HMM=False))


def _enumeration_free(line: str) -> str:
    return ENUMERATOR.sub("", line)


def _find_title(lines: list[str]) -> str | None:
    for line in lines[:20]:
        if 12 <= len(line) <= 80 and re.search(r"(关于.+的通知|管理办法|的通知)$", line) and "：" not in line:
            return line
    return None


def _off_topic_loop(lines: list[str]) -> set[int]:
    """Indices of a hallucinated tail: paragraphs repeated ≥3 times (ignoring their numbering)
    plus the off-topic paragraphs leading into them."""
    bodies = [_enumeration_free(line) for line in lines]
    counts = Counter(b for b in bodies if len(b) >= 30)
    looped = [i for i, b in enumerate(bodies) if counts.get(b, 0) >= 3]
    if not looped:
        return set()
    first, last = looped[0], looped[-1]
    drop = set(range(first, last + 1))
    i = first - 1
    while i >= 0:
        line = lines[i]
        if not line:
            i -= 1
            continue
        if "\t" in line or any(t in line for t in TOPIC_TERMS):
            break
        drop.add(i)
        i -= 1
    return {j for j in drop if lines[j] and not any(t in lines[j] for t in TOPIC_TERMS)}


# --- paragraph repair -----------------------------------------------------------------------


def _should_join(prev: str, nxt: str) -> bool:
    if not prev or not nxt or "\t" in prev or "\t" in nxt:
        return False
    if len(prev) < 20 or prev[-1] in TERMINAL or HEADING_START.match(nxt):
        return False
    if nxt.startswith(("联系人", "电话", "邮箱", "附件")) or LABEL_VALUE.match(nxt) or LABEL_VALUE.match(prev):
        return False
    if TITLE_LIKE.search(prev) or (len(prev) <= SHORT_TITLE_CHARS and SHORT_TITLE_LIKE.search(prev)):
        return False
    return has_cjk(prev[-1]) or prev[-1] in "、，,（(《“"


def clean_text(raw: str) -> CleanResult:
    """Clean one source document."""
    log = _Log()
    lines = [_normalise_line(line, log) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]

    keep = [True] * len(lines)

    def drop(i: int, reason: str) -> None:
        if keep[i] and lines[i]:
            keep[i] = False
            log.drop(reason, lines[i])

    for i in sorted(_off_topic_loop(lines)):
        drop(i, "hallucinated_repeated_block")

    title = _find_title(lines)
    title_seen = False
    corpus_grams = Counter(g for i, line in enumerate(lines) if keep[i] for g in _bigrams(line))
    for i, line in enumerate(lines):
        if not keep[i] or not line:
            continue
        if _is_ocr_description(line):
            drop(i, "ocr_illegible_description")
        elif WEB_CHROME.search(line):
            drop(i, "web_chrome")
        elif _is_symbol_only(line):
            drop(i, "symbols_only")
        elif title and line == title:
            if title_seen:
                drop(i, "running_title")
            title_seen = True
        elif _is_gibberish(line, corpus_grams):
            drop(i, "table_ocr_garbage")

    # Rejoin paragraphs that a page break split ("运营和\n\n财务状况良好").
    kept = [line for i, line in enumerate(lines) if keep[i]]
    paragraphs: list[str] = []
    blank_run = 0
    for line in kept:
        if not line:
            blank_run += 1
            continue
        if paragraphs and blank_run and _should_join(paragraphs[-1], line):
            paragraphs[-1] += line
            log.normalised["page_break_rejoins"] += 1
        elif paragraphs and blank_run:
            paragraphs.append("")
            paragraphs.append(line)
        else:
            paragraphs.append(line)
        blank_run = 0
    text = "\n".join(paragraphs).strip("\n ") + "\n"
    text = re.sub(r"\n{3,}", "\n\n", text)
    return CleanResult(
        text=text,
        removals=sorted(log.removals.values(), key=lambda r: -r.chars),
        normalised={k: v for k, v in log.normalised.items() if v},
    )
