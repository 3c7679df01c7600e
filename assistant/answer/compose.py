"""Chinese answer text from chosen sentences: a lead naming the notice and its 文号, then the
quoted sentences with [n] markers; side by side when several notices answer; a plain refusal
with the contacts of the closest notice when none does."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..citations import Citation
from ..corpus import Notice
from ..metadata import NoticeMeta
from .sentences import Sentence

Cite = Callable[[Sentence, int], Citation]
DECISIVE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d+(?:\.\d+)?%|满[一两二三\d]+年|[一两二三\d]+年以上|不超过\s*\d+\s*个")


def notice_name(meta: NoticeMeta) -> str:
    return f"《{meta.title}》（{meta.doc_no}）" if meta.doc_no else f"《{meta.title}》"


def _quote(sentence: Sentence, citations: list[Citation], cite: Cite) -> str:
    citation = cite(sentence, len(citations) + 1)
    citations.append(citation)
    return f"“{citation.quote}”[{citation.n}]"


def compose_single(notice: Notice, sentences: list[Sentence], citations: list[Citation], cite: Cite) -> str:
    lines = [f"根据{notice_name(notice.meta)}："]
    lines += [_quote(s, citations, cite) for s in sentences]
    return "\n".join(lines)


def decisive_facts(text: str) -> frozenset[str]:
    return frozenset(m.replace(" ", "") for m in DECISIVE.findall(text))


def compose_multi(
    groups: dict[str, list[Sentence]],
    notice: Callable[[str], Notice],
    citations: list[Citation],
    cite: Cite,
) -> str:
    facts = {nid: decisive_facts(" ".join(s.text for s in sentences)) for nid, sentences in groups.items()}
    distinct = {f for f in facts.values() if f}
    if len(distinct) > 1:
        head = "这个问题涉及多个通知，各通知的规定不同，请按所申报的通知办理，不要混用："
    else:
        head = "这个问题涉及多个通知，以下分别列出各通知的规定："
    lines = [head]
    for i, (notice_id, sentences) in enumerate(groups.items(), start=1):
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
