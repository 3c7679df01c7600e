"""Facts about a notice as a document, read from its metadata and quoted from its text: when it
was issued ("这个通知哪天发的"), and whether the notice states a kind of fact at all. A partial
notice (a web page that kept only its first part) often lacks its deadline or contacts: asked for
them, the answer says the notice's text does not state them, instead of quoting another date or
another notice's phone number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter

from ..answer_types import ANSWER_TYPES
from ..citations import Citation
from ..corpus import Notice
from ..metadata import find_issued_on
from ..round_info import ADDRESSEE
from ..structure import attachment_list_span
from ..vocabulary import (
    ADDRESSEE_QUESTION,
    ATTACHMENTS_QUESTION,
    FACT_LABELS,
    FORM_NAMED,
    ISSUE_DATE_QUESTION,
    ISSUER_QUESTION,
    OWN_DOC_NUMBER,
    RESULTS_ASK,
    SUBMISSION_ASK,
    SUBMISSION_QUESTION,
)
from .compose import compose_clause, notice_name, quote_span

CiteSpan = Callable[[str, int, int, int], list[Citation]]

# Kinds of fact a question can ask for that, when the notice's whole text has none, the notice does
# not state. A deadline counts only when the question says 截止/期限 (a "什么时候" may ask for any date);
# it is read from the metadata (a condition date "2021年1月1日以后" is not a deadline).
STATED_BY_PATTERN = ("contact", "copies", "website", "share", "quota")
DEADLINE_WORDS = re.compile(r"截止|截至|最晚|期限|最后一天|还来得及|还能报(?!什么|啥|哪)")
ASKED_FACT = {"contact": re.compile(r"电话|邮箱|联系人|联系方式|找谁|打给"), "copies": re.compile(r"(?<!哪)(?<!附了)(?<!附有)几份|多少份|份数"),
              "website": re.compile(r"网址|网站"), "share": re.compile(r"比例|占比|比重|百分之|多少%"),
              "quota": re.compile(r"名额|限报|最多(?:能|可以|可)?推荐|推荐几|推几")}
# how a notice writes such a fact, in any form ("30%", "百分之三十", "三成"; "不超过5家", "限报2个", "名额")
STATED_FACT = {**{kind: ANSWER_TYPES[kind][1] for kind in ("contact", "copies", "website")},
               "share": re.compile(r"\d\s*[%％]|百分之|[一二三四五六七八九]成"),
               "quota": re.compile(r"不超过\s*[\d一二三四五六七八九十两]+\s*[个家项名]|限报|名额|推荐[\d一二三四五六七八九十两]+\s*[个家项名]")}
# a notice's own 文号 stands in its header, within this many characters
DOC_NO_HEAD = 400


def asks_issue_date(question: str) -> bool:
    return (ISSUE_DATE_QUESTION.search(question) is not None and SUBMISSION_ASK.search(question) is None
            and RESULTS_ASK.search(question) is None)


def asks_addressees(question: str) -> bool:
    return ADDRESSEE_QUESTION.search(question) is not None


def asks_attachments(question: str) -> bool:
    return ATTACHMENTS_QUESTION.search(question) is not None and FORM_NAMED.search(question) is None


def attachments_answer(notice: Notice, citations: list[Citation], cite_span: CiteSpan) -> str | None:
    """The notice's own list of attachments ("附件：1.… 2.…"), quoted whole."""
    span = attachment_list_span(notice.text)
    return compose_clause(notice, *span, citations, cite_span) if span else None


def asks_issuer(question: str) -> bool:
    return ISSUER_QUESTION.search(question) is not None


# the signature (落款): one or more bodies' names on the line above the closing date, or before it
SIGNATURE = re.compile(r"(?:[\u4e00-\u9fff（）()]{2,30}?(?:厅|局|委|委员会|政府|办公室|办公厅|部|中心|管委会|小组)[\s，、]*)+")


def issuer_answer(notice: Notice, citations: list[Citation], cite_span: CiteSpan) -> str | None:
    """"根据《…》：落款：“山东省工业和信息化厅 山东省财政厅”[1]": the signature above the closing date."""
    day = notice.meta.issued_on
    closing = _last_written(notice, day) if day is not None and find_issued_on(notice.text) == day else None
    if closing is None:
        return None
    date_start = closing.start()
    line_start = notice.text.rfind("\n", 0, date_start) + 1
    before = notice.text[line_start:date_start].strip()
    if before:  # "山东省财政厅 2018年11月24日" on one line
        start, end = line_start, line_start + len(notice.text[line_start:date_start].rstrip())
    else:
        end = line_start - 1
        while end > 0 and notice.text[end - 1] in " \n":
            end -= 1
        start = notice.text.rfind("\n", 0, end) + 1
    if not SIGNATURE.fullmatch(notice.text[start:end].strip()):
        return None
    quoted = quote_span(notice, start, end, citations, cite_span)
    if quoted is None:
        return None
    return f"根据{notice_name(notice.meta)}：\n落款：“{notice.text[start:end].strip()}”{quoted[1]}"


