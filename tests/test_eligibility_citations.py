"""`assistant.citations`: quotes are verbatim and located at the cited section, or refused."""

from __future__ import annotations

import pytest

from assistant.citations import citation_is_verbatim, make_citation
from assistant.corpus import chunks_for, load_corpus_notice
from assistant.errors import ShenbaoError
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="module")
def henan():  # type: ignore[no-untyped-def]
    notice = load_corpus_notice(CORPUS, "henan-2020")
    return notice, chunks_for(notice)


def test_citation_is_verbatim_with_offsets(henan) -> None:  # type: ignore[no-untyped-def]
    notice, chunks = henan
    quote = "截至申报日，申报单位须正常经营两年以上"
    citation = make_citation(notice, chunks, quote, "三、申报条件 > （二）示范企业专项条件", n=3)
    assert notice.text[citation.start : citation.end] == quote
    assert citation.n == 3 and citation.doc_no == "豫工信办产融〔2020〕202号"
    assert citation.section.startswith("三、申报条件 > （二）示范企业专项条件")
    assert citation_is_verbatim(notice.text, citation)
    assert not citation_is_verbatim(notice.text.replace("两年以上", "三年以上"), citation)


def test_section_as_list_and_whitespace_in_headings(henan) -> None:  # type: ignore[no-untyped-def]
    notice, chunks = henan
    citation = make_citation(notice, chunks, "生产经营和财务状况良好", ["三、申报条件", "（一） 共性条件"])
    assert citation.quote == "生产经营和财务状况良好"


def test_same_quote_in_two_sections_is_found_in_the_cited_one(henan) -> None:  # type: ignore[no-untyped-def]
    notice, chunks = henan
    quote = "综合服务收入占总收入比例达到15%左右"
    first = make_citation(notice, chunks, quote, "附件1 河南省服务型制造示范遴选基本条件 > 一、示范企业基本模式 > （一）智能产品生命周期管理")
    third = make_citation(notice, chunks, quote, "附件1 河南省服务型制造示范遴选基本条件 > 一、示范企业基本模式 > （三）总集成总承包服务")
    assert first.start < third.start


@pytest.mark.parametrize(
    ("quote", "section", "message"),
    [
        ("申报单位须正常经营三年以上", "三、申报条件", "找不到"),
        ("截至申报日，申报单位须正常经营两年以上", "一、遴选重点", "不在章节"),
        ("截至申报日，申报单位须正常经营两年以上", "三、申报", "不在章节"),  # path steps, not string prefixes
        ("", "三、申报条件", "为空"),
    ],
)
def test_refused_citations(henan, quote: str, section: str, message: str) -> None:  # type: ignore[no-untyped-def]
    notice, chunks = henan
    with pytest.raises(ShenbaoError, match=message):
        make_citation(notice, chunks, quote, section)
