"""Metadata from the text of notices nobody tuned the code on: the division table, level and region
from issuer and addressees, the round (year, batch), genre, parent 文号, copies, titles buried in web
page furniture. Texts here are written for the test in the style of real notices."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.cleaning import clean_text
from assistant.issuer_place import level_and_region
from assistant.metadata import extract_metadata
from assistant.regions import find_divisions, short_name
from assistant.round_info import find_batch, find_genre, find_parent_doc_no, find_title_in_text, find_web_date

SHARED = Path(__file__).resolve().parents[2] / "shared" / "external-notices"


def _names(text: str) -> list[str]:
    return [d.name for d in find_divisions(text)]


def test_the_division_table_is_complete_and_reads_short_names() -> None:
    assert _names("宁夏的企业") == ["宁夏回族自治区"]
    assert _names("内蒙古鄂尔多斯市") == ["内蒙古自治区", "鄂尔多斯市"]
    assert _names("昆山的一家工厂") == ["昆山市"]  # a county-level city by its short name
    assert short_name("延边朝鲜族自治州") == "延边" and short_name("广西壮族自治区") == "广西"
    # a development zone is not the county whose short name it starts with
    assert "东湖区" not in _names("武汉东湖新技术开发区管委会")
    # a county named next to another province's city is not taken from a third province
    assert _names("湖北省黄冈市") == ["湖北省", "黄冈市"]


@pytest.mark.parametrize(
    ("issuer", "title", "text", "expected"),
    [
        ("四川省经济和信息化厅", None, "", ("provincial", "四川省")),
        ("泉州市工业和信息化局", None, "", ("municipal", "福建省泉州市")),
        ("工业和信息化部办公厅", None, "", ("national", "全国")),
        # no issuer: a city writing to its districts
        (None, None, "各县（市、区）工信局，鲤城区经发局：\n现将有关事项通知如下。", ("municipal", "福建省泉州市")),
        # no issuer: a province writing to its cities
        (None, None, "各设区市工业和信息化局，平潭综合实验区经发局：\n为贯彻落实……", ("provincial", None)),
        # a zone writing to its enterprises
        (None, "滨海高新区关于组织申报示范企业的通知", "各相关企业：\n天津市……", ("district", "天津市")),
    ],
)
def test_level_and_region(issuer: str | None, title: str | None, text: str, expected: tuple[str | None, str | None]) -> None:
    level, region = level_and_region(issuer, title, text)
    assert level == expected[0]
    if expected[1] is not None:
        assert region == expected[1]


def test_titles_buried_in_a_web_page() -> None:
    page = "关于组织申报2024年度省级服务型制造示范的通知发布时间：2024-05-06 浏览次数：88\n各市工信局：\n"
    assert find_title_in_text(page) == "关于组织申报2024年度省级服务型制造示范的通知"
    run_on = "1、某省服务型制造示范申报指南根据有关文件精神，组织开展申报。\n一、申报类别\n"
    assert find_title_in_text(run_on) == "某省服务型制造示范申报指南"
    cited = "各有关单位：\n根据《关于进一步促进服务型制造发展的指导意见》精神，现通知如下。\n"
    assert find_title_in_text(cited) is None  # a cited document is not the title
    assert find_web_date("某市服务型制造示范\n发布时间：2023-07-14 来源：市工信局") == date(2023, 7, 14)


def test_round_genre_and_parent() -> None:
    assert find_batch(None, "为做好第六批省级服务型制造示范遴选，现组织开展第六批申报工作。") == 6
    # a batch named as a condition is not the round's batch
    assert find_batch(None, "申报主体原则上应为“十四五”第一批省级服务型制造示范培育对象。") is None
    assert find_genre("某市关于公布2023年服务型制造示范名单的通知", "") == "list"
    assert find_genre(None, "本报讯（记者 张三）日前，市工信局启动服务型制造示范申报。") == "news"
    assert find_genre("某市服务型制造示范企业认定管理办法", "") == "measures"
    forwarded = "现将省工信厅《关于开展服务型制造示范遴选工作的通知》（某工信发〔2024〕15号）转发给你们。"
    assert find_parent_doc_no(forwarded, None) == "某工信发〔2024〕15号"
    policy = "根据《关于进一步促进服务型制造发展的指导意见》（工信部联政法〔2020〕101号），现通知如下。"
    assert find_parent_doc_no(policy, None) is None  # background policy, not a forwarded notice


def test_a_forwarding_city_notice_read_whole() -> None:
    text = (
        "关于做好2024年省级服务型制造示范推荐工作的通知\n\n各县（市、区）工信局：\n\n"
        "现将省工信厅《关于开展2024年省级服务型制造示范遴选工作的通知》（某工信服务〔2024〕88号）转发给你们，"
        "请于6月10日前将申报材料（一式三份）报送市工信局。\n\n联系人：王五，电话：0595-22222222\n\n"
        "泉州市工业和信息化局\n2024年5月20日\n"
    )
    meta = extract_metadata("x", clean_text(text).text)
    assert meta.title == "关于做好2024年省级服务型制造示范推荐工作的通知"
    assert (meta.level, meta.region) == ("municipal", "福建省泉州市")
    assert meta.issued_on == date(2024, 5, 20) and meta.year == 2024
    assert meta.parent_doc_no == "某工信服务〔2024〕88号" and meta.copies == 3
    assert [d.date for d in meta.deadlines] == [date(2024, 6, 10)]


def test_eval_metadata_on_the_labelled_external_notices() -> None:
    from assistant.eval_metadata import evaluate_metadata

    metrics = evaluate_metadata(Path(__file__).parent / "eval" / "metadata", SHARED)
    assert metrics.notices == 16 and metrics.accuracy >= 0.95  # development labels (measured 0.973)


def test_scope_reads_any_place_from_the_table() -> None:
    from assistant.scope import gazetteer

    gaz = gazetteer()
    assert gaz.province_of("银川") == "宁夏" and gaz.province_of("绵阳") == "四川"
    assert "昆山" in gaz.districts["苏州"]  # a county-level city by its short name
    # a district's short name is never matched alone ("企业和平台" is not 天津's 和平区)
    assert not any("和平" in names for names in gaz.cities.values())


def test_scope_comes_from_the_indexed_notices_metadata() -> None:
    from assistant.metadata import NoticeMeta
    from assistant.scope import detect_scope

    metas = [
        NoticeMeta(id="nat4", title="t", level="national", region="全国", year=2022, batch=4),
        NoticeMeta(id="nat5", title="t", level="national", region="全国", year=2023, batch=5),
        NoticeMeta(id="zone", title="t", level="district", region="湖北省武汉市", year=2022, batch=5),
        NoticeMeta(id="hb", title="t", level="provincial", region="湖北省", year=2022, batch=5),
    ]
    # a batch alone names the notices organising it
    assert detect_scope("第四批示范企业要什么条件", metas).notice_ids == ["nat4"]
    # a zone is found by its name and counts as its city; a district notice covers only its city
    assert "zone" in detect_scope("东湖高新区的企业能报吗", metas).notice_ids
    assert "zone" not in detect_scope("宜昌的企业能报吗", metas).notice_ids
    assert "hb" in detect_scope("宜昌的企业能报吗", metas).notice_ids


def test_a_news_report_is_named_as_such_in_answers() -> None:
    from assistant.answer.compose import notice_name
    from assistant.metadata import NoticeMeta

    news = NoticeMeta(id="n", title="某市企业可申报服务型制造示范", genre="news")
    assert notice_name(news) == "《某市企业可申报服务型制造示范》（新闻报道，非通知原文）"
    assert notice_name(NoticeMeta(id="x", title="关于开展遴选的通知", doc_no="某〔2024〕1号")) == "《关于开展遴选的通知》（某〔2024〕1号）"


def test_page_notes_and_urls_are_never_the_title() -> None:
    text = "# source: https://example.com/news/1.html\n# note: reposted page\n\n各县（市、区）工信局：\n现通知如下。\n"
    meta = extract_metadata("some-id", clean_text(text).text)
    assert meta.title == "some-id"  # no title in the text: the id stands in, not the note lines


def test_a_year_left_out_is_fixed_by_the_weekday_the_date_is_given_with() -> None:
    text = ("二、报送要求\n请各县区于9月15日（周五）前将推荐材料报送市工信局。"
            "申报企业2022年营业收入不低于3000万元。\n")
    meta = extract_metadata("x", clean_text(text).text)
    # 2023-09-15 is a Friday, 2022-09-15 a Thursday; "3000万元" is an amount, not a year
    assert [d.date for d in meta.deadlines] == [date(2023, 9, 15)]
    assert meta.year == 2023
    # without a weekday the year stays unknown rather than guessed
    assert extract_metadata("x", clean_text(text.replace("（周五）", "")).text).deadlines == []


def test_a_round_announced_ahead_and_a_ministry_notice_without_parent() -> None:
    assert find_batch(None, "前两批遴选已完成，第三批服务型制造示范遴选工作即将开展。") == 3
    text = ("各省、自治区、直辖市工业和信息化主管部门：\n按照《工业和信息化部办公厅关于开展2024年服务型制造示范"
            "遴选工作的通知》（工信厅政法函〔2024〕12号），经专家评审，确定了第六批服务型制造示范名单，现予以公布。\n"
            "工业和信息化部办公厅\n2024年12月2日\n")
    meta = extract_metadata("x", clean_text(text).text)
    # the ministry's own earlier call is not a higher notice it forwards
    assert meta.level == "national" and meta.parent_doc_no is None


def test_categories_named_as_classes_or_as_an_area_heading() -> None:
    classes = extract_metadata("x", clean_text("一、建库\n培育库分“企业类”、“平台类”两类。\n").text)
    assert classes.categories == ["enterprise", "platform"]
    area = extract_metadata("x", clean_text(
        "一、遴选类别\n（一）示范企业。面向制造业企业。\n（二）示范区。面向成效明显的区开展遴选。\n").text)
    assert area.categories == ["enterprise", "city"]
    # a zone named in the addressees is not the area category
    named = extract_metadata("x", clean_text("各市工信局、沈抚示范区产业局：\n组织示范企业申报。\n").text)
    assert named.categories == ["enterprise"]


def test_a_news_report_is_about_its_own_dates_round_and_a_guide_is_labelled() -> None:
    text = ("新一批示范城市揭晓\n2024年09月10日08:30 | 来源：某某日报\n"
            "记者从大会获悉，2023年我国服务型制造指数继续增长，6个城市被授予示范城市。\n")
    meta = extract_metadata("x", clean_text(text).text)
    assert meta.genre == "news" and meta.year == 2024
    assert find_genre("2024年省级服务型制造示范申报要点", "") == "guide"
    assert find_genre("服务型制造示范申报指引", "") == "guide"


def test_a_government_page_s_metadata_table_and_a_news_page_s_original_title() -> None:
    page = ("某市人民政府关于印发某市推动服务型制造发展实施方案的通知\n"
            "索引号: 0012/2024-1 文号: 某政发〔2024〕7号 发文日期(印发): 2024-03-05\n"
            "各县（市、区）人民政府：\n现将实施方案印发给你们。\n")
    meta = extract_metadata("plan", page)
    assert meta.doc_no == "某政发〔2024〕7号" and meta.issued_on == date(2024, 3, 5)
    assert meta.genre == "measures"  # a plan a government issues, not a call
    news = ("原标题：制造业插上服务翅膀 全省第三批示范遴选启动\n"
            "记者从省工信厅获悉，第三批遴选工作已于5月中旬启动。\n")
    meta = extract_metadata("news", news)
    assert meta.title == "制造业插上服务翅膀 全省第三批示范遴选启动" and meta.genre == "news"
    assert find_batch(None, "全省第三批遴选工作已于5月中旬启动。") == 3
    assert find_batch("某区首批服务型制造重点企业拟认定名单公示", "") == 1


def test_a_title_run_together_with_the_first_sentence_of_an_announcement() -> None:
    text = "某区首批服务型制造重点企业拟认定名单公示为加快推进制造业服务化，现将名单公示如下。\n"
    assert find_title_in_text(text) == "某区首批服务型制造重点企业拟认定名单公示"


def test_a_report_without_its_headline_is_still_a_report() -> None:
    text = "【缺】\n一是，到2025年形成一批示范平台。\n据了解，当前我国共享制造平台不断涌现。工信部相关负责人表示，将加强引导。\n"
    assert find_genre(None, text) == "news"
    # a system's name is not a list being announced
    call = "申报主体未被国家企业信用信息公示系统列入严重违法失信企业名单。\n"
    assert find_genre(None, call) == "notice"


def test_years_joined_to_a_programme_year_are_rounds_too() -> None:
    from assistant.metadata import NoticeMeta
    from assistant.scope import detect_scope

    metas = [NoticeMeta(id=f"zj-{y}", title="t", level="provincial", region="浙江省", year=y) for y in (2019, 2021, 2023)]
    assert detect_scope("浙江2019年和2023年的省级示范，条件有什么不同？", metas).program_years == [2019, 2023]
    assert detect_scope("浙江2019、2021及2023年的示范遴选各有几类？", metas).program_years == [2019, 2021, 2023]
    assert detect_scope("企业2019年成立，浙江2023年的示范能报吗？", metas).program_years == [2023]


@pytest.mark.parametrize(("question", "absent"), [
    ("省里的申报指南和佛山的通知有什么不同？", "邢台"),  # 指南和 is not 南和 (邢台)
    ("天津市级示范平台的条件", "常德"),  # 天津市 is not 津市 (常德)
    ("国家示范县区怎么报", "濮阳"),  # 示范县区 is not 范县 (濮阳)
    ("上海东部的企业能报吗", "海东"),
    ("企业要整合哪些制造资源", "桂林"),  # 资源 is an everyday word, 资源县 only next to 桂林 or 广西
])
def test_a_place_name_inside_another_word_names_no_place(question: str, absent: str) -> None:
    from assistant.scope import _find_regions

    assert absent not in _find_regions(question)[1]


def test_places_named_as_words_or_before_their_suffix_are_found() -> None:
    from assistant.scope import _find_regions

    assert _find_regions("我们在稀土高新区，找谁推荐")[1] == ["包头"]
    assert "佛山" in _find_regions("佛山市级示范怎么报")[1]
    assert "昆山" in _find_regions("昆山的企业能报苏州的吗")[2]
    assert "桂林" in _find_regions("桂林资源县的企业能报吗")[1]


def test_a_city_named_alone_is_about_its_own_notices() -> None:
    from assistant.metadata import NoticeMeta
    from assistant.scope import detect_scope

    metas = [
        NoticeMeta(id="fs", title="t", level="municipal", region="广东省佛山市", year=2023),
        NoticeMeta(id="gd", title="t", level="provincial", region="广东省", year=2023),
        NoticeMeta(id="hz", title="t", level="municipal", region="广东省惠州市", year=2023),
    ]
    assert detect_scope("佛山这次示范分几类？", metas).notice_ids == ["fs"]
    # the province or a higher level named as well keeps the province's rounds
    assert detect_scope("佛山企业报广东的示范要什么条件", metas).notice_ids == ["fs", "gd"]
    assert detect_scope("佛山企业报省级示范要什么条件", metas).notice_ids == ["fs", "gd"]
    # a city without notices of its own is covered by its province's
    assert detect_scope("肇庆这次示范分几类？", metas).notice_ids == ["gd"]
    # a district names its city only in passing
    assert "gd" in detect_scope("顺德区的企业能报吗", metas).notice_ids


def test_a_round_named_before_the_conjunction_joins_the_next_year() -> None:
    from assistant.metadata import NoticeMeta
    from assistant.scope import detect_scope

    metas = [NoticeMeta(id=f"gd-{y}", title="t", level="provincial", region="广东省", year=y) for y in (2019, 2020, 2021)]
    scope = detect_scope("广东19年珠三角那次和20年那次的示范申报，起算时间分别是？", metas)
    assert scope.notice_ids == ["gd-2019", "gd-2020"]
