"""The BM25 tokeniser segments text block by block (with a cache) exactly as jieba does whole."""

from __future__ import annotations

import logging

import jieba
import pytest

from assistant.tokenize import _KEEP, STOPWORDS, _block_words, words

# Written for this test: mixed scripts, digits next to CJK, URLs, percent signs, full-width
# characters, runs of fillers and blocks that repeat (so the cache is exercised).
TEXTS = [
    "请于2024年5月31日前将申报书（一式3份）报送市工信局，电子版发至abc_xyz@126.com。",
    "服务收入占营业收入比重达到30%以上，近三年（2021-2023年）未发生重大安全事故。",
    "网址：https://www.example.gov.cn/art/2023/5/8/art_123.html　联系电话：0571-87654321",
    "（一）示范企业；（二）示范平台；（三）示范城市。示范企业、示范平台须为独立法人。",
    "４Ｓ店和江南style都不是本通知的内容，________ 与 …… 只是填空线。",
    "已于3月上旬启动第五批遴选工作，请各地想报的企业抓紧准备。",
    "",
    "   ",
]


def _reference(text: str) -> list[str]:
    """The tokeniser before the block cache: jieba over the whole text, then the same filter."""
    jieba.setLogLevel(logging.WARNING)
    out = []
    for token in jieba.cut_for_search(text.lower()):
        token = token.strip()
        if token and _KEEP.search(token) and token not in STOPWORDS:
            out.append(token)
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_words_equal_jieba_on_the_whole_text(text: str) -> None:
    assert words(text) == _reference(text)


def test_repeated_blocks_are_segmented_once() -> None:
    _block_words.cache_clear()
    words("申报材料一式三份，申报材料一式三份。")
    info = _block_words.cache_info()
    assert info.hits >= 1 and info.misses == info.currsize
