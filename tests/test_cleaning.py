"""The cleaner removes the noise that is really in the seeds, reports it, and keeps every clause."""

from __future__ import annotations

import re

import pytest

from assistant.cleaning import clean_text

NOISE = {
    "henan-2020": [
        "Faint, mostly illegible text",
        "2017-2020年（四下）",
        "保持经济运行在合理区间",
        "维护国家海外利益安全",
        "城镇常住居民恩格尔系数",
        "1 封网",
        "<input",
        "**",
    ],
    "miit-2023": ["扫—扫", "返回顶部", "网站地图", "ICP备", "公网安备", "版权所有", "网站标识码", "首页 >", "分享"],
    "shanxi-2021": ["文王并新中业全高制示表团压表组", "<input"],
}

# Clause sentences of the real notices (in cleaned form) that must survive, across all five.
CLAUSES = {
    "henan-2020": [
        "1.申报单位应为在河南省内注册、具有独立法人资格的企业，生产经营和财务状况良好。",
        "3.申报单位在近两年内（2019年1月1日以后）未发生重大质量、环保或安全事故，没有违法行为或涉嫌违法正在接受审查的情况。",
        "2.截至申报日，申报单位须正常经营两年以上，拥有自主品牌或自主生产的核心产品。",
        "2.平台的成立和运营时间须满一年（2019年11月1日以前）",
        "于11月25日前将推荐文件、汇总表（附件4）以PDF格式发送至指定电子邮箱。",
        "每个申报单位限报一个示范企业或示范平台。",
        "综合服务收入占总收入比例达到15%左右。",
        "定制服务收入占总收入比例达到30%左右。",
        "（二）被确定为省级示范的企业、平台，在国家开展服务型制造示范遴选时予以优先推荐。",
        "（五）企业开展服务型制造的目标、任务和意义。",
        "3、近两年财务报表复印件（或财务状况相关证明材料）",
        "河南省工业和信息化厅办公室\n\n2020年10月29日印发",
    ],
    "shanxi-2021": [
        "1. 申报主体应在山西省境内注册，具有独立法人资格，运营和财务状况良好。",
        "2. 示范项目。2021年度示范项目主要面向共享制造遴选。",
        "截至申报日正式投入运营时间须满两年。",
        "1. 申报对象为地级市。",
        "请于2021年11月20日前将申报汇总表、各类申报书和随附材料纸质件（一式三份）及电子版报送省工信厅产业政策处。",
        "综合服务收入占总收入比例达到30%以上。",
        "其中申报书正文字体为小四号仿宋体，单倍行距。一级标题小四号黑体，二级标题小四号楷体。",
        "综改区管委会、省小企业局、各市工信局可推荐示范企业不超过5个。",
        "兼具上述四个方向中两个及以上情况，多方面开展服务型制造转型，并形成业内出众的服务优势和服务特色。",
        "总结并提炼示范企业服务转型的示范经验。",
    ],
    "miit-2023": [
        "申报主体应在中华人民共和国境内注册，具有独立法人资格，运营和财务状况良好，2021年1月1日至今，未发生重大质量、环保或安全事故",
        "原则上服务收入占企业营业收入比重达30%以上。",
        "截至申报日正式投入运营时间须满2年。",
        "各省级主管部门于2023年5月31日前，将第五批申报汇总表、相关申报书（一式1份）报送我部（产业政策与法规司）。",
        "已成为示范城市的无需再进行申报推荐。",
        "工信厅政法函〔2023〕42号",
    ],
    "henan-basic-modes": [
        "3.综合效益：能开展基于互联网的个性化定制服务，定制服务收入占总收入比例达到30%。",
        "共享制造是共享经济在生产制造领域的应用创新",
        "九、其他信息增值服务",
    ],
    "baotou": [
        "（一）包头市内依法注册的制造企业，已正常经营两年以上，企业组织结构健全",
        "第十六条本办法自发布之日起实施，试行两年。",
        "（五）企业主体或其法人代表进入信用管理体系黑名单的。",
    ],
}


