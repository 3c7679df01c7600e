"""Notice metadata: extracted from the cleaned text by code, then overlaid with hand-checked values.

`extract_metadata` reads only the cleaned notice text: the document number (文号), issue date (成文日期),
title, issuer, deadlines, contacts and the categories offered. `load_notice_meta` then lets the
hand-checked `notice.yaml` of the notice folder win, field by field.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .contacts import Contact, find_contacts
from .errors import ShenbaoError
from .issuer_place import level_and_region
from .notice_body import DATE_CN, DATE_LINE, HAN, HEADING, body_end, lines_of
from .round_info import (
    LABELLED_DOC_NO,
    find_batch,
    find_copies,
    find_genre,
    find_parent_doc_no,
    find_title_in_text,
    find_web_date,
    find_year,
    issuer_from_doc_no,
    reported_issuer,
)

Level = Literal["national", "provincial", "municipal", "district"]
Genre = Literal["notice", "measures", "guide", "list", "news"]
Category = Literal["enterprise", "platform", "project", "city"]

META_FILE = "notice.yaml"
# Part of each notice's content hash: a new extractor re-reads the metadata of an existing index
# (the vectors are reused).
METADATA_VERSION = "meta-10"


class Deadline(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: date
    what: str
    level: Level | None = None  # whose deadline it is (DESIGN.md)


class NoticeMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    issuer: str | None = None
    doc_no: str | None = None
    level: Level | None = None
    region: str | None = None
    issued_on: date | None = None
    deadlines: list[Deadline] = []
    categories: list[Category] = []
    contacts: list[Contact] = []
    status: str = "unknown"  # open | closed | standing | reference | unknown
    year: int | None = None
    notes: str | None = None
    batch: int | None = None  # 第N批 of the round this notice organises
    genre: Genre = "notice"
    parent_doc_no: str | None = None  # 文号 of the higher notice it forwards or implements
    parent: str | None = None  # id of that notice when it is indexed too (DESIGN.md)
    copies: int | None = None  # 一式N份

    @property
    def years(self) -> set[int]:
        """The years the notice is of: its round year and the year it was issued (either may be unknown)."""
        return {y for y in (self.year, self.issued_on.year if self.issued_on else None) if y}


def application_deadline(meta: NoticeMeta) -> date | None:
    """The notice's application deadline: the latest deadline about 申报 materials, else the latest one."""
    if not meta.deadlines:
        return None
    about_application = [d.date for d in meta.deadlines if "申报" in d.what]
    return max(about_application or [d.date for d in meta.deadlines])


# --- patterns ------------------------------------------------------------------------------

DOC_NO = re.compile(rf"[{HAN}]{{1,15}}[〔\[【(（]\d{{4}}[〕\]】)）]\s*\d{{1,4}}\s*号")
DATE_LABEL = re.compile(r"成文日期[：:]\s*(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})")
DEADLINE = re.compile(
    r"(?:于|在|截至|截止到?)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*"
    r"(?:[（(](?:周|星期)[一二三四五六日天][）)])?\s*(?:之前|以前|前|止)"
)
# the weekday a date is given with ("8月11日（周五）前"): it fixes a year the text leaves out
WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_WEEKDAYS = "一二三四五六日"
# "申报截止日期为8月8日", "申报日期：2022-09-01/2022-10-31" (the end of a range)
DEADLINE_STATED = re.compile(
    r"截[止至](?:日期|时间)\s*(?:为|是|[:：])?\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|申报(?:日期|时间)\s*[:：]?\s*\d{4}-\d{1,2}-\d{1,2}\s*[/至~－—-]+\s*(\d{4})-(\d{1,2})-(\d{1,2})"
)
OPENING_CHARS = 400
CATEGORY_RUN = re.compile(r"示范[（(]?((?:企业|平台|项目|城市)(?:\s*[、和及]\s*(?:企业|平台|项目|城市))+)")
# "组织符合条件的企业、项目和平台积极申报": the kinds of applicant a notice calls for
CATEGORY_CALLED = re.compile(r"((?:企业|平台|项目)(?:\s*[、和及]\s*(?:企业|平台|项目))+)[^。，；]{0,4}(?:申报|参评)")
# "（三）示范区。面向…的区开展遴选" (an area is the city category one level down); "分“企业类”、“平台类”"
CATEGORY_HEADING_AREA = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]\s*示范(?:园)?区\s*(?:[。：:]|$)", re.M)
CATEGORY_CLASS = re.compile(r"[“\"](企业|平台|项目|城市)类[”\"]")
DEADLINE_VERB = re.compile(r"(报送|上报|发送至|发送|提交|反馈|填报|寄送|报)")
ATTACHMENT_MARK = re.compile(r"^附件\s*\d*\s*$")
TITLE_END = re.compile(r"(?:通知|意见|办法|方案|决定|公告|公示|指南|指引|要点|细则|规定|名单)(?:[（(][^）)]{1,6}[）)])?$")
TITLE_WORDS = re.compile(r"关于.+(?:通知|意见|办法|方案|决定|公告)")
ISSUER_END = r"(?:办公厅|办公室|厅|局|委员会|委|部|政府)"
WEB_ISSUER = re.compile(rf"(?:发布部门|发布机构|发布单位|发文单位)\s*[:：]\s*([{HAN}]{{2,40}})")
PAGE_BUTTONS = re.compile(r"(?:收藏|分享|打印|关闭)+$")
ISSUER_RESPONSIBLE = (
    re.compile(rf"由([{HAN}]{{2,30}}?{ISSUER_END})负责解释"),
    re.compile(
        rf"(?:^|第[一二三四五六七八九十百]+条\s*)([{HAN}]{{2,30}}?{ISSUER_END})负责.{{0,30}}(?:认定|管理)"
    ),
)

