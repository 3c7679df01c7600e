"""Drafting requests in a conversation ("帮我写申报书正文", "申报书提纲是什么"): the notice's 参考提纲,
verbatim and cited, and how to get a draft. Never an invented outline: a notice without one in the
corpus says so and points to the official template."""

from __future__ import annotations

import re

from ..answer import AskResult
from ..citations import Citation, make_citation
from ..corpus import Notice
from ..drafting import Drafter, OutlineMissingError
from ..drafting.models import Outline, OutlineItem
from ..eligibility.profile import CATEGORY_LABELS
from ..errors import ShenbaoError
from ..scope import categories_in

DRAFTING_CUE = re.compile(
    r"(?:写|起草|撰写|编写|生成|拟|草拟).{0,16}(?:申报书|正文|申报材料)|申报书.{0,8}(?:怎么写|如何写|提纲|模板|框架|结构|写什么|写哪些)"
    r"|参考提纲|正文提纲|正文.{0,4}(?:怎么写|如何写|写什么)"
)
ASKED_CATEGORY = "asked_category"  # the reply asks which category: the next message may just name it


def is_drafting_request(text: str) -> bool:
    return DRAFTING_CUE.search(text) is not None


def _cite(notice: Notice, chunks: list, start: int, end: int, n: int) -> Citation | None:  # type: ignore[type-arg]
    """A citation of notice.text[start:end] when one chunk holds it."""
    for chunk in chunks:
        if chunk.start <= start and end <= chunk.end:
            try:
                return make_citation(notice, [chunk], notice.text[start:end], chunk.section, n=n)
            except ShenbaoError:
                return None
    return None


def _guidance_span(notice: Notice, item: OutlineItem) -> tuple[int, int] | None:
    """Offsets of the item's guidance text or list of attachments (verbatim, right after its heading)."""
    if item.kind == "attachments" and item.attachments:
        first = notice.text.find(item.attachments[0], item.end)
        last = notice.text.find(item.attachments[-1], max(first, item.end))
        return (first, last + len(item.attachments[-1])) if first >= 0 and last >= 0 else None
    if not item.guidance:
        return None
    at = notice.text.find(item.guidance, item.end)
    return (at, at + len(item.guidance)) if at >= 0 else None


def _asked_items(outline: Outline, message: str) -> list[OutlineItem]:
    """The part the question names by its title ("平台建设情况那一章写什么") with its sub-items; else all."""
    bare = re.sub(r"\s+", "", message)
    named = [i for i in outline.items if len(i.title) >= 2 and i.title in bare]
    if len(named) != 1:
        return outline.items
    return [named[0], *(i for i in outline.items if i.parent == named[0].id)]


def outline_lines(notice: Notice, chunks: list, outline: Outline, items: list[OutlineItem],  # type: ignore[type-arg]
                  citations: list[Citation]) -> list[str]:
    """Each heading with its guidance, verbatim and cited, indented by level."""
    lines: list[str] = []
    for item in items:
        indent = "" if item.level == 1 else "    "
        line = indent + item.heading
        span = _guidance_span(notice, item)
        if span and item.kind != "attachments" and "\n" not in notice.text[item.start : span[0]]:
            # heading and guidance on one line ("（二）服务内容。（参考附件1…要求编制。）"): the line as written
            end = notice.text.find("\n", span[1])
            end = len(notice.text.rstrip()) if end < 0 else end
            while end > span[1] and notice.text[end - 1].isspace():
                end -= 1
            whole = _cite(notice, chunks, item.start, end, len(citations) + 1)
            if whole is not None:
                citations.append(whole)
                lines.append(f"{indent}{whole.quote}[{whole.n}]")
                continue
        citation = _cite(notice, chunks, span[0], span[1], len(citations) + 1) if span else None
        if citation is not None:
            citations.append(citation)
            quote = citation.quote.replace("\n", "；") if item.kind == "attachments" else citation.quote
            line += f"：{quote}[{citation.n}]"
        lines.append(line)
    return lines


def drafting_reply(drafter: Drafter, notices: list[Notice], chunks: list, message: str,  # type: ignore[type-arg]
                   category: str | None) -> AskResult:
    """The outline of the first notice in scope that has one for the category asked about."""
    category = next(iter(categories_in(message)), None) or category
    reasons: list[str] = []
    for notice in notices:
        try:
            outlines = drafter.outlines(notice.id)
        except OutlineMissingError as exc:
            reasons.append(str(exc))
            continue
        if not outlines:
            reasons.append(drafter.missing_reason(notice.id) or f"《{notice.meta.title}》没有申报书正文的参考提纲")
            continue
        if category is None and len(outlines) > 1:
            offered = "、".join(CATEGORY_LABELS[c] for c in outlines)
            return AskResult(answer=f"《{notice.meta.title}》的参考提纲分{offered}几类，请问您申报的是哪一类？",
                             citations=[], abstained=False, notices=[notice.id], route="drafting", query=message,
                             reason=ASKED_CATEGORY)
        chosen = category if category in outlines else next(iter(outlines))
        if category is not None and category not in outlines:
            reasons.append(f"《{notice.meta.title}》没有{CATEGORY_LABELS[category]}的参考提纲")
            continue
        outline = outlines[chosen]
        own = [c for c in chunks if c.notice_id == notice.id]
        first = outline.items[0]
        citation = _cite(notice, own, first.start, first.end, 1)
        citations = [citation] if citation else []
        marker = "[1]" if citation else ""
        lines = [f"《{notice.meta.title}》的“{outline.title}”参考提纲如下{marker}，请按此顺序编写（各部分的编写要求为通知原文）："]
        lines += outline_lines(notice, own, outline, _asked_items(outline, message), citations)
        lines.append(
            "可在页面“申报书起草”中选择通知、类别和模式并填写企业情况，生成带【待补充】标记的草稿并下载 Word；"
            f"命令行：shenbao draft --notice {notice.id} --category {chosen} --docx 申报书正文.docx"
        )
        return AskResult(answer="\n".join(lines), citations=citations, abstained=False,
                         notices=[notice.id], route="drafting", query=message)
    reason = "；".join(reasons) or "现有通知中没有申报书正文的参考提纲"
    return AskResult(answer=f"抱歉，{reason}。", citations=[], abstained=True,
                     notices=[n.id for n in notices[:1]], route="drafting", reason=reason, query=message)
