"""What a notice says about its round and itself, read from the text: the title where web pages bury
it in a line of page furniture, the publication date of a web page, the programme year and batch
(第N批, any N), what kind of document it is (notice, measures, guide, list announcement, news report),
the higher notice it forwards or implements, and how many copies to submit (一式N份)."""

from __future__ import annotations

import re
from datetime import date

from .vocabulary import to_int

_H = r"\u4e00-\u9fff"
# "关于…的通知" inside a longer line ("…的通知发表时间:2021-04-16 网址:…")
# (not a document it cites: 根据《关于…的指导意见》)
TITLE_IN_LINE = re.compile(rf"(?<!《)(?<!根据)(?<!按照)(?<!依据)(?<!贯彻)(?<!落实)关于[{_H}\w“”〔〕（）()、\-—]{{4,80}}?(?:的)?(?:通知|意见|办法|方案|决定|公告|公示|指南)(?!》)")
# page furniture that follows a title on the same line of a web page
PAGE_FURNITURE = re.compile(r"(?:发布时间|发表时间|发布日期|更新时间|浏览量|浏览次数|来源|作者|点击|收藏|\d{4}[-/]\d{1,2}[-/]\d{1,2}).*$")
# (a status badge before a title; "原标题：" before a news report's original title)
PAGE_PREFIX = re.compile(r"^(?:申报已结束|申报中|已截止|正在申报|即将开始|原标题[:：])")
WEB_DATE = re.compile(r"(?:发布时间|发表时间|发布日期|日期|时间)(?:[(（][^)）\n]{1,4}[)）])?\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# a page's time stamp: "2023/1/24 8:17:13", "2022年08月20日09:20"
STAMP = re.compile(r"(?<!\d)(\d{4})(?:[/-]|\s*年\s*)(\d{1,2})(?:[/-]|\s*月\s*)(\d{1,2})\s*日?\s*\d{1,2}:\d{2}")
YEAR_OF_ROUND = re.compile(rf"(20\d\d)\s*年度?[{_H}]{{0,12}}?(?:服务型制造|示范)")
BATCH = re.compile(r"第\s*([一二三四五六七八九十\d]+)\s*批")
DOC_NO_TEXT = rf"[{_H}]{{1,15}}\s*[〔\[【(（]\s*\d{{4}}\s*[〕\]】)）]\s*\d{{1,4}}\s*号"
DOC_NO = re.compile(DOC_NO_TEXT)
# a batch the notice organises ("开展第五批…遴选"), not one named as a condition ("须为第一批…培育对象")
BATCH_ORGANISED = re.compile(
    r"(?:开展|组织|做好|推荐|申报|启动|公示|公布|确定了?)[^。，]{0,6}第\s*([一二三四五六七八九十\d]+)\s*批|"
    r"^[一二三四五六七八九十]+、第\s*([一二三四五六七八九十\d]+)\s*批|"
    r"第\s*([一二三四五六七八九十\d]+)\s*批(?:推荐|申报){1,2}(?:材料|工作|名单)|"
    # "第四批服务型制造示范遴选工作即将开展": the round a text announces
    r"第\s*([一二三四五六七八九十\d]+)\s*批[^。，；]{0,20}(?:遴选|申报|推荐)工作(?:即将|将|拟|已于?[^。，；]{0,8})?(?:开展|启动)", re.M)
# a web page's metadata table names the document's own 文号 ("文号: 嘉政发〔2024〕14号", "备注/文号: …")
LABELLED_DOC_NO = re.compile(rf"(?:发文字号|(?<![索引])文号)\s*[:：]\s*({DOC_NO_TEXT})")
# a higher notice (a 《…通知》, not a policy 意见 or 规划 cited as background) this one forwards or implements
FORWARDS = re.compile(rf"《[^》]{{4,80}}通知》\s*[（(]\s*({DOC_NO.pattern}|[〔\[【]\s*\d{{4}}\s*[〕\]】]\s*\d{{1,4}}\s*号)\s*[）)]")
FORWARDS_BARE = re.compile(rf"转发[^。《]{{0,40}}?({DOC_NO.pattern})")
COPIES = re.compile(r"一式\s*([一二两三四五六七八九十\d]+)\s*份")
NEWS = re.compile(r"记者|通讯员|日前，|近日，|据悉|获悉|据了解|负责人(?:表示|强调|介绍|指出)|(?:^|\n)原标题[:：]|来源[:：]\s*[^\n]{0,20}(?:网|报|新闻|日报)|本报讯|【[^】]{0,10}(?:讯|报道)】|^(?:我市|我县|我区)|，我市")
ADDRESSEE = re.compile(r"^各[^\n]{1,80}[:：]\s*$", re.M)
LIST_ANNOUNCED = re.compile(r"(?:公示|公布|印发|发布|确定)(?!系统)[^。]{0,30}名单|名单[^。]{0,10}(?:公示|予以公布)")
# 文号 prefixes of the ministry's own offices
NATIONAL_DOC_PREFIX = {"工信厅": "工业和信息化部办公厅", "工信部": "工业和信息化部"}


CN_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百]+[章条])")
# the body a news report says acted ("省经信厅公示第五批…名单", "工业和信息化部通知开展…")
MEASURE_BODY = re.compile(r"制定本(?:管理)?(?:办法|细则|规定|导则|实施方案|实施意见|行动计划|行动方案)[。，,]")
REPORTED_ISSUER = re.compile(
    r"((?:[\u4e00-\u9fff]{2,8}?(?:省|市)|[省市])?(?:工业和信息化部|工信部|工业和信息化厅|经济和信息化厅|工信厅|经信厅|工信局|经信局|工业和信息化局))"
    # "工业和信息化部、人力资源社会保障部、商务部等七部门日前印发": the first of several issuers
    r"(?:、[\u4e00-\u9fff]{2,12}?)*(?:等[\d一二三四五六七八九十]+个?部(?:门|委))?"
    r"(?:(?:办公室|办公厅)?于?(?:近日|日前)?(?:公示|公布|印发|发布|发出|下发|组织|开展|通知|启动)"
    # "工信部产业政策司相关负责人说": a report on what an office of that body says of its policy
    r"|[\u4e00-\u9fff]{2,8}?司(?:相关)?负责人(?:说|表示|介绍|强调|指出))")
