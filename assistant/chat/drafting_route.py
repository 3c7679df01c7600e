"""Drafting requests in a conversation ("帮我写申报书正文", "申报书提纲是什么"): the notice's 参考提纲,
verbatim and cited, and how to get a draft. Never an invented outline: a notice without one in the
corpus says so and points to the official template."""

from __future__ import annotations

import re

from ..answer import AskResult
from ..citations import Citation, make_citation
from ..corpus import Notice
from ..drafting import Drafter, OutlineMissingError
from ..drafting.models import Outline
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


def _cite_heading(notice: Notice, chunks: list, outline: Outline) -> Citation | None:  # type: ignore[type-arg]
    first = outline.items[0]
    for chunk in chunks:
        if chunk.start <= first.start and first.end <= chunk.end:
            try:
                return make_citation(notice, [chunk], notice.text[first.start:first.end], chunk.section, n=1)
            except ShenbaoError:
                return None
    return None


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
        citation = _cite_heading(notice, [c for c in chunks if c.notice_id == notice.id], outline)
        marker = "[1]" if citation else ""
        lines = [f"《{notice.meta.title}》的“{outline.title}”参考提纲如下{marker}，请按此顺序编写："]
        lines += [("" if item.level == 1 else "    ") + item.heading for item in outline.items]
        lines.append(
            "可在页面“申报书起草”中选择通知、类别和模式并填写企业情况，生成带【待补充】标记的草稿并下载 Word；"
            f"命令行：shenbao draft --notice {notice.id} --category {chosen} --docx 申报书正文.docx"
        )
        return AskResult(answer="\n".join(lines), citations=[citation] if citation else [], abstained=False,
                         notices=[notice.id], route="drafting", query=message)
    reason = "；".join(reasons) or "现有通知中没有申报书正文的参考提纲"
    return AskResult(answer=f"抱歉，{reason}。", citations=[], abstained=True,
                     notices=[n.id for n in notices[:1]], route="drafting", reason=reason, query=message)
