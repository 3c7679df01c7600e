"""Drafting for a notice a user added: an outline titled 编写提纲 / 申报书格式 (not only 参考提纲) is read
from the notice's numbered headings, and the drafter finds the notice in the index. Text written for
the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import Notice, load_notice
from assistant.drafting import Drafter
from assistant.drafting.outline import OutlineMissingError
from assistant.eligibility.rulebook import NoticeShelf
from assistant.settings import PROJECT_ROOT

NOTICE = """关于开展2025年安徽省服务型制造示范企业遴选工作的通知

各市经济和信息化局：

现就开展2025年省级服务型制造示范企业遴选有关事项通知如下：

一、申报条件

申报企业应在安徽省内注册，具有独立法人资格。

二、申报材料

申报企业按附件要求编写申报书。

附件：1.服务型制造示范企业申报书编写提纲

安徽省经济和信息化厅
2025年5月6日

附件1

服务型制造示范企业申报书编写提纲

一、企业基本情况：企业成立时间、主营业务、上一年度营业收入。

二、服务型制造发展情况

（一）主要模式：说明企业开展的服务型制造模式。

（二）服务收入：近两年服务收入及占比。

三、示范推广价值
"""


@pytest.fixture
def notice(tmp_path: Path) -> Notice:
    folder = tmp_path / "anhui-2025"
    folder.mkdir()
    (folder / "notice.txt").write_text(NOTICE, encoding="utf-8")
    return load_notice("anhui-2025", folder, [folder / "notice.txt"])


def test_an_outline_titled_bianxie_tigang_is_read(notice: Notice) -> None:
    drafter = Drafter(PROJECT_ROOT / "corpus", notices=NoticeShelf([notice]))
    outline = drafter.outline("anhui-2025", "enterprise")
    assert [i.heading for i in outline.items] == [
        "一、企业基本情况", "二、服务型制造发展情况", "（一）主要模式", "（二）服务收入", "三、示范推广价值"]
    assert outline.items[0].guidance.startswith("企业成立时间")
    for item in outline.items:
        assert notice.text[item.start : item.end] == item.heading
    draft = drafter.draft("anhui-2025", "enterprise")
    assert [s.heading for s in draft.sections][:2] == ["一、企业基本情况", "二、服务型制造发展情况"]


def test_a_notice_without_an_outline_still_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "notice.txt").write_text(NOTICE.split("附件1\n")[0], encoding="utf-8")
    plain = load_notice("plain", folder, [folder / "notice.txt"])
    drafter = Drafter(PROJECT_ROOT / "corpus", notices=NoticeShelf([plain]))
    with pytest.raises(OutlineMissingError, match="不在语料中"):
        drafter.outline("plain", "enterprise")