# a title run together with the first sentence ("…申报指南根据…指导意见，组织开展…")
TITLE_THEN_BODY = re.compile(r"^(.{6,40}?(?:通知|指南|办法|细则|方案|公告|公示))(?=根据|为了?(?:进一步|贯彻|落实|加快)|按照|现将)")


def find_title_in_text(text: str) -> str | None:
    """A title from the first lines of a page: a 关于…的通知 phrase inside a longer line, a title run
    together with the first sentence, else the first short line with its page furniture ("发布时间：…",
    "浏览量") cut off. Never a heading ("一、…") or a 文号."""
    head = [line.strip() for line in text.split("\n")[:12] if line.strip()]
    head = [line for line in head if not CN_HEADING.match(line) and not DOC_NO.fullmatch(line)]
    for line in head[:6]:
        match = TITLE_IN_LINE.search(line)
        if match:
            return match.group(0)
    for line in head[:3]:
        match = TITLE_THEN_BODY.match(re.sub(r"^\d+[、.]", "", line))
        if match:
            return match.group(1)
    for line in head[:3]:
        bare = PAGE_PREFIX.sub("", PAGE_FURNITURE.sub("", line)).strip(" ：:")
        if 6 <= len(bare) <= 40 and not re.search(r"[，。；：:]", bare) and not bare.startswith("各"):
            return bare
    return None


def find_web_date(text: str) -> date | None:
    """The publication date a web page prints near its top ("发布时间：2022-09-01", "2021/3/30 15:34")."""
    head = text[:400]
    for pattern in (WEB_DATE, STAMP):
        match = pattern.search(head)
        if match:
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                continue
    return None


def find_year(title: str | None, text: str, issued_on: date | None, doc_no: str | None) -> int | None:
    """The programme year: named in the title, else a "20xx年(度)…服务型制造/示范" phrase near the top,
    else the year of the notice's date or of its 文号."""
    for source in (title or "", text[:800]):
        match = YEAR_OF_ROUND.search(source)
        if match:
            return int(match.group(1))
    if issued_on:
        return issued_on.year
    if doc_no:
        match = re.search(r"(\d{4})", doc_no)
        if match:
            return int(match.group(1))
    return None


def find_batch(title: str | None, text: str) -> int | None:
    """第N批 of the round (首批 is 第一批): in the title, else in the opening paragraph."""
    title, text = (re.sub(r"首批", "第一批", t) for t in (title or "", text[:1200]))
    match = BATCH.search(title) or BATCH_ORGANISED.search(text)
    return to_int(next(g for g in match.groups() if g)) if match else None


def find_genre(title: str | None, text: str) -> str:
    name = title or ""
    head = text[:600]
    if re.search(r"名单|公示|公布.{0,10}示范", name):
        return "list"
    if NEWS.search(head) and not re.search(r"通知$", name) and not ADDRESSEE.search(head):
        return "news"
    if not name and LIST_ANNOUNCED.search(head):
        return "list"
    # rules, and plans or opinions a government issues (实施方案, 实施意见, 行动计划, 导则), not a call
    if re.search(r"办法|细则|规定|规程|导则|实施方案|实施意见|指导意见|行动计划|行动方案", name):
        return "measures"
    if re.search(r"指南|指引|申报(?:要点|须知|准备)", name):
        return "guide"
    # untitled, or titled by the page: the text says what it is ("…，制定本实施意见。")
    if not re.search(r"通知$", name) and MEASURE_BODY.search(text[:3000]):
        return "measures"
    return "notice"


def find_parent_doc_no(text: str, own: str | None) -> str | None:
    """文号 of the higher notice this one forwards or implements ("现将《…》（苏工信服务〔2021〕148号）转发")."""
    for pattern in (FORWARDS, FORWARDS_BARE):
        for match in pattern.finditer(text[:3000]):
            found = match.group(1).strip()
            if own is None or re.sub(r"\s", "", found) != re.sub(r"\s", "", own):
                return found
    return None


def find_copies(text: str) -> int | None:
    match = COPIES.search(text)
    return to_int(match.group(1)) if match else None


def issuer_from_doc_no(doc_no: str | None) -> str | None:
    """The ministry office a 文号 prefix names ("工信厅政法函〔2022〕67号" → 工业和信息化部办公厅)."""
    if not doc_no:
        return None
    return next((name for prefix, name in NATIONAL_DOC_PREFIX.items() if doc_no.startswith(prefix)), None)


def reported_issuer(text: str) -> str | None:
    """In a news report, the body whose action it reports."""
    match = REPORTED_ISSUER.search(text[:800])
    return match.group(1) if match else None
