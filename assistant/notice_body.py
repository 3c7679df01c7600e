"""The body of a 公文 as lines: where the main notice ends (its closing date line; attachments follow)
and the heading lines that end a block of contact or date lines. Shared by the metadata readers."""

from __future__ import annotations

import re

HAN = r"\u4e00-\u9fff"
DATE_CN = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
DATE_LINE = re.compile(rf"^(?:[{HAN}]{{2,30}}\s*)?{DATE_CN}$")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[章条])")


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def body_end(text: str) -> int:
    """Where the main notice ends: the issue-date line (attachments follow it)."""
    offset = 0
    for line in text.split("\n"):
        if DATE_LINE.match(line.strip()):
            return offset
        offset += len(line) + 1
    return len(text)
