"""Traditional script → simplified, with OpenCC's `t2s`, only for texts that are mostly traditional.

Library choice, measured on a 50 KB traditional text (the five seed notices converted with s2t,
18,996 characters) on the project's 2-core machine: the `opencc` package (C++ OpenCC 1.4.2 with
Python bindings) converts it in 1.1 ms (import and set-up 26 ms); `opencc-python-reimplemented`
0.1.7 (pure Python) needs 86 ms for the same text, with identical output. Both install a module
named `opencc`, so only `opencc` is a dependency.

Decision: the text is converted when the characters `t2s` would change are at least
`MIN_TRADITIONAL_SHARE` (10%) of its CJK characters *and* outnumber the characters `s2t` would
change (simplified-only forms). Measured: a fully traditional notice scores 38% (t2s) against 0%
(s2t); the five seed notices and the sixteen external notices 0–0.5% against 35–41%. So a
simplified text is never converted, even one that quotes a few traditional characters (a repost's
stray "號"), and a text that is half and half is converted only when traditional forms win.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MIN_TRADITIONAL_SHARE = 0.10
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class ScriptResult:
    text: str
    converted: int  # characters changed by t2s (0 when the text was left as it was)
    traditional_share: float  # share of CJK characters t2s would change


@lru_cache(maxsize=2)
def converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def changed_chars(before: str, after: str) -> int:
    """How many characters a conversion changed (positionwise when it kept the length)."""
    if len(before) == len(after):
        return sum(a != b for a, b in zip(before, after, strict=True))
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")


def to_simplified(text: str) -> ScriptResult:
    """The text in simplified script if it is mostly traditional, else unchanged."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return ScriptResult(text, 0, 0.0)
    simplified = converter("t2s").convert(text)
    traditional = changed_chars(text, simplified)
    share = traditional / cjk
    if traditional == 0 or share < MIN_TRADITIONAL_SHARE:
        return ScriptResult(text, 0, share)
    simplified_forms = changed_chars(text, converter("s2t").convert(text))
    if traditional <= simplified_forms:
        return ScriptResult(text, 0, share)
    return ScriptResult(simplified, traditional, share)
