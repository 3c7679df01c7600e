"""Chinese answer text from chosen sentences: a lead naming the notice and its 文号, then the
quoted sentences with [n] markers; side by side when several notices answer; a plain refusal
with the contacts of the closest notice when none does."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..citations import Citation
from ..corpus import Notice
from ..metadata import NoticeMeta
from .clause_lists import ListBlock
from .sentences import Sentence

Cite = Callable[[Sentence, int], Citation]
CiteSpan = Callable[[str, int, int, int], list[Citation]]
BRIEF_NOTE = "（该通知按申报类别分别规定，以下每项只列首句；说明申报类别即可看到该类的完整条款。）"
DECISIVE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d+(?:\.\d+)?%|满[一两二三\d]+年|[一两二三\d]+年以上|不超过\s*\d+\s*个")


# What a document that is not the call itself is, said wherever it is named in an answer.
GENRE_NOTES = {"news": "新闻报道，非通知原文", "list": "名单公布文件，非申报通知"}


# What a document without a title in its text is called: its kind, by genre.
GENRE_KINDS = {"notice": "通知", "measures": "文件", "guide": "指南", "list": "名单公布文件", "news": "报道"}


def notice_name(meta: NoticeMeta) -> str:
    """How an answer names a notice: its title in 《》 (and 文号); a document whose text gives no title
    (a web page that kept only the body; its id stands in as the title) is described by its issuer
    and date instead, never given a made-up title in 《》."""
    if meta.title == meta.id:
        when = f"{meta.issued_on.year}年" if meta.issued_on else (f"{meta.year}年" if meta.year else "")
        source = f"{meta.issuer or meta.region or ''}{when}"
        kind = GENRE_KINDS.get(meta.genre, "文件")
        described = f"{source}的{kind}" if source else kind
        return f"{described}（{meta.doc_no}，原文无标题）" if meta.doc_no else f"{described}（原文无标题）"
    name = f"《{meta.title}》（{meta.doc_no}）" if meta.doc_no else f"《{meta.title}》"
    note = GENRE_NOTES.get(meta.genre)
    return f"{name}（{note}）" if note else name


def _quote(sentence: Sentence, citations: list[Citation], cite: Cite) -> str:
    citation = cite(sentence, len(citations) + 1)
    citations.append(citation)
    return f"“{citation.quote}”[{citation.n}]"


def compose_single(notice: Notice, sentences: list[Sentence], citations: list[Citation], cite: Cite) -> str:
    lines = [f"根据{notice_name(notice.meta)}："]
    # in the notice's own order (the direct lead already states the asked fact first)
    lines += [_quote(s, citations, cite) for s in sorted(sentences, key=lambda s: s.start)]
    return "\n".join(lines)


def quote_span(
    notice: Notice, start: int, end: int, citations: list[Citation], cite_span: CiteSpan
) -> tuple[str, str] | None:
    """A span of the notice cited chunk by chunk: (its verbatim text, its "[n][m]" marks), the
    citations appended; None when nothing of it can be cited."""
    cited = cite_span(notice.id, start, end, len(citations) + 1)
    if not cited:
        return None
    citations.extend(cited)
    return notice.text[cited[0].start : cited[-1].end], "".join(f"[{c.n}]" for c in cited)


def compose_clause(notice: Notice, start: int, end: int, citations: list[Citation], cite_span: CiteSpan) -> str | None:
    """One clause of the notice quoted whole (its heading and text), cited chunk by chunk."""
    quoted = quote_span(notice, start, end, citations, cite_span)
    return f"根据{notice_name(notice.meta)}：\n{quoted[0]}{quoted[1]}" if quoted else None


def list_lines(notice: Notice, blocks: list[ListBlock], citations: list[Citation], cite_span: CiteSpan) -> list[str]:
    """Each quoted line of the governing clause(s), verbatim, with its [n]."""
    quoted = (quote_span(notice, q.start, q.end, citations, cite_span) for block in blocks for q in block.quotes)
    return [text + marks for text, marks in (q for q in quoted if q)]


def compose_list(
    notice: Notice,
    blocks: list[ListBlock],
    citations: list[Citation],
    cite_span: CiteSpan,
    categories: list[str],
    outside: list[Sentence],
    cite: Cite,
) -> str:
    """A list answer: the notice named once, the best sentence if the list does not hold it, then
    the governing clause(s) line by line."""
    head = f"根据{notice_name(notice.meta)}："
    if not categories and any(b.brief for b in blocks):
        head += BRIEF_NOTE
    lines = [head, *(_quote(s, citations, cite) for s in outside)]
    return "\n".join([*lines, *list_lines(notice, blocks, citations, cite_span)])


def decisive_facts(text: str) -> frozenset[str]:
    return frozenset(m.replace(" ", "") for m in DECISIVE.findall(text))


def side_by_side_head(texts: Iterable[str]) -> str:
    """The first line of a side-by-side answer: a warning not to mix the notices up when what each
    quotes states different decisive facts (dates, shares, durations)."""
    distinct = {f for f in (decisive_facts(t) for t in texts) if f}
    if len(distinct) > 1:
        return "这个问题涉及多个通知，各通知的规定不同，请按所申报的通知办理，不要混用："
    return "这个问题涉及多个通知，以下分别列出各通知的规定："


def compose_multi(
    groups: dict[str, list[Sentence]],
    notice: Callable[[str], Notice],
    citations: list[Citation],
    cite: Cite,
    blocks: dict[str, list[ListBlock]] | None = None,
    cite_span: CiteSpan | None = None,
) -> str:
    blocks = blocks or {}
    lines = [side_by_side_head(" ".join(s.text for s in sentences) for sentences in groups.values())]
    for i, (notice_id, sentences) in enumerate(groups.items(), start=1):
        if notice_id in blocks and cite_span is not None:
            first = sentences[0] if sentences else None
            inside = first is not None and any(b.holds(first.start) for b in blocks[notice_id])
            lead = "" if first is None or inside else _quote(first, citations, cite)
            lines.append(f"{i}. {notice_name(notice(notice_id).meta)}：{lead}")
            lines += list_lines(notice(notice_id), blocks[notice_id], citations, cite_span)
            continue
        quoted = "".join(_quote(s, citations, cite) for s in sentences)
        lines.append(f"{i}. {notice_name(notice(notice_id).meta)}：{quoted}")
    return "\n".join(lines)


def contacts_text(meta: NoticeMeta) -> str:
    people = []
    for c in meta.contacts:
        parts = [p for p in (c.name, c.phone, c.email) if p]
        if parts:
            people.append(" ".join(parts))
    if people:
        return f"{notice_name(meta)}所列联系人：" + "；".join(people)
    if meta.issuer:
        return f"{notice_name(meta)}的发文单位：{meta.issuer}"
    return notice_name(meta)


def abstain_text(reason: str, meta: NoticeMeta | None) -> str:
    text = f"抱歉，{reason}，无法根据现有通知回答这个问题，也不能用其他通知的规定代替。"
    if meta is not None:
        text += f"如需进一步了解，可咨询{contacts_text(meta)}。"
    return text
