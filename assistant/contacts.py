"""Contacts of a notice from its 联系人 / 电话 / 邮箱 lines: names (split where the source printed them
without separators), phones with or without area code, e-mails, and what a contact is for."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from .notice_body import DATE_LINE, HAN, HEADING, body_end, lines_of


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    role: str | None = None  # e.g. "申报网站联系人", when the notice says what the contact is for


PHONE = re.compile(r"(?<!\d)(?:\(?0\d{2,3}\)?[-－—]?\d{7,8}(?:[-－]\d{1,4})?|1[3-9]\d{9})(?!\d)")
# a local number without its area code, on a line labelled 电话 ("电话：84664354 84664878")
LOCAL_PHONES = re.compile(r"(?:电话|联系电话|座机)\s*[：:]\s*((?:[2-9]\d{6,7}[\s、，,/]*)+)[)）]?\s*$")
# under a bare "联系电话：" line, a body and its local number ("园区经济发展委员会:66681047(异议、举报);")
BODY_LOCAL_PHONE = re.compile(rf"^([{HAN}（）()]{{2,30}}?)\s*[：:]\s*((?:[2-9]\d{{6,7}}[\s、，,/]*)+)(?:[（(]([^）)]{{1,12}})[）)])?[；;。]?$")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
CONTACT_LABEL = re.compile(
    r"(?:^|[\s，；（(])(?:联系人(?:及电话)?|联系电话|电话|手机|邮箱|电子邮箱|联系方式)[：:]"
)
NAMES_AFTER_LABEL = re.compile(
    rf"联系人(?:及电话)?[：:]\s*([{HAN}·、，,/\s]+?)\s*(?=联系电话|电话|手机|邮箱|电子邮箱|\d|（|\(|$)"
)
NAME_THEN_PHONE = re.compile(rf"^([{HAN}]{{2,4}})\s*(?=\(?0\d|1[3-9]\d{{9}})")
ROLE = re.compile(r"[（(]([^）)]{2,20})[）)]\s*$")
# Common single-character surnames, used to split names the source printed without separators.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊"
    "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆"
    "蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)


def split_names(run: str) -> list[str]:
    """Split "李百胜郭玉彬" (names printed without a separator) into 2–3 character names by surname."""
    parts = [p for p in re.split(r"[\s、，,/·]+", run) if p]
    names: list[str] = []
    for part in parts:
        names.extend(_split_glued(part) or [part])
    return names


def _split_glued(run: str) -> list[str] | None:
    if len(run) <= 3:
        return [run]
    for first in (3, 2):
        head, tail = run[:first], run[first:]
        if head[0] in SURNAMES and tail and tail[0] in SURNAMES:
            rest = _split_glued(tail)
            if rest:
                return [head, *rest]
    return None


def find_contacts(text: str) -> list[Contact]:
    """Contacts from the 联系人/电话/邮箱 lines of the main notice.

    Names on one 联系人 line share that line's phone; a phone or e-mail on a line of its own belongs to
    the contacts of the first 联系人 line (the primary contacts).
    """
    end = body_end(text)
    # "（联系人：…，电话：…）" printed right under the closing date belongs to the notice
    after = [line for line in lines_of(text[end:])[1:3] if re.match(r"[（(]?联系人", line)]
    lines = [line for line in lines_of(text[:end]) + after if line and "\t" not in line]
    start = next((i for i, line in enumerate(lines) if CONTACT_LABEL.search(line)), None)
    if start is None:
        return []
    groups: list[list[Contact]] = []
    under_label = False  # the previous line was a bare "联系电话：" label
    shared_phones: list[str] = []
    shared_emails: list[str] = []
    for line in lines[start:]:
        if line.startswith("附件") or HEADING.match(line) or DATE_LINE.match(line):
            break
        phones, emails = PHONE.findall(line), EMAIL.findall(line)
        local = LOCAL_PHONES.search(line)
        if not phones and local:
            phones = re.findall(r"\d{7,8}", local.group(1))
        body = BODY_LOCAL_PHONE.match(line) if not phones and under_label else None
        if body:
            groups.append([Contact(name=body.group(1), phone=" / ".join(re.findall(r"\d{7,8}", body.group(2))),
                                   role=body.group(3))])
            continue
        under_label = bool(re.fullmatch(r"(?:联系电话|电话|联系方式)\s*[：:]", line))
        role = ROLE.search(line)
        names_match = NAMES_AFTER_LABEL.search(line) or NAME_THEN_PHONE.match(line)
        names = split_names(names_match.group(1)) if names_match else []
        if names:
            group = [
                Contact(
                    name=name,
                    phone=" / ".join(phones) or None,
                    email=emails[0] if emails else None,
                    role=role.group(1) if role and "联系人" in role.group(1) else None,
                )
                for name in names
            ]
            groups.append(group)
        elif phones or emails:
            shared_phones += phones
            shared_emails += emails
        elif not CONTACT_LABEL.search(line):
            break
    if not groups:
        groups = [[Contact()]] if shared_phones or shared_emails else []
    first = groups[0] if groups else []
    if len(shared_phones) == len(first) > 1 and not any(c.phone for c in first):
        for contact, phone in zip(first, shared_phones, strict=True):  # names and numbers in the same order
            contact.phone = phone
    for contact in first:
        if shared_phones and not contact.phone:
            contact.phone = " / ".join(shared_phones)
        if shared_emails and not contact.email:
            contact.email = shared_emails[0]
    return [contact for group in groups for contact in group]