CATEGORY_WORDS: dict[Category, str] = {
    "enterprise": "示范企业",
    "platform": "示范平台",
    "project": "示范项目",
    "city": "示范城市",
}


# --- small helpers -------------------------------------------------------------------------


def _squash(text: str) -> str:
    """Drop spaces next to Chinese characters (display strings such as a title)."""
    return re.sub(rf"\s+(?=[{HAN}\d（）])|(?<=[{HAN}（）])\s+", "", text).strip()


def _mostly_not_chinese(line: str) -> bool:
    chars = re.sub(r"\s", "", line)
    return bool(chars) and len(re.findall(rf"[{HAN}]", chars)) < len(chars) / 2


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _label(lines: list[str], label: str) -> str | None:
    pattern = re.compile(rf"^{label}[：:]\s*(.+?)(?:\s+[{HAN}]{{2,6}}[：:].*)?$")
    for line in lines[:40]:
        match = pattern.match(line)
        if match:
            return match.group(1).strip()
    return None


# --- fields --------------------------------------------------------------------------------


def find_doc_no(text: str) -> str | None:
    """The notice's own 文号: after "发文字号", or alone on a line in the header.

    Numbers cited inside the body (《…》（豫办〔2020〕7号）) never stand alone on a line, so they are not taken.
    """
    lines = lines_of(text)
    labelled = _label(lines, "发文字号")
    if labelled and DOC_NO.fullmatch(labelled):
        return re.sub(r"\s+", "", labelled)
    in_table = LABELLED_DOC_NO.search("\n".join(lines[:15]))  # a web page's metadata table
    if in_table:
        return re.sub(r"\s+", "", in_table.group(1))
    header = [line for line in lines if line][:15]
    for line in header:
        if HEADING.match(line) or line.endswith("："):
            break
        if DOC_NO.fullmatch(line):
            return re.sub(r"\s+", "", line)
    return None