def addressee_answer(notice: Notice, citations: list[Citation], cite_span: CiteSpan) -> str | None:
    """The notice's addressee line (主送机关, "各设区市工业和信息化局，杨凌示范区…："), quoted."""
    match = ADDRESSEE.search(notice.text[:1500])
    quoted = quote_span(notice, match.start(), match.end(), citations, cite_span) if match else None
    if match is None or quoted is None:
        return None
    return f"根据{notice_name(notice.meta)}：\n主送单位：“{match.group(0).strip()}”{quoted[1]}"


def _date_pattern(day: date) -> re.Pattern[str]:
    y, m, d = day.year, day.month, day.day
    return re.compile(
        rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日|{y}\s*[-/.]\s*0?{m}\s*[-/.]\s*0?{d}(?!\d)"
    )


def _last_written(notice: Notice, day: date) -> re.Match[str] | None:
    """The last place the text writes `day` out ("2018年11月24日"): in a signed notice, its 落款."""
    written = [m for m in _date_pattern(day).finditer(notice.text) if "年" in m.group(0)]
    return written[-1] if written else None


def issue_date_answer(notice: Notice, citations: list[Citation], cite_span: CiteSpan) -> str | None:
    """"根据《…》：成文日期：“2021年2月23日”[1]", the date quoted where the text gives it (the closing
    date line, else the web page's publication date); None when the notice carries no date."""
    day = notice.meta.issued_on
    if day is None:
        return None
    signed = find_issued_on(notice.text) == day
    # the 落款 closes the notice (its last date written out); a web page's date opens the page
    match = (_last_written(notice, day) if signed else None) or next(_date_pattern(day).finditer(notice.text), None)
    if match is None:
        return None
    quoted = quote_span(notice, match.start(), match.end(), citations, cite_span)
    if quoted is None:
        return None
    label = "成文日期" if signed else "网页发布日期（正文未写成文日期）"
    return f"根据{notice_name(notice.meta)}：\n{label}：“{match.group(0)}”{quoted[1]}"


class Aspect(BaseModel):
    """An aspect of a programme a notice may not regulate (`data/aspects.yaml`)."""

    model_config = ConfigDict(frozen=True)

    label: str
    asked: re.Pattern[str]
    stated: re.Pattern[str]


@lru_cache(maxsize=1)
def aspects() -> tuple[Aspect, ...]:
    text = resources.files("assistant").joinpath("data/aspects.yaml").read_text(encoding="utf-8")
    return tuple(TypeAdapter(list[Aspect]).validate_python(yaml.safe_load(text)))


def unstated(question: str, types: list[str], notice: Notice) -> tuple[str, ...]:
    """The kinds of fact the question asks for that the notice's text states none of (("印发日期", "文号"))."""
    missing: list[str] = [a.label for a in aspects() if a.asked.search(question) and not a.stated.search(notice.text)]
    if ("deadline" in types and DEADLINE_WORDS.search(question) and SUBMISSION_QUESTION.search(question)
            and not notice.meta.deadlines and notice.meta.status != "standing"):
        missing.append("报送截止时间")
    for kind in STATED_BY_PATTERN:
        if kind in types and ASKED_FACT[kind].search(question) and not STATED_FACT[kind].search(notice.text):
            if kind == "contact" and notice.meta.contacts:
                continue
            missing.append(FACT_LABELS[kind])
    # the document's own date and 文号: none read from it, and no date line or 文号 in its text
    # (unless the question asks about another document it quotes: "《…实施方案》是哪年发的")
    if _quotes_another_document(question, notice):
        return tuple(missing)
    if asks_issue_date(question) and notice.meta.issued_on is None and find_issued_on(notice.text) is None:
        missing.append("印发日期")
    if "doc_no" in types and notice.meta.doc_no is None and not OWN_DOC_NUMBER.search(notice.text[:DOC_NO_HEAD]):
        missing.append("文号")
    return tuple(missing)


_QUOTED_TITLE = re.compile(r"《([^《》]{4,80})》")


def _quotes_another_document(question: str, notice: Notice) -> bool:
    own = re.sub(r"\s", "", notice.meta.title or "")
    return any(re.sub(r"\s", "", name) not in own for name in _QUOTED_TITLE.findall(question))


def unstated_reason(labels: tuple[str, ...], notice: Notice) -> str:
    return f"{notice_name(notice.meta)}现有文本中没有写明{'和'.join(labels)}"
