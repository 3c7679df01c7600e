"""Facts about a notice as a document, and notices that are partial or are news reports: the issue
date quoted from the closing date line, a fact the notice does not state said to be missing, an
inline "；" list answered whole, a report named by the question answered from the report, a 文号
naming its notice, and a forwarding notice's two deadlines. Texts and questions written for the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_forwarding import CITY, PROVINCE

from assistant.answer.service import Answerer
from assistant.embeddings import FakeEmbedder
from assistant.ingest import ingest
from assistant.services import Services
from assistant.settings import Settings

LIUZHOU = (
    "柳州市工业和信息化局关于开展2023年市级服务型制造示范遴选工作的通知\n\n各县（区）工业和信息化局：\n\n"
    "为推动先进制造业和现代服务业深度融合，现就开展2023年市级服务型制造示范遴选工作通知如下。\n\n"
    "一、申报条件\n\n（一）申报主体应在柳州市行政区域内注册，具有独立法人资格。\n\n"
    "（二）申报示范企业还需满足，上一年度营业收入不低于3000万元；服务收入占营业收入比重达到20%以上；"
    "拥有自主品牌和稳定的客户群体。\n\n"
    "二、工作要求\n\n请各县（区）认真组织，择优推荐。优先推荐获得过自治区级荣誉的企业。"
    "优先推荐带动上下游协同发展的企业。优先推荐拥有工业设计中心的企业。\n\n"
    "三、评价内容\n\n1.服务能力：具备覆盖产品全生命周期的服务体系和专业团队，服务流程规范，响应及时。"
    "能够依托工业互联网平台提供远程监测、故障诊断和预测性维护等在线服务，客户满意度保持在较高水平，"
    "服务网点覆盖主要客户所在地区。\n\n2.综合效益：服务收入增长明显，带动产业链上下游协同发展。\n\n"
    "附件：1.柳州市服务型制造示范企业申报书\n2.柳州市服务型制造示范推荐汇总表\n\n"
    "四、支持政策\n\n对认定的示范企业，按规定通过“免申即享”方式兑现奖励资金。\n\n柳州市工业和信息化局\n\n2023年4月12日\n"
)
NEWS = (
    "广西启动服务型制造示范遴选\n\n记者从自治区工业和信息化厅获悉，2023年自治区服务型制造示范遴选工作日前启动，"
    "全区将遴选示范企业不超过20家。\n\n据悉，入选企业将获得一次性奖励资金50万元。申报时间：2023-05-01/2023-06-30。2019年以来，全区已有12家企业获评国家级示范。\n"
)


def _answerer_over(root: Path, notices: dict[str, str], today: date = date(2024, 5, 25)) -> Answerer:
    """An answerer (fake embedder) over the given notice texts, indexed under `root`."""
    for name, text in notices.items():
        (root / "corpus" / name).mkdir(parents=True)
        (root / "corpus" / name / "notice.txt").write_text(text, encoding="utf-8")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", embedder="fake", chroma_url=None,
                        today=today)
    ingest([root / "corpus"], settings, FakeEmbedder())
    return Services(settings, FakeEmbedder()).answerer


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return _answerer_over(tmp_path_factory.mktemp("facts"), {
        "liuzhou-2023": LIUZHOU, "guangxi-2023-news": NEWS, "quanzhou-2024": CITY + PROVINCE})


def _verified(answerer: Answerer, result) -> None:  # type: ignore[no-untyped-def]
    for c in result.citations:
        assert c.quote in answerer.notice(c.notice_id).text


def test_issue_date_is_quoted_from_the_closing_date_line(answerer: Answerer) -> None:
    result = answerer.ask("柳州那个市级示范遴选的通知是什么时候印发的？")
    assert not result.abstained and result.notices == ["liuzhou-2023"]
    assert "成文日期" in result.answer and "2023年4月12日" in result.answer
    _verified(answerer, result)


@pytest.mark.parametrize(("question", "missing"), [
    ("柳州2023年市级服务型制造示范有问题打哪个电话咨询？", "联系方式"),
    ("柳州今年市级示范遴选材料最晚哪天要交？", "报送截止时间"),
])
def test_a_fact_the_notice_does_not_state_is_said_to_be_missing(answerer: Answerer, question: str, missing: str) -> None:
    result = answerer.ask(question)
    assert result.abstained and f"没有写明{missing}" in (result.reason or "")
    assert "0595" not in result.answer  # not another notice's phone number


def test_an_inline_list_is_answered_whole(answerer: Answerer) -> None:
    result = answerer.ask("柳州2023年市级示范企业除了注册地，还得满足哪些条件？")
    for item in ("3000万元", "20%以上", "自主品牌"):
        assert item in result.answer
    _verified(answerer, result)
    result = answerer.ask("柳州今年市级示范推荐时会优先考虑哪些企业？")
    for item in ("自治区级荣誉", "上下游协同", "工业设计中心"):
        assert item in result.answer


def test_addressees_are_quoted_from_the_header(answerer: Answerer) -> None:
    result = answerer.ask("柳州2023年市级示范遴选的通知是发给哪些单位的？")
    assert "主送单位" in result.answer and "各县（区）工业和信息化局" in result.answer
    # where to send materials is not a question about the addressees
    assert "主送单位" not in answerer.ask("柳州2023年市级示范材料发到哪个邮箱？").answer


def test_a_date_range_states_start_and_end(answerer: Answerer) -> None:
    result = answerer.ask("广西那篇报道里，什么时候开始申报、什么时候截止？")
    assert "2023-05-01/2023-06-30" in result.answer


def test_a_report_the_question_names_answers(answerer: Answerer) -> None:
    result = answerer.ask("广西那篇新闻报道说全区最多遴选多少家示范企业？")
    assert result.notices == ["guangxi-2023-news"] and "不超过20家" in result.answer
    assert "新闻报道" in result.answer


def test_a_doc_number_names_its_notice(answerer: Answerer) -> None:
    scope = answerer.retriever.scope("88号文要求设区市什么时候前报送推荐材料？")
    assert scope.notice_ids == ["quanzhou-2024-forwarded"]
    result = answerer.ask("88号文要求设区市什么时候前报送推荐材料？")
    assert "6月30日" in result.answer


def test_both_levels_of_a_forwarding_notice_answer_their_deadlines(answerer: Answerer) -> None:
    result = answerer.ask("泉州这次省级示范，市里什么时候截止、省里什么时候截止？")
    assert "6月10日" in result.answer and "6月30日" in result.answer
    _verified(answerer, result)


def test_unknown_fact_kinds_still_answer_from_the_clauses(answerer: Answerer) -> None:
    """Only a fact kind the notice lacks altogether is refused; its clauses still answer the rest."""
    result = answerer.ask("柳州2023年市级示范对申报主体的注册地有什么要求？")
    assert not result.abstained and "柳州市行政区域内注册" in result.answer


def test_province_zone_and_local_numbers_in_metadata(tmp_path: Path) -> None:
    from assistant.metadata import extract_metadata

    text = ("关于征集2024年服务型制造示范平台的通知\n各市工业和信息化局，宁东能源化工基地管委会经发局：\n"
            "请组织企业、项目和平台积极申报。\n联系人：张三 李四\n电话：84661234 84665678\n"
            "自治区工业和信息化厅\n2024年3月1日\n")
    meta = extract_metadata("ningxia-2024", text)
    assert meta.region == "宁夏回族自治区" and meta.level == "provincial"
    assert [(c.name, c.phone) for c in meta.contacts] == [("张三", "84661234"), ("李四", "84665678")]
    assert set(meta.categories) >= {"enterprise", "project", "platform"}
    assert meta.issued_on == date(2024, 3, 1)


def test_web_page_metadata_labels_and_contacts_under_the_date() -> None:
    from assistant.metadata import extract_metadata

    page = ("关于做好2025年服务型制造示范推荐工作的通知\n发布时间：2025年03月02日 10:15:00 发布部门：吉林省工业和信息化厅收藏\n"
            "各市（州）工业和信息化局：\n申报主体应在中华人民共和国境内注册。\n吉林省工业和信息化厅\n2025年3月1日\n"
            "（联系人：周七，电话：8888123）\n")
    meta = extract_metadata("jilin-2025", page)
    assert meta.issuer == "吉林省工业和信息化厅" and meta.region == "吉林省"  # not 共和县 (中华人民共和国)
    assert [(c.name, c.phone) for c in meta.contacts] == [("周七", "8888123")]
    news = "杭州获评示范城市\n2025年08月20日09:20 | 来源：杭州日报\n记者获悉，杭州被授予服务型制造示范城市。\n"
    assert extract_metadata("hz", news).issued_on == date(2025, 8, 20)
    aggregator = "申报通知\n发布部门：工业和信息化部门\n申报主体应在本市注册。\n"
    assert extract_metadata("agg", aggregator).issuer is None  # a generic department, not 工业和信息化部


def test_a_quoted_title_names_its_notice() -> None:
    from assistant.scope import named_by_title

    titles = {"a": "项目申报准备：服务型制造示范", "b": "工业和信息化部办公厅关于开展2023年服务型制造示范遴选工作的通知"}
    assert named_by_title("按“项目申报准备:服务型制造示范”这篇的说法，分几类？", titles) == ["a"]
    assert named_by_title("“服务型制造示范”分几类？", titles) == ["a", "b"]  # a quote both titles hold


def test_a_batch_next_to_a_place_prefers_the_round_s_own_notice() -> None:
    from assistant.metadata import NoticeMeta
    from assistant.scope import detect_scope

    metas = [
        NoticeMeta(id="city", title="某市组织推荐第三批省级服务型制造示范", level="municipal", region="陕西省西安市", batch=3),
        NoticeMeta(id="measures", title="省级服务型制造示范认定管理办法", level="provincial", region="陕西省"),
    ]
    assert detect_scope("西安第三批省级示范要交什么材料？", metas).notice_ids == ["city"]
    assert detect_scope("陕西省级示范要交什么材料？", metas).notice_ids == ["measures"]


def test_how_money_is_paid_is_not_an_amount_question(answerer: Answerer) -> None:
    result = answerer.ask("柳州市级示范评上以后，奖励资金是怎么发的？")
    assert not result.abstained and "免申即享" in result.answer
    amount = answerer.ask("柳州市级示范评上以后奖励多少钱？")  # the city notice states no amount
    assert not any(c.notice_id == "liuzhou-2023" and "万元" in c.quote for c in amount.citations)


def test_a_report_s_years_are_what_it_reports_on(answerer: Answerer) -> None:
    result = answerer.ask("广西那篇新闻报道说2019年以来有多少家企业获评国家级示范？")
    assert not result.abstained and "12家" in result.answer


def test_copies_written_with_liang() -> None:
    from assistant.answer_types import has_answer

    assert has_answer("纸质材料一式两份", ["copies"]) and has_answer("一式3份", ["copies"])


def test_a_clause_named_by_its_title_is_quoted_whole(answerer: Answerer) -> None:
    """Longer than a quoted sentence is widened to (90 characters), within the named-clause budget."""
    result = answerer.ask("柳州市级示范评价内容里的服务能力具体指什么？")
    for part in ("服务体系和专业团队", "预测性维护", "服务网点覆盖"):
        assert part in result.answer
    _verified(answerer, result)


def test_the_notice_s_attachments_are_its_attachment_list(answerer: Answerer) -> None:
    result = answerer.ask("柳州2023年市级示范遴选通知一共带了几个附件？")
    assert "示范企业申报书" in result.answer and "推荐汇总表" in result.answer
    _verified(answerer, result)
    from assistant.answer.notice_facts import asks_attachments

    assert not asks_attachments("柳州市级示范企业申报书后面要附哪些附件？")  # a form's own attachments


def test_contacts_listed_under_a_bare_phone_label() -> None:
    from assistant.metadata import extract_metadata

    text = ("关于开展2024年市级服务型制造示范申报的通知\n各有关企业：\n请按要求申报。\n联系电话：\n"
            "市工业和信息化局产业科:55501234(政策咨询);\n高新区经济发展局：55507788\n某市工业和信息化局\n2024年5月6日\n")
    meta = extract_metadata("city-2024", text)
    assert [(c.name, c.phone, c.role) for c in meta.contacts] == [
        ("市工业和信息化局产业科", "55501234", "政策咨询"), ("高新区经济发展局", "55507788", None)]


def test_which_documents_is_not_a_count_of_copies() -> None:
    from assistant.answer_types import expected_types

    assert "copies" not in expected_types("这次公示附了哪几份名单？")
    assert "copies" in expected_types("申报书要交几份？")


def test_a_target_year_is_not_a_programme_round() -> None:
    from assistant.metadata import NoticeMeta
    from assistant.scope import detect_scope

    metas = [NoticeMeta(id="plan", title="某市两业融合发展行动计划", level="municipal", region="浙江省嘉兴市", year=2018)]
    assert detect_scope("计划到2020年培育多少家服务型制造示范企业？", metas).program_years == []
    assert detect_scope("2020年的示范遴选什么时候截止？", metas).program_years == [2020]


PLAN = ("绍兴市推进两业融合发展行动计划\n\n一、主要目标\n\n到2025年，培育服务型制造示范企业20家，"
        "省级以上工业设计中心达到15家。\n\n二、重点任务\n\n（一）发展工业设计服务。支持企业建设工业设计中心。\n\n"
        "绍兴市人民政府办公室\n\n2021年6月1日\n")


@pytest.fixture(scope="module")
def plan_answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return _answerer_over(tmp_path_factory.mktemp("plan"), {"liuzhou-2023": LIUZHOU, "city-plan-2021": PLAN})


def test_another_programme_the_named_plan_speaks_of_is_answered(plan_answerer: Answerer) -> None:
    result = plan_answerer.ask("两业融合行动计划里，工业设计中心要达到多少家？")
    assert not result.abstained and "15家" in result.answer
    _verified(plan_answerer, result)
    # named without the plan, that programme is still not ours
    assert plan_answerer.ask("工业设计中心怎么认定？").abstained


def test_a_plan_s_target_date_is_not_a_missing_submission_deadline(plan_answerer: Answerer) -> None:
    result = plan_answerer.ask("两业融合行动计划的目标截止到哪一年？")
    assert "没有写明报送截止时间" not in (result.reason or "")
    assert "没有写明报送截止时间" in (plan_answerer.ask("两业融合行动计划的材料最晚哪天交？").reason or "")


def test_what_a_document_says_of_another_programme_is_answered(plan_answerer: Answerer) -> None:
    # the plan named by its city and as a document, not by its title words
    assert plan_answerer.retriever.scope("绍兴的文件里，工业设计中心要达到多少家？").notice_ids == ["city-plan-2021"]
    result = plan_answerer.ask("绍兴的文件里，工业设计中心要达到多少家？")
    assert not result.abstained and "15家" in result.answer


MEASURES = ("某市服务型制造示范企业认定管理办法\n\n咨询电话 0771-5551234（市工信局产业科）\n\n第一条为推动服务型制造发展，制定本办法。\n\n"
            "第二条申报企业应在本市注册，已正常经营三年以上，上一年度营业收入不低于2000万元。\n\n"
            "第三条示范企业每三年复核一次，对认定的示范企业给予一次性奖励。\n\n"
            "第四条本办法自发布之日起施行，有效期五年。\n")


@pytest.fixture(scope="module")
def measures_answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return _answerer_over(tmp_path_factory.mktemp("measures"), {"city-measures": MEASURES})


def test_a_standing_measure_s_missing_deadline_is_noted_only_when_time_is_asked(measures_answerer: Answerer) -> None:
    assert measures_answerer.notice("city-measures").meta.status == "standing"
    assert "常设办法" not in measures_answerer.ask("认定管理办法要求企业经营几年以上？").answer
    result = measures_answerer.ask("认定管理办法的申报截止时间是哪天？")
    assert "常设办法" in result.answer and "常设办法" in result.deadline_notes[0]


def test_a_sentence_the_lead_quotes_whole_is_not_quoted_twice(measures_answerer: Answerer) -> None:
    result = measures_answerer.ask("认定管理办法里的咨询电话是多少？")
    assert result.answer.count("0771-5551234") == 1
    _verified(measures_answerer, result)


def test_an_email_domain_is_not_a_web_address() -> None:
    from assistant.answer_types import has_answer

    assert not has_answer("邮箱：lim@example.gov.cn", ["website"])
    assert has_answer("申报网址：https://apply.example.org.cn", ["website"])
    assert has_answer("登录 service.example.com 填报", ["website"])


def test_an_award_amount_is_not_a_revenue_threshold(measures_answerer: Answerer) -> None:
    result = measures_answerer.ask("认定管理办法里，评上示范企业奖励资金能给多少万？")  # it states 2000万元 revenue only
    assert result.abstained and "金额" in (result.reason or "")
    assert "2000万元" not in result.answer
    assert "2000万元" in measures_answerer.ask("认定管理办法对营业收入的要求是多少万元？").answer


def test_a_document_without_date_line_or_doc_number_says_so(measures_answerer: Answerer) -> None:
    result = measures_answerer.ask("这个认定管理办法是哪天印发的？文号是多少？")
    assert result.abstained and "没有写明印发日期和文号" in (result.reason or "")


def test_a_demonstrative_names_a_document() -> None:
    from assistant.vocabulary import IN_DOCUMENT

    assert IN_DOCUMENT.search("浙江那份共享制造的实施意见，到2022年要建几个平台？")
    assert IN_DOCUMENT.search("这篇报道提到的目标是什么")
    assert not IN_DOCUMENT.search("浙江的共享制造平台要建几个？")


CATEGORIES = ("某省关于开展2025年服务型制造示范遴选工作的通知\n\n一、申报时间\n\n请于2025年5月10日前报送申报书。\n\n"
              "二、申报类别\n\n本次示范遴选包括示范企业和示范平台两个类别。\n\n"
              "（一）示范企业。鼓励制造企业延伸服务链条，提供专业化增值服务。\n\n"
              "（二）示范平台。鼓励企业建立第三方平台，为产业提供专业服务。如设计服务平台、物流协同平台、检测认证平台等。\n")


@pytest.fixture(scope="module")
def categories_answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return _answerer_over(tmp_path_factory.mktemp("categories"), {"province-2025": CATEGORIES}, date(2025, 4, 1))


def test_a_clause_named_by_title_is_found_below_the_best_sentence(categories_answerer: Answerer) -> None:
    answerer = categories_answerer
    result = answerer.ask("本次示范遴选包括的两个类别里，示范平台指的是什么样的平台？")
    for example in ("设计服务平台", "物流协同平台", "检测认证平台"):
        assert example in result.answer
    _verified(answerer, result)


def test_the_issuer_is_quoted_from_the_signature(answerer: Answerer) -> None:
    result = answerer.ask("柳州那个市级示范遴选的通知是哪个部门发的？")
    assert "落款" in result.answer and "柳州市工业和信息化局" in result.answer
    _verified(answerer, result)
    joint = "关于公布某项目名单的通知\n各市：\n现将名单予以公布。\n附件：名单\n某省工业和信息化厅 某省财政厅\n2024年3月2日\n"
    from assistant.answer.notice_facts import SIGNATURE
    assert SIGNATURE.fullmatch(joint.splitlines()[-2])


def test_what_the_notice_has_attached_asked_with_a_verb(answerer: Answerer) -> None:
    result = answerer.ask("柳州2023年市级示范的通知后面附了几份材料？")
    assert "示范企业申报书" in result.answer and "推荐汇总表" in result.answer


def test_a_share_or_quota_the_notice_never_states_is_said_to_be_missing(measures_answerer: Answerer) -> None:
    result = measures_answerer.ask("认定管理办法对服务收入占营业收入的比例有要求吗，占比多少？")
    assert result.abstained and "没有写明比例" in (result.reason or "")
    result = measures_answerer.ask("认定管理办法里最多能推荐几家企业？")
    assert result.abstained and "没有写明名额" in (result.reason or "")


def test_a_share_written_in_words_counts_as_stated() -> None:
    from assistant.answer.notice_facts import STATED_FACT

    assert STATED_FACT["share"].search("服务收入占营业收入比重达到百分之三十以上")
    assert STATED_FACT["quota"].search("每个县（区）推荐不超过三家")


def test_a_composite_question_answers_what_is_stated_and_says_what_is_not(answerer: Answerer) -> None:
    result = answerer.ask("柳州2023年市级示范要求服务收入占比多少？最多能推荐几家？")
    assert not result.abstained and "20%" in result.answer
    assert "没有写明名额" in result.answer


def test_the_lead_s_sentence_is_not_repeated_after_a_named_clause(categories_answerer: Answerer) -> None:
    answerer = categories_answerer
    result = answerer.ask("报示范平台的话，申报书请于哪天前报送？")
    assert "设计服务平台" in result.answer  # the clause the question names, whole
    assert result.answer.count("请于2025年5月10日前报送申报书") == 1
    _verified(answerer, result)


def test_an_address_and_whom_to_call_each_lead() -> None:
    from assistant.answer_types import expected_types

    assert expected_types("电子版发哪个邮箱？有问题找谁？")[:2] == ["email", "contact"]
    assert "email" not in expected_types("有问题打哪个电话？")


def test_a_phone_number_after_whom_to_call(tmp_path: Path) -> None:
    text = ("某市企业服务化重点企业拟认定名单公示\n\n经企业申报、专家评审，拟认定下列企业。\n\n"
            "公示期内如有异议，请以书面形式提出，写明真实姓名和电话等。\n\n联系电话：\n\n"
            "某市经济发展局：55512345（异议、举报）；\n\n某市企业服务中心：55598765（业务咨询）。\n")
    answerer = _answerer_over(tmp_path, {"gongshi": text})
    result = answerer.ask("对这份公示名单有不同意见，该拨哪个电话反映？")
    assert result.answer.startswith("联系方式：“某市经济发展局：55512345（异议、举报）”")
    _verified(answerer, result)


REPORT = ("记者从市工信局获悉，我市将加快发展共享制造。\n\n"
          "一是，到2024年，培育15家带动作用强的共享制造示范平台；支持30项共享制造示范项目。"
          "二是，到2027年，共享制造发展迈上新台阶，共享制造模式广泛应用。\n\n"
          "“共享制造仍处于起步阶段。”市工信局相关负责人说。\n")
CALL = ("某省工业和信息化厅关于开展2023年省级服务型制造示范遴选的通知\n\n各市工信局：\n\n一、申报条件\n\n"
        "申报主体在本省注册，近3年内（2020年6月1日起）未发生较大及以上安全、质量事故。"
        "服务收入占营业收入比重达到目标要求。\n\n二、推荐名额\n\n各市可推荐共享制造类示范平台不超过2个。\n")


@pytest.fixture(scope="module")
def report_answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return _answerer_over(tmp_path_factory.mktemp("report"), {"city-gongxiang-news": REPORT, "province-2023": CALL})


def test_a_target_year_the_question_names_finds_its_sentence(report_answerer: Answerer) -> None:
    result = report_answerer.ask("共享制造那篇报道，到2027年的目标是怎么说的？")
    assert "迈上新台阶" in result.answer and not result.abstained


def test_a_count_of_organisations_answers_how_many(report_answerer: Answerer) -> None:
    result = report_answerer.ask("按那篇共享制造的报道，到2024年要培育多少家共享制造示范平台？")
    assert result.answer.startswith("名额：") and "15家" in result.answer.split("\n")[0]
    _verified(report_answerer, result)


def test_a_report_s_speaker_is_not_an_unknown_topic(report_answerer: Answerer) -> None:
    result = report_answerer.ask("共享制造那篇报道里是哪个部门的负责人在讲话？")
    assert not result.abstained and "市工信局相关负责人" in result.answer


def test_a_deadline_question_is_never_led_by_a_date_something_counts_from(report_answerer: Answerer) -> None:
    result = report_answerer.ask("某省2023年省级示范的申报截止是哪天？各市能推荐几个共享制造平台？")
    # the notice states no deadline, and "2020年6月1日起" is not one: the quota leads, the gap is said
    assert result.answer.startswith("名额：“各市可推荐共享制造类示范平台不超过2个”")
    assert "没有写明报送截止时间" in result.answer


JIANGXI_GUIDE = ("江西省服务型制造示范申报指南\n\n一、申报条件\n\n1.申报主体在江西省内注册。\n\n"
                 "2.示范企业上一年度营业收入：南昌地区企业不低于3000万元，其他地区不低于1500万元。\n")
JIANGXI_CALL = ("江西省工业和信息化厅关于组织2023年服务型制造示范申报的通知\n\n各设区市工信局：\n\n一、申报条件\n\n"
                "示范企业上一年度营业收入不低于2000万元，服务收入占比达到20%以上。\n\n江西省工业和信息化厅\n\n2023年3月1日\n")


@pytest.mark.parametrize("question", [
    "依照《江西省服务型制造示范申报指南》，示范企业营业收入要多少？南昌和别的地方一样吗？",  # by its quoted title
    "看江西省的申报指南，南昌的企业和别的地方的企业，营收门槛分别是多少？",  # by its kind
])
def test_a_document_named_alone_answers_a_comparison_within_it(tmp_path: Path, question: str) -> None:
    answerer = _answerer_over(tmp_path, {"jiangxi-guide": JIANGXI_GUIDE, "jiangxi-2023": JIANGXI_CALL})
    result = answerer.ask(question)
    assert result.notices == ["jiangxi-guide"]
    assert "不低于3000万元" in result.answer and "不低于1500万元" in result.answer
    _verified(answerer, result)


def test_which_ones_is_not_how_many() -> None:
    from assistant.answer_types import expected_types

    assert "quota" not in expected_types("这次上榜的示范企业是哪几家？")
    assert "quota" not in expected_types("入选的是哪几个城市？")
    assert "quota" in expected_types("这次上榜的示范企业有几家？")


def test_a_place_s_document_named_by_its_kind_joins_a_comparison(tmp_path: Path) -> None:
    guide = ("江西省服务型制造示范申报指南\n\n一、申报条件\n\n示范企业服务收入占企业营业收入比重达20%以上。\n")
    city = ("赣州市工业和信息化局关于开展2023年市级服务型制造示范遴选的通知\n\n各县（市、区）工信局：\n\n一、申报条件\n\n"
            "示范企业服务收入占企业营业收入比重达10%以上。\n\n赣州市工业和信息化局\n\n2023年6月1日\n")
    answerer = _answerer_over(tmp_path, {"jiangxi-guide": guide, "ganzhou-2023": city})
    result = answerer.ask("江西省的申报指南和赣州2023年那次示范，服务收入占比分别要达到多少？")
    assert set(result.notices) == {"jiangxi-guide", "ganzhou-2023"}
    assert "20%以上" in result.answer and "10%以上" in result.answer
    _verified(answerer, result)


def test_the_places_a_question_names_are_not_its_key_terms() -> None:
    from assistant.answer.sentences import _key_terms

    terms = _key_terms("西海岸新区这次示范，一家公司能不能企业和平台一起报？")
    assert not {"西海岸", "新区", "西海岸新区"} & set(terms) and "一起报" in terms


def test_a_named_zone_s_own_notice_answers_for_the_round_it_organises(tmp_path: Path) -> None:
    zone = ("武汉东湖新技术开发区管委会关于组织申报第五批省级服务型制造示范的通知\n\n各有关企业：\n\n一、遴选类别\n\n"
            "示范企业、示范平台和示范项目。同一申报主体只能申报一个类别，不得同时申报两个类别。\n\n二、申报条件\n\n"
            "申报主体应在东湖高新区内注册，具有独立法人资格。\n\n武汉东湖新技术开发区管委会\n\n2022年3月20日\n")
    province = ("湖北省经济和信息化厅关于开展第五批省级服务型制造示范遴选的通知\n\n各市、州经信局：\n\n一、遴选类别\n\n"
                "第五批省级服务型制造示范分为示范企业、示范平台和示范项目，企业和平台均可申报。\n\n二、申报要求\n\n"
                "各地推荐第五批省级示范企业和平台时，应择优推荐。\n\n湖北省经济和信息化厅\n\n2022年3月1日\n")
    answerer = _answerer_over(tmp_path, {"donghu-2022": zone, "hubei-2022": province})
    result = answerer.ask("东湖高新区这次第五批省级示范，我们一家单位能不能企业和平台一起报？")
    assert result.notices == ["donghu-2022"] and "只能申报一个类别" in result.answer
    _verified(answerer, result)


def test_a_place_named_with_the_national_level_is_one_programme() -> None:
    from assistant.answer.choice import names_several as _names_several
    from assistant.scope import Scope

    local = Scope(notice_ids=[], provinces=["山东"], cities=["青岛"], districts=["西海岸新区"], levels=["national"])
    assert not _names_several(local, "西海岸新区这次国家级示范平台要什么条件？")
    named = Scope(notice_ids=[], provinces=["山东"], levels=["national"])
    assert _names_several(named, "山东省级和国家级示范平台的条件分别是什么？")


def test_a_municipality_s_own_level_is_its_provincial_level(tmp_path: Path) -> None:
    text = ("重庆市经济和信息化委员会关于开展2024年服务型制造示范遴选的通知\n\n各区县经济信息委：\n\n一、申报条件\n\n"
            "示范企业服务收入占企业营业收入比重达25%以上。\n\n重庆市经济和信息化委员会\n\n2024年4月1日\n")
    answerer = _answerer_over(tmp_path, {"chongqing-2024": text})
    result = answerer.ask("重庆市级服务型制造示范企业，服务收入占比要多少？")
    assert not result.abstained and "25%以上" in result.answer