def _date_line_index(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if DATE_LINE.match(line):
            return i
    return None


def find_issued_on(text: str) -> date | None:
    """成文日期: a "成文日期：" label, else the first line that is a date (optionally after the signer)."""
    labelled = DATE_LABEL.search(text)
    if labelled:
        return _safe_date(*map(int, labelled.groups()))
    lines = lines_of(text)
    index = _date_line_index(lines)
    if index is None:
        return None
    match = re.search(DATE_CN, lines[index])
    return _safe_date(*map(int, match.groups())) if match else None


def find_title(text: str) -> str | None:
    lines = lines_of(text)
    labelled = _label(lines, "标题")
    if labelled:
        return _squash(labelled)
    header: list[str] = []
    for line in lines[:30]:
        if not line or ATTACHMENT_MARK.match(line) or DOC_NO.fullmatch(line) or line.endswith("文件"):
            continue
        if _mostly_not_chinese(line):  # a URL, a "source: …" note or page code is never the title
            continue
        if HEADING.match(line) or line.endswith("：") or re.search(r"[。；]", line):
            break
        header.append(line)
    for line in header:
        if TITLE_WORDS.search(line):
            return _squash(line)
    # A title printed over several lines ("…示范企业认定" / "管理办法（试行）"): join the header lines.
    return _squash("".join(header)) or None


def find_issuer(text: str, title: str | None) -> str | None:
    labelled = _label(lines_of(text), "发文机关")
    if labelled:
        return labelled
    if title and "关于" in title:
        prefix = title.split("关于", 1)[0]
        if prefix:
            return prefix
    for pattern in ISSUER_RESPONSIBLE:
        for line in lines_of(text):
            match = pattern.search(line)
            if match:
                return match.group(1)
    lines = lines_of(text)
    index = _date_line_index(lines)
    if index is not None:
        signer = DATE_LINE.sub("", lines[index]).strip() or next(
            (line for line in reversed(lines[:index]) if line), ""
        )
        if re.fullmatch(rf"[{HAN}]{{2,30}}{ISSUER_END}", signer):
            return signer
    # a web page's own label ("发布部门：辽宁省工业和信息化厅"; not "发文单位：…门户网站")
    page = WEB_ISSUER.search(text[:OPENING_CHARS])
    value = PAGE_BUTTONS.sub("", page.group(1)) if page else ""
    # the whole value is a body's name ("辽宁省工业和信息化厅"; not "工业和信息化部门" or "…门户网站")
    return value if re.fullmatch(rf"[{HAN}]{{2,30}}{ISSUER_END}", value) else None


def _what(sentence: str, match: re.Match[str]) -> str:
    """A short description of what is due, from the sentence that states the deadline."""

    def unbracket(part: str) -> str:
        return re.sub(r"[（(][^）)]*[）)]", "", part)

    before = unbracket(sentence[: match.start()])
    after = unbracket(sentence[match.end() :]).lstrip("，, ")
    after = re.split(r"[，。；]", after)[0]
    moved = re.match(r"将(.+?)(?:以\S{1,8}格式)?(报送|上报|发送至|发送|提交|反馈|寄送)", after)
    if moved:
        return _short(_verb(moved.group(2)) + moved.group(1))
    leading_verb = DEADLINE_VERB.match(after)
    if leading_verb:
        # "将X，于…前反馈" (object before the date) or "于…前报送X" (object after the verb)
        obj = before.rsplit("将", 1)[-1] if "将" in before else after[leading_verb.end() :]
        return _short(_verb(leading_verb.group(1)) + obj.strip("，, "))
    verbs = list(re.finditer(r"(报送|上报|提交|反馈|填报)(\S+)$", after))
    if verbs:
        return _short(verbs[-1].group(1) + verbs[-1].group(2))
    return _short(after)


def _verb(verb: str) -> str:
    return "报送" if verb in {"发送至", "发送", "上报", "寄送", "报"} else verb


def _short(text: str) -> str:
    items = re.split("、", text)
    if len(items) > 2:
        text = "、".join(items[:2]) + "等"
    return re.sub(r"等等$", "等", text)


def find_deadlines(text: str, issued_on: date | None, year_hint: int | None) -> list[Deadline]:
    """Deadlines stated as "于…日前"; a missing year comes from the issue date (rolled to next year if earlier)."""
    end = body_end(text)
    body = text[:end]
    found: list[Deadline] = []
    for sentence in re.split(r"(?<=[。；])", body):
        for match in [*DEADLINE.finditer(sentence), *DEADLINE_STATED.finditer(sentence)]:
            # each alternative captures (year, month, day); take the one that matched
            groups = match.groups()
            year_text, month_text, day_text = next(groups[i : i + 3] for i in range(0, len(groups), 3) if groups[i + 1])
            month, day = int(month_text), int(day_text)
            if year_text:
                year = int(year_text)
            elif issued_on:
                year = issued_on.year + ((month, day) < (issued_on.month, issued_on.day))
            elif year_hint:
                year = year_hint
            else:
                year = _year_by_weekday(text, month, day, WEEKDAY.search(match.group(0)))
                if year is None:
                    continue
            when = _safe_date(year, month, day)
            if when:
                found.append(Deadline(date=when, what=_what(sentence, match)))
    return sorted(found, key=lambda d: d.date)


def _year_by_weekday(text: str, month: int, day: int, weekday: re.Match[str] | None) -> int | None:
    """A year-less date's year from its weekday: of the years the text names and the ones after them,
    the only one in which that date falls on that weekday (None when none or several do)."""
    if weekday is None:
        return None
    wanted = _WEEKDAYS.index(weekday.group(1).replace("天", "日"))
    named = {int(y) for y in re.findall(r"(?<!\d)(20\d\d)\s*年", text)}
    fits = {y for y in named | {y + 1 for y in named} if (d := _safe_date(y, month, day)) and d.weekday() == wanted}
    return fits.pop() if len(fits) == 1 else None


def find_categories(text: str) -> list[Category]:
    body = text[: body_end(text)] or text
    found: list[Category] = [cat for cat, word in CATEGORY_WORDS.items() if word in body]
    # "示范（企业、项目、平台、城市）", "示范企业、平台、项目名单": categories listed after one 示范 in
    # the opening (later, "应拥有一批…示范企业、平台及项目" is a condition, not what is offered)
    for run in CATEGORY_RUN.finditer(body[:OPENING_CHARS]):
        for cat, word in CATEGORY_WORDS.items():
            if word[2:] in run.group(1) and cat not in found:
                found.append(cat)
    for run in CATEGORY_CALLED.finditer(body):
        for cat, word in CATEGORY_WORDS.items():
            if word[2:] in run.group(1) and cat not in found:
                found.append(cat)
    for match in CATEGORY_CLASS.finditer(body):
        cat = next(c for c, word in CATEGORY_WORDS.items() if word[2:] == match.group(1))
        if cat not in found:
            found.append(cat)
    if CATEGORY_HEADING_AREA.search(body) and "city" not in found:
        found.append("city")
    if not found and "企业" in body:
        found = ["enterprise"]
    return found


def _status(title: str, text: str, deadlines: list[Deadline], today: date) -> str:
    """A standing measure (试行办法, in force from publication) has no application window."""
    if "试行" in title or re.search(r"自(?:发布|印发)之日起(?:施行|实施)", text):
        return "standing"
    if deadlines:
        return "open" if max(d.date for d in deadlines) >= today else "closed"
    return "reference"


# --- public API ----------------------------------------------------------------------------


# A "title" longer than this is a paragraph (an agency page's lead-in), not a title: the longest
# labelled title of the external notices is 43 characters (tests/eval/metadata), the corpus notices' 39.
TITLE_MAX_CHARS = 80


def _best_title(text: str) -> str | None:
    """The header's title when it reads as one (关于…的通知), else a title found in a web page's first
    lines, else whatever the header holds (never a paragraph)."""
    title = _title_candidate(text)
    return title if title and len(title) <= TITLE_MAX_CHARS else None


def _title_candidate(text: str) -> str | None:
    header = find_title(text)
    if header:  # a markdown heading or a "标题：" / "title:" label is not part of the title
        header = re.sub(r"^#+\s*(?:(?:title|标题)\s*[:：]\s*)?", "", header, flags=re.I) or None
    if header and (TITLE_WORDS.search(header) or TITLE_END.search(header)):
        return header
    return find_title_in_text(text) or header


def extract_metadata(notice_id: str, cleaned_text: str) -> NoticeMeta:
    """Everything the code can read from the cleaned text alone (no hand-checked values). Without a
    title in the text, the id stands in for it."""
    found_title = _best_title(cleaned_text)
    title = found_title or notice_id
    issued_on = find_issued_on(cleaned_text) or find_web_date(cleaned_text)
    doc_no = find_doc_no(cleaned_text)
    parent_doc_no = find_parent_doc_no(cleaned_text, doc_no)
    year = find_year(found_title, cleaned_text, issued_on, doc_no or parent_doc_no)
    genre = find_genre(found_title, cleaned_text)
    issuer = find_issuer(cleaned_text, found_title) or issuer_from_doc_no(doc_no)
    if issuer is None and genre == "news":
        issuer = reported_issuer(cleaned_text)
    level, region = level_and_region(issuer, found_title, cleaned_text)
    if level == "national":  # the ministry forwards no higher notice: a 通知 it cites is its own earlier one
        parent_doc_no = None
    if genre == "news" and issued_on:  # a report is about the round of its own date
        year = issued_on.year
    if genre == "measures":  # a standing measure names no round
        year = None
    deadlines = find_deadlines(cleaned_text, issued_on, year)
    if year is None and deadlines and genre != "measures":
        year = deadlines[0].date.year
    return NoticeMeta(
        id=notice_id,
        title=title,
        issuer=issuer,
        doc_no=doc_no,
        level=level,
        region=region,
        issued_on=issued_on,
        deadlines=deadlines,
        categories=find_categories(cleaned_text),
        contacts=find_contacts(cleaned_text),
        status=_status(title, cleaned_text, deadlines, date.today()),
        year=year,
        batch=find_batch(found_title, cleaned_text),
        genre=genre,
        parent_doc_no=parent_doc_no,
        copies=find_copies(cleaned_text),
    )


def _read_overrides(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).replace("\n", " ")
        raise ShenbaoError(f"{path}: 元数据文件无法读取或不是合法的 YAML（{reason}）") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ShenbaoError(f"{path}: 元数据文件应为键值映射（mapping），实际是 {type(data).__name__}")
    return data


def load_notice_meta(folder: Path, cleaned_text: str) -> NoticeMeta:
    """Extract from the text, then let `folder/notice.yaml` win field by field (missing file = extracted only)."""
    extracted = extract_metadata(folder.name, cleaned_text)
    path = folder / META_FILE
    if not path.exists():
        return extracted
    overrides = _read_overrides(path)
    if "id" in overrides and overrides["id"] != folder.name:
        raise ShenbaoError(f"{path}: id「{overrides['id']}」与目录名「{folder.name}」不一致")
    merged = {**extracted.model_dump(), **overrides}
    try:
        return NoticeMeta.model_validate(merged)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ShenbaoError(f"{path}: 元数据字段不合法（{problems}）") from None