def test_at_least_30_clauses_are_spot_checked() -> None:
    assert sum(len(v) for v in CLAUSES.values()) >= 30


@pytest.mark.parametrize("notice_id", sorted(NOISE))
def test_noise_is_gone(cleaned: dict[str, str], notice_id: str) -> None:
    for noise in NOISE[notice_id]:
        assert noise not in cleaned[notice_id], noise


@pytest.mark.parametrize("notice_id", sorted(CLAUSES))
def test_real_clauses_survive(cleaned: dict[str, str], notice_id: str) -> None:
    for clause in CLAUSES[notice_id]:
        assert clause in cleaned[notice_id], clause


def test_running_title_kept_once(cleaned: dict[str, str]) -> None:
    title = "工业和信息化部办公厅关于开展2023年服务型制造示范遴选和评估评价工作的通知"
    text = cleaned["miit-2023"]
    # Once as the page's metadata 标题 and once as the document title; the mid-text repeat is gone.
    assert text.count(title) == 2
    assert "（2）示范平台。\n\n申报平台应为" in text


def test_page_break_paragraphs_rejoined(cleaned: dict[str, str]) -> None:
    assert "运营和财务状况良好" in cleaned["shanxi-2021"]
    assert "运营和\n" not in cleaned["shanxi-2021"]
    assert "供应商管理库存（VMI" in cleaned["henan-2020"]


def test_headings_are_not_glued_to_previous_paragraph(cleaned: dict[str, str]) -> None:
    assert "\n\n一、遴选重点\n\n" in cleaned["henan-2020"]
    assert "\n\n（二）专项条件\n\n" in cleaned["shanxi-2021"]


def test_punctuation_normalised_consistently(cleaned: dict[str, str]) -> None:
    cjk = r"[\u4e00-\u9fff]"
    for notice_id, text in cleaned.items():
        assert not re.search(r"\([一二三四五六七八九十\d]{1,2}\)", text), notice_id
        assert not re.search(f"{cjk}[,;:!?]|[,;:!?]{cjk}", text), notice_id
        assert not re.search(f'"{cjk}', text), notice_id
    assert "（一）注重创新" in cleaned["henan-2020"]
    assert "（1）示范企业。" in cleaned["miit-2023"]
    assert "联系人及电话：李敏" in cleaned["miit-2023"]
    # URLs and e-mail addresses keep their half-width characters.
    assert "https://selection.csoma.org.cn" in cleaned["miit-2023"]
    assert "hnsznzz@126.com" in cleaned["henan-2020"]


def test_report_records_every_removal_with_reason_and_samples() -> None:
    from assistant.settings import PROJECT_ROOT

    raw = (PROJECT_ROOT / "corpus" / "henan-2020" / "notice.txt").read_text("utf-8")
    result = clean_text(raw)
    reasons = {r.reason: r for r in result.removals}
    assert {"hallucinated_repeated_block", "ocr_illegible_description", "table_ocr_garbage"} <= set(reasons)
    block = reasons["hallucinated_repeated_block"]
    assert block.chars > 2000 and block.lines >= 15 and block.samples
    assert result.normalised["page_break_rejoins"] >= 1


def test_clean_text_keeps_a_clean_document_unchanged_in_substance() -> None:
    text = "一、申报条件\n\n1.申报单位应在本省注册。\n\n2.运营满两年。\n"
    result = clean_text(text)
    assert result.removals == []
    assert result.text == text


def test_repeated_paragraphs_on_topic_are_not_removed() -> None:
    para = "申报单位应具备服务型制造特征，符合基本条件明确的方向与要求，并提交完整的申报材料。"
    text = "\n\n".join(f"{i}. {para}" for i in range(1, 5)) + "\n"
    result = clean_text(text)
    assert result.text.count(para) == 4
