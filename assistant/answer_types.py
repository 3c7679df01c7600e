"""Expected answer types: a question asking "when" wants a clause with a date, "whom to call"
a clause with a phone number, "how many" a clause with a quota.

Used as a third ranked list in retrieval fusion: among the candidates the other two signals
found, those that contain the kind of fact the question asks for move up. The question cues and
the fact patterns are data; nothing here knows any particular question or notice.
"""

from __future__ import annotations

import re

# answer type -> (question cues, pattern of the fact in a clause)
# A question about the end of the submission window ("截止是哪天", "最晚几号交") is answered by a date
# to submit by ("11月25日前", "截止日期为8月8日"), not by a date something counts from ("2019年1月1日以后").
DEADLINE_END_CUE = re.compile(r"截止|最晚|之前|前交|前报|来得及|过期|期限")
DEADLINE_END = re.compile(r"\d{1,2}月\d{1,2}日(?:前|之前|以前)|截止(?:日期|时间)?(?:为|是|到|至)\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日|"
                          r"\d{4}-\d{1,2}-\d{1,2}\s*[/至~－—-]+\s*\d{4}-\d{1,2}-\d{1,2}")  # (a window's both ends)

ANSWER_TYPES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "deadline": (
        re.compile(r"截止|最晚|什么时候|啥时候|哪天|几号|几月|日期|期限|时间节点|来得及|过期|还能报(?!什么|啥|哪)|有效期"),
        # a date to submit by, or (for a standing measure) when it took effect and for how long
        re.compile(r"\d{1,2}月\d{1,2}日(?:前|之前|以前|以后|之后|起|至今)|之日起(?:施行|实施)|试行[一二两三四五\d]+年|"
                   r"\d{4}-\d{1,2}-\d{1,2}\s*[/至~－—-]+\s*\d{4}-\d{1,2}-\d{1,2}|"
                   r"截止(?:日期|时间)?(?:为|是|到|至)\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日"),  # ("申报截止日期为8月8日")
    ),
    "period": (  # from which day to which ("公示期是哪几天": "12月22日至28日")
        re.compile(r"哪几天|哪些天|起止|从哪天|到哪天|期间是|公示期"),
        re.compile(r"\d{1,2}月\d{1,2}日\s*(?:至|到|—|－|~)\s*(?:\d{1,2}月)?\d{1,2}日"),
    ),
    # ("电子版发哪个邮箱？有问题找谁？" asks for two contacts: the address first, then whom to call)
    "email": (
        re.compile(r"邮箱|电子邮件|邮件地址"),
        re.compile(r"[\w.-]+@[\w.]+\.(?:com|cn|org|net)"),
    ),
    "contact": (
        re.compile(r"电话|联系|找谁|打给|咨询|问谁|对接人"),
        # (a local number without its area code: "电话:84664354"; a number after whom to call under a
        # "联系电话:" heading: "某某委员会：66681047（异议、举报）")
        re.compile(r"\d{3,4}-\d{7,8}|@[\w.]+\.(?:com|cn|org)|联系人[^：:]{0,3}[：:]|(?:电话|手机)[：:]\s*\d{7,11}|"
                   r"[：:]\s*(?:1\d{10}|\d{7,8})(?!\d)"),
    ),
    "quota": (
        # ("哪几家", "哪几个城市" ask which ones, not how many)
        re.compile(r"(?<!哪)几家|(?:推荐|推|报|申报|限报)几个|(?<!哪)几个(?:企业|平台|项目|城市|名额|示范)|多少家|多少个(?!月)|名额|"
                   r"最多.{0,4}推|推.{0,2}几"),
        # (a count of organisations: "形成20家…示范平台", "遴选不超过20家")
        re.compile(r"不超过\s*\d+\s*[个家]|限报|(?<![\d.])\d+\s*家"),
    ),
    "copies": (
        re.compile(r"(?<!哪)(?<!附了)(?<!附有)几份|多少份|份数|几套|多少套"),  # ("附了哪几份名单", "附了几份" ask about attachments)
        re.compile(r"一式[一二两三四五六七八九十\d]+份"),
    ),
    "share": (
        re.compile(r"比例|占比|比重|百分之|多少%|\d+%|多少成"),
        re.compile(r"\d+(?:\.\d+)?\s*%"),
    ),
    "duration": (
        re.compile(r"多久|几年|多长时间|多少年|年限|满几|成立.{0,4}年|运营.{0,4}年"),
        re.compile(
            r"满[一二两三四五\d]+年|[一二两三四五\d]+年以上|\d{4}年\d{1,2}月\d{1,2}日以前|\d+个工作日内|"
            r"试行[一二两三四五\d]+年|\d+日内"
        ),
    ),
    "money": (
        re.compile(r"奖金|奖励资金|资金奖励|资金|补贴|补助|扶持资金|多少钱|多少万|金额|奖励多少|奖多少|给多少钱|奖励.{0,4}多少"),
        re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元|亿元)"),
    ),
    "doc_no": (
        re.compile(r"文号|发文字号|发文号|文件号"),
        re.compile(r"〔\d{4}〕\d+号"),
    ),
    "office": (  # where the materials go ("报到市工信局哪个处", "交给谁")
        re.compile(r"哪个处|哪个科|哪个处室|哪个科室|(?:报|交|送|寄)(?:到|给|至)(?:哪|谁)|报送(?:到|给)?(?:哪|谁)"),
        re.compile(r"(?:报送|报|送|交|寄)(?:至|到|给)[^，。；]{2,30}?(?:处|科|室|中心)"),
    ),
    "organization": (  # who was selected ("哪家企业被评为…", "哪些公司入选")
        re.compile(r"哪家(?:企业|公司|单位)|哪几家(?:企业|公司)|哪些(?:企业|公司|单位)(?:入选|获评|被评|上榜|评上|获得)|"
                   r"(?:入选|获评|被评为|上榜|评上)[^？?，,]{0,12}(?:哪家|哪些|哪个)"),
        re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?:有限公司|有限责任公司|集团|研究院)"),
    ),
    "website": (
        # (not "有个咨询网站写的…": a site named as the source)
        re.compile(r"网址|哪个网站|什么网站|网站是|网站在哪|网站地址|官网|哪个平台|在哪.{0,4}(?:报|填|注册|提交)|线上|网上"),
        # a web address, not the domain of an e-mail address ("lim@miit.gov.cn")
        re.compile(r"https?://|www\.|(?<![@\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|cn|org)\b"),
    ),
    "responsible": (
        re.compile(r"哪个部门|哪个单位|哪个机构|谁负责|谁来|由谁|谁组织|谁审|谁评|谁认定|谁推荐|归谁|谁管"),
        re.compile(r"负责|组织.{0,12}(?:推荐|申报|评审|遴选)|牵头|委托|主体(?:为|是)"),  # ("其创建主体为县(市、区)")
    ),
    "issued": (
        re.compile(r"印发|发布|发文|成文|出台|哪天发|什么时候发"),
        # the date line that closes a 公文 (成文日期), alone on its line
        re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发)?$"),
    ),
    "kinds": (
        re.compile(r"哪几类|哪几种|哪两类|哪两种|哪一类|几类|几种|哪些类|什么类|类别|类型|分为|分成|哪些方向|哪些领域|哪些模式"),
        re.compile(r"分为|分成|[两二三四五六七八九十]个?(?:类别|类|种|方向|模式|领域)|包括[:：]$"),
    ),
}


def expected_types(question: str) -> list[str]:
    return [name for name, (cue, _) in ANSWER_TYPES.items() if cue.search(question)]


def has_answer(text: str, types: list[str]) -> bool:
    return any(ANSWER_TYPES[t][1].search(text) for t in types)
