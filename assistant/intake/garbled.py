"""Line-level check for garbled text. It only reports; it never changes the text.

A line is suspect when it holds any of:
- U+FFFD replacement characters (bytes a decoder could not read);
- private-use characters, or pdfminer's "(cid:3363)" glyph ids (PDF fonts without a Unicode map);
- UTF-8 read as Latin-1/cp1252 ("Ã©", "ç”³æŠ¥"): at least two pairs of a lead-byte letter À–ï
  and a continuation-byte character;
- the well-known markers of UTF-8 read as GBK and written back ("锟斤拷", "烫烫烫", "屯屯屯");
- UTF-8 read as GBK ("鐢虫姤"): at least four CJK characters, a third of the line's, outside GB2312
  and not traditional forms either (a notice's own characters are almost all in GB2312);
- a run of at least eight symbols with at least four different ones ("#@$%^&*~"); letters, digits,
  CJK punctuation, box-drawing lines and form squares break a run, and a repeated filler
  ("______", "……") has too few different symbols.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WARNINGS = 10
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_LATIN1_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\u00c0-\u00ef][{_LATIN1_CONTINUATION}]")
_MARKERS = ("锟斤拷", "烫烫烫", "屯屯屯")
_CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Characters that never count towards a symbol run: letters, digits, spaces, CJK and full-width
# punctuation, dashes and quotes, circled numbers, box drawing, squares and circles (□ ○).
_ORDINARY_CLASS = r"\w\s\u3000-\u303f\uff00-\uffef\u2010-\u2027\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u00b7"
# A maximal run of other characters, long enough to count (checked for variety after).
_SYMBOL_RUN = re.compile(f"[^{_ORDINARY_CLASS}\u3400-\u4dbf\u4e00-\u9fff]{{8,}}")


@dataclass(frozen=True)
class GarbledLine:
    line: int  # 1-based
    reason: str
    sample: str

    def message(self) -> str:
        return f"疑似乱码：第 {self.line} 行（{self.reason}）：{self.sample}"


def _outside_gb2312(text: str) -> int:
    from .script import converter

    chars = _CJK.findall(text)
    try:
        "".join(chars).encode("gb2312")
        return 0  # the usual case: every character is in GB2312
    except UnicodeEncodeError:
        pass
    count = 0
    for char in chars:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            if converter("t2s").convert(char) == char:  # not merely a traditional form
                count += 1
    return count


def _symbol_run(line: str) -> bool:
    return any(len(set(run)) >= 4 for run in _SYMBOL_RUN.findall(line))


def _reason(line: str) -> str | None:
    if (n := line.count("\ufffd")) > 0:
        return f"含 {n} 个无法解码的替换字符 U+FFFD"
    if n := len(_PRIVATE_USE.findall(line)):
        return f"含 {n} 个私用区字符（字体缺少 Unicode 映射）"
    if n := len(_CID.findall(line)):
        return f"含 {n} 个 PDF 字形编号“(cid:…)”（字体缺少 Unicode 映射）"
    if len(_MOJIBAKE.findall(line)) >= 2:
        return "疑似 UTF-8 被当作 Latin-1 读取（如“Ã©”）"
    if any(marker in line for marker in _MARKERS):
        return "含“锟斤拷/烫烫烫”类编码错乱标记"
    cjk = len(_CJK.findall(line))
    if cjk >= 4:
        rare = _outside_gb2312(line)
        if rare >= 4 and rare * 3 >= cjk:
            return f"{rare}/{cjk} 个汉字为罕见字，疑似 UTF-8 被当作 GBK 读取"
    if _symbol_run(line):
        return "连续出现大量非中文符号"
    return None


def find_garbled(text: str) -> list[GarbledLine]:
    """Every suspect line, in order (the text itself is left as it is)."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() and (reason := _reason(line)) is not None:
            sample = line.strip()
            found.append(GarbledLine(number, reason, sample[:30] + ("…" if len(sample) > 30 else "")))
    return found


def garbled_warnings(text: str, limit: int = MAX_WARNINGS) -> list[str]:
    """Chinese warning lines for the ingest report, at most `limit` plus a count of the rest."""
    found = find_garbled(text)
    messages = [g.message() for g in found[:limit]]
    if len(found) > limit:
        messages.append(f"疑似乱码：另有 {len(found) - limit} 行")
    return messages
