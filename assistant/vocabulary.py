"""The domain vocabulary in one place: Chinese numerals, 公文 numbering, category words, the kinds
of list a question can ask for, and the labels of single facts.

Everything here is general Chinese usage of the 服务型制造示范 programme family, each entry
justified by more than one way people or notices say it; nothing names a particular notice or
question. Colloquial-to-official word pairs live in `data/synonyms.yaml` (see `synonyms.py`),
place names in `data/regions.yaml` (see `scope.gazetteer`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an

# --- numerals -------------------------------------------------------------------------------
CN_NUM = "零一二两三四五六七八九十百千"


def to_int(numeral: str) -> int | None:
    """"十二" → 12, "两" → 2, "3" → 3; None when it is not a number."""
    numeral = numeral.strip()
    if numeral.isdigit():
        return int(numeral)
    try:
        value = cn2an.cn2an(numeral, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if float(value).is_integer() else None


# --- 公文 numbering ---------------------------------------------------------------------------
# Numerals of 公文 headings (never 零, 两 or 千).
HEADING_NUM = "一二三四五六七八九十百"
# (pattern, rank): a heading of rank r closes every open heading of rank >= r.
HEADING_PATTERNS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(f"^第[{HEADING_NUM}]+章"), 0),
    (re.compile(f"^第[{HEADING_NUM}]+条"), 1),
    (re.compile(f"^[{HEADING_NUM}]+、"), 2),
    (re.compile(f"^（[{HEADING_NUM}]+）"), 3),
    (re.compile(r"^\d{1,2}(?:[.．](?!\d)|、)"), 4),
    (re.compile(r"^（\d{1,2}）"), 5),
]


def numbering(line: str) -> str:
    """The numbering token a heading line starts with ("（一）", "1.", "第十二条"), or ""."""
    for pattern, _ in HEADING_PATTERNS:
        match = pattern.match(line)
        if match:
            return match.group(0)
    return ""


BATCH = re.compile(f"第([{CN_NUM}\\d]+)批")
# A 文号 a question names: "67号文", "42号文件", "〔2022〕67号" (year, number).
DOC_REF = re.compile(r"[〔\[【(（](20\d\d)[〕\]】)）]\s*(\d{1,4})\s*号|()(\d{1,4})\s*号(?:文|文件|通知)")
OWN_DOC_NUMBER = re.compile(r"[〔\[【(（]\s*(20\d\d)\s*[〕\]】)）]\s*(\d{1,4})\s*号")
# A question about what a document says ("嘉兴的方案里…", "那份通知中…"): a programme it names is asked
# about as that document's content.
_DOCUMENT = r"(?:通知|方案|文件|办法|计划|意见|报道|公告|指南|细则|名单)"
IN_DOCUMENT = re.compile(rf"{_DOCUMENT}(?:里面|当中|里|中|上|内)|(?:那份|这份|那篇|这篇)[^，。？?]{{0,12}}?{_DOCUMENT}")
# The question asks about a news report ("泉州那篇报道说…", "新闻里讲…"), not the notice it retells.
NEWS_REFERENCE = re.compile(r"报道|新闻|记者|媒体|那篇文章|报纸|日报|晚报")
# The question asks about an announced list of the selected ("第五批名单哪天公布的", "入选名单里"), not the
# call for applications: the list announcements answer first when the index holds any.
LIST_REFERENCE = re.compile(r"(?:公布|公示|发布|入选)[^。？?]{0,20}名单|名单(?:里|中|上)|名单[^。？?]{0,20}(?:公布|公示|发布)")
# The question asks for an amount of money ("奖励多少", "给几万"), not how it is paid ("奖励资金怎么发").
AMOUNT_QUESTION = re.compile(r"多少|几万|几千|金额|数额|额度|标准是|上限")
# money given to the awarded (not a revenue threshold such as "营业收入不低于5000万元")
FUNDING = re.compile(r"奖励|奖补|奖金|补助|补贴|资助|扶持资金|专项资金|资金支持")


def about_award(question: str, text: str) -> bool:
    """Can `text` answer the question's money part? A question about an award's amount ("奖励资金给多少")
    needs a sentence about the award, not a revenue threshold; any other money question any amount."""
    return FUNDING.search(question) is None or FUNDING.search(text) is not None


# The question asks which attachments the notice carries ("带了几个附件", "附件都有哪些").
ATTACHMENTS_QUESTION = re.compile(
    r"(?:几个|哪些|哪几个|多少个)附件|附件(?:有哪些|有几个|都有哪些|分别是|清单)|(?:后面|后边|文后|末尾)?附(?:了|有)(?:哪些|哪几[份个张]|几[份个张])"
)
# ...but not a form's own attachments ("申报书后面要附哪些附件": the documents to attach to it)
FORM_NAMED = re.compile(r"申报书|申报表|汇总表|提纲|附件\s*\d|参考附件")
# The question asks whom the notice is addressed to ("发给哪些单位", "主送单位是谁").
# (not "发到哪个邮箱": where to send the materials)
ADDRESSEE_QUESTION = re.compile(
    r"主送|(?:发给|下发给|下发到|印发给|印发到)(?:谁|哪些|哪个|了哪)|发到哪些(?:单位|部门|地区|地方)|发文对象|通知对象"
)
# The question asks when the notice itself was issued ("哪天发的", "什么时候印发的", "发布日期").
ISSUE_DATE_QUESTION = re.compile(
    r"(?:印发|发布|发文|下发|出台|成文|发出|公布|发)(?:的)?(?:日期|时间)|"
    r"(?:哪天|哪一天|什么时候|啥时候|几号|何时|哪年哪月)(?:印发|发布|发文|下发|出台|发出|公布|发)的?"
)
# ... nor when the results are what is published ("遴选结果什么时候公布"): not the notice's own date.
RESULTS_ASK = re.compile(r"结果")
# ... unless it is about sending the materials ("材料最晚几号发出", "申报书什么时候发过去").
SUBMISSION_ASK = re.compile(r"材料|申报书|报送|提交|寄|最晚|截止|之前")
# The act of handing in, in a clause that sets a deadline ("于11月25日前将推荐文件发送至…", "申报截止时间为…"),
# as against a date a condition counts to ("运营时间须满一年（2019年11月1日以前）").
SUBMISSION_ACT = re.compile(r"报送|提交|发送|寄送|送达|送至|报至|交至|上报|报来|报给|受理|申报截止|截止(?:日期|时间)(?:为|是)")
# A question about handing in by a date ("报送截止日", "材料最晚哪天交"), not the date a plan runs to
# ("截止到什么时候" of a target).
SUBMISSION_QUESTION = re.compile(r"报|交|递|寄|申请|材料")
# The question asks who issued the notice ("哪几个厅局联合发的", "发文单位是谁", "落款是哪个部门").
ISSUER_QUESTION = re.compile(
    r"(?:哪个|哪些|哪几个|哪两个|什么)(?:部门|单位|厅局|厅|局|机关|机构)[^，。？?]{0,4}?(?:联合)?(?:发|印发|发布|下发|出)的|"
    r"(?:谁|哪里)(?:发|印发|发布|下发)的|发文(?:单位|机关|部门)|落款(?:单位|是谁|是哪)"
)
FIRST_BATCHES = re.compile(f"前([{CN_NUM}\\d]+)批")

# --- categories --------------------------------------------------------------------------------
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "enterprise": ("示范企业", "企业"),
    "platform": ("示范平台", "平台"),
    "project": ("示范项目", "项目"),
    "city": ("示范城市", "城市", "地级市"),
}
# Words of a question or a section path that say which category a sentence is about, strict
# enough that "企业" alone (in almost every clause) does not count.
SECTION_CATEGORY_MARKERS: dict[str, tuple[str, ...]] = {
    "enterprise": ("示范企业",),
    "platform": ("示范平台", "平台"),
    "project": ("示范项目",),
    "city": ("示范城市",),
}
# A heading label longer than this is a clause sentence, not a category title.
CATEGORY_LABEL_MAX = 16
# Characters after a bare category word in a category title ("企业" + "专项条件", "平台" + "申报条件").
CATEGORY_TITLE_TAIL = 4


def categories_in(text: str) -> list[str]:
    """The categories a text names (示范企业/企业 → enterprise …), in CATEGORY_WORDS order."""
    return [name for name, words in CATEGORY_WORDS.items() if any(w in text for w in words)]


def heading_categories(label: str) -> list[str]:
    """The categories a section heading is about; [] for a heading that applies to all
    ("（一）共性条件") or a clause sentence."""
    bare = label[len(numbering(label)) :].strip("。：: ")
    if not bare or len(bare) > CATEGORY_LABEL_MAX:
        return []
    marked = [name for name, words in SECTION_CATEGORY_MARKERS.items() if any(w in bare for w in words)]
    if marked:
        return marked
    # a bare category word opening a short title ("企业专项条件"), not a word inside an item
    # ("1、企业法人营业执照副本复印件" is a document to attach, not the enterprise branch)
    return [name for name, words in CATEGORY_WORDS.items()
            if any(bare.startswith(w) and len(bare) <= len(w) + CATEGORY_TITLE_TAIL for w in words)]


# --- lists a question asks for ----------------------------------------------------------------
# A question asks for a list when it names the kind of list next to a question word ("哪些条件",
# "材料有哪些", "分几类") or uses a phrase that can only ask for one ("怎么申报", "会被撤销吗").
# requests to go through a whole thing ("帮我捋一下", "介绍一下") and asking what its provisions are
WHOLE_REQUESTS = r"捋|梳理|介绍一下|讲讲|讲一下|说说|说一下|怎么规定|如何规定|有何规定|怎么要求|如何要求|有何要求"
ASK_WORDS = WHOLE_REQUESTS + r"|怎样|怎么样|怎么个|咋|如何|哪些|哪几|什么|啥|几[个项类种条方部步块点]|多少|有哪|包括|包含|都有|是什么|怎么写|写什么"
# Characters of the same phrase (between commas) on each side of the kind's noun that may hold the
# question word: "什么样的项目才符合申报条件", "条件以外对企业本身还有啥专门要求" (qa_lists, qa_blind6;
# it was 8 characters across commas, which missed both and caught words of the next phrase).
ASK_WINDOW = 16
# name -> (noun naming the kind, phrase that asks for the list on its own, words of a clause
# heading or lead-in that introduces such a list)
LIST_KINDS: dict[str, tuple[str, str | None, str]] = {
    "conditions": (r"条件|资格|门槛|硬杠杠|杠杠|标准", r"哪[些几](?:个|方面|项|条)?(?:硬性|基本)?要求|(?:申报|基本|硬性)要求(?:是什么|有哪些)"
                   # what one must meet to qualify ("要满足什么", "才算符合")
                   r"|(?:满足|符合|具备|达到)(?:什么|啥|哪些)|才(?:算)?符合", r"条件|资格"),
    "materials": (r"材料|资料|附件|证明", r"(?:提交|提供|准备|交|附|带)(?:什么|哪些|啥)", r"材料|附件|提交以下|提供以下"),
    "procedure": (r"程序|流程|步骤|环节|几步",
                  r"怎么报|怎样报|如何报|怎么申报|如何申报|怎么申请|如何申请|怎么走|怎么操作|如何操作|怎么评|如何评|怎么审|如何审|申报方式",
                  # 公文 put the steps under these headings too (henan-2020 四、有关要求; 申报说明 in suzhou-2023)
                  r"程序|流程|步骤|申报方式|申报说明|有关要求|工作要求|组织实施"),
    "revocation": (r"撤销|收回|摘牌|摘掉|拿掉|被撤|取消.{0,4}称号", r"撤销|摘牌|摘掉|拿掉|被撤|收回", r"撤销|取消"),
    "outline": (r"提纲|正文|部分|几块|章节", None, r"提纲|正文|组成|部分"),
    "categories": (r"类别|几类|哪几类|哪一类|哪些类|什么类", r"能报哪|可以报哪|分哪几类|分几类", r"类别"),
    "modes": (r"模式|方向|领域|类型", r"哪几种|几种", r"模式|方向|领域|分为"),
    "quotas": (r"名额", r"推荐几|推几|推荐多少|推多少|报几个|几家|多少家", r"名额"),
    "format": (r"格式|字体|字号|行距|装订|排版|纸张|封面|页码", r"格式要求|排版要求|装订要求", r"格式|填报说明|印刷|装订"),
    # (what the review looks at: "评审重点看哪几方面", "主要看哪些")
    "principles": (r"原则(?!上)|看重|重点考察|侧重|重点看|主要看", r"看重|重点考察|侧重", r"原则|重点"),
    "requirements": (r"注意事项|其他事项|其它事项|有关要求|工作要求|义务",
                     r"注意事项|其他事项|其它事项|有关要求|工作要求|评上.{0,6}(?:要|需|还)", r"要求|事项|管理"),
}
_ASK = re.compile(ASK_WORDS)
TERSE_END = re.compile(r"呢?[？?]?\s*$")
TERSE_NOT = re.compile(r"怎|咋|如何|吗|哪|谁|几|什么|多少|能|可以|是否|不|交|递|寄|送|准备|提供|填|写")
_WHOLE = re.compile(WHOLE_REQUESTS)
_CLAUSE_END = re.compile(r"[？?。！!；;]")
_PHRASE_END = re.compile(r"[？?。！!；;，,]")
_NOUNS = {name: re.compile(noun) for name, (noun, _, _) in LIST_KINDS.items()}
_ALONE = {name: re.compile(alone) for name, (_, alone, _) in LIST_KINDS.items() if alone}
_HEADS = {name: re.compile(head) for name, (_, _, head) in LIST_KINDS.items()}


# words joining two things asked for in one phrase ("推荐名额和申报条件？")
JOINED = re.compile(r"以及|[和及与跟]")


def asking_phrases(question: str) -> list[str]:
    """The phrases of a question that ask something: those with a question word, ending with a question
    mark, or closing the question ("从网上填报到部里评审，流程是怎么走的" asks only in its second phrase)."""
    phrases = [p for p in re.split(f"(?<={_PHRASE_END.pattern})", question) if p.strip()]
    return [p for i, p in enumerate(phrases) if _ASK.search(p) or p.rstrip().endswith(("？", "?")) or i == len(phrases) - 1]


# a question about what a term means is never a list question ("基本模式里说的VMI是什么意思")
DEFINITION = re.compile(r"什么意思|啥意思|指什么|指的是什么|是指什么|什么叫|何为")


# "啥/什么(专门|具体…)要求" asks for a category's conditions when the question names a category (the
# requirement of one attribute, "注册地有什么要求", is a single fact)
CATEGORY_REQUIREMENTS = re.compile(r"(?:啥|什么|哪些)(?:专门|专项|具体|特别|特殊|额外|其他|其它)?的?要求")
# a category the question rules out ("报示范企业（不报平台）") is not one it asks about
NEGATED_CATEGORY = re.compile(r"(?:不|没有|并非|不是)(?:报|申报|申请|参评)?(?:示范)?(?:企业|平台|项目|城市)")


def list_kinds(question: str) -> list[str]:
    """The kinds of list a question asks for ("要满足哪些条件" → conditions)."""
    return list(_list_kinds(question))


@lru_cache(maxsize=1024)
def _list_kinds(question: str) -> tuple[str, ...]:
    """Cached per question: scoring asks for them once per candidate sentence."""
    if DEFINITION.search(question):
        return ()
    kinds: list[str] = []
    if CATEGORY_REQUIREMENTS.search(question) and categories_in(question):
        kinds.append("conditions")  # "对企业本身还有啥专门要求": what a category must meet
    for name, noun in _NOUNS.items():
        if name in kinds:
            continue
        alone = _ALONE.get(name)
        if alone is not None and alone.search(question):
            kinds.append(name)
            continue
        if _WHOLE.search(question) and noun.search(question):
            # "…的程序和要求，麻烦梳理一下", "请介绍一下…的申报程序，从…到…": a request to go through
            # the whole thing covers the kind it names anywhere in the question
            kinds.append(name)
            continue
        for match in noun.finditer(question):
            before = _PHRASE_END.split(question[: match.start()])[-1][-ASK_WINDOW:]
            after = _PHRASE_END.split(question[match.end() :])[0][:ASK_WINDOW]
            # ...or the noun ends a question that only names what it wants ("示范城市的申报条件？"), not
            # one asking how or whether to do something with it ("怎么交材料？", "就能交材料吗？")
            terse = TERSE_END.match(question[match.end() :]) and not TERSE_NOT.search(before)
            if _ASK.search(before + match.group(0) + after) or terse:
                kinds.append(name)
                break
    return tuple(kinds)


# A question about the conditions every category must meet ("不管报企业还是平台都得满足的", "通用的申报
# 条件", "共性条件") asks for the notice's clause titled so; "除了通用条件以外…专门要求" asks for the rest.
_CATEGORY_NOUN = r"(?:企业|平台|项目|城市)"
COMMON_ASK = re.compile(r"共性|通用|共同|不分类别|(?:不论|无论|不管)[^，。？]{0,12}都"
                        rf"|{_CATEGORY_NOUN}[和与跟及]{_CATEGORY_NOUN}(?:申报)?都")
COMMON_EXCEPT = re.compile(r"除了?[^，。？]{0,12}(?:共性|通用|共同)")
COMMON_HEAD = re.compile(r"共性|通用|共同")


# "除了共性条件，…还有哪些专项要求": what the question sets aside is not what it asks about
EXCLUDED = re.compile(r"除了?[^，,。？?；;]{1,16}?(?:以外|之外)|除了?[^，,。？?；;]{1,16}?(?=[，,])")


def without_excluded(question: str) -> str:
    """The question without the part it sets aside ("除了共性条件，" / "除了通用条件以外")."""
    return EXCLUDED.sub("", question)


def asks_common(question: str) -> bool:
    """Does the question ask for the conditions common to all categories?"""
    return COMMON_ASK.search(question) is not None and COMMON_EXCEPT.search(question) is None


def introduces(kind: str, heading: str) -> bool:
    """Does a clause heading or lead-in introduce a list of this kind?"""
    return _HEADS[kind].search(heading) is not None


def names_listed_kind(term: str, kinds: list[str], headings: str) -> bool:
    """Is `term` the question's word for the kind of list it asks for ("流程", "门槛"), and do the
    `headings` name the same kind in the notice's words ("二、申报程序及要求", "三、申报条件")?"""
    return any(_NOUNS[kind].search(term) is not None and _NOUNS[kind].search(headings) is not None for kind in kinds)


# --- single facts -----------------------------------------------------------------------------
# The label of the direct answer to a single-fact question, per answer type (answer_types.py).
FACT_LABELS: dict[str, str] = {
    "deadline": "时间",
    "period": "时间",
    "office": "报送单位",
    "email": "邮箱",
    "contact": "联系方式",
    "quota": "名额",
    "copies": "份数",
    "share": "比例",
    "duration": "年限",
    "doc_no": "文号",
    "website": "网址",
    "issued": "印发日期",
    "money": "金额",
}
# A question that asks for every member of a list, even when it also names a single fact
# ("哪些材料要一式几份" is about the list; "截止日期是哪天" is one fact).
WHOLE_LIST_CUE = re.compile(WHOLE_REQUESTS + r"|整个|完整|哪些|哪几|哪[两三四五六七八九十]+(?:点|条|项|个|类|种|方面|部分)|什么条件|都有|都要|都需|都得|包括|包含|几个方面|几部分|几类|几种|列一下|列出|全部|所有|清单")


# Kinds of official document, as titles end: alone they name no particular notice ("哪份实施意见").
DOCUMENT_KIND = re.compile(
    r"(?:管理|认定|实施|工作|申报)?(?:办法|细则|规定|规程|导则|方案|意见|计划|指南|指引|通知|公告|公示|名单|要点|须知)"
    r"|(?:名单|拟认定名单)?公示|行动(?:计划|方案)"
)


# A year written with two digits ("福建22年那次", "24年广东的示范"): 2015-2029, not a duration
# ("经营15年以上", "成立20年的企业", "第15年").
SHORT_YEAR = re.compile(
    r"(?<![\d０-９第满近超逾过共约每])(?<!成立)(?<!经营)(?<!运营)(?<!营业)(?<!从业)(?<!创办)(?<!创立)"
    r"(1[5-9]|2\d)(?=\s*年(?!\s*(?:以上|以内|以下|内|来|多|左右|及以上)))"
)


def full_years(text: str) -> str:
    """"22年" → "2022年" where the two digits name a year (see SHORT_YEAR)."""
    return SHORT_YEAR.sub(r"20\1", text)



# --- messages with several questions ------------------------------------------------------------
# A later question that refers back to an earlier one ("湖南这批…", "总数在全国排第几") belongs with it,
# unless it names its own place or year ("2020年那次的…").
REFERS_BACK = re.compile(r"这批|那批|该批|这次|那次|总数|其中|上述|前者|后者|两者|这些|那些|它们|他们")
# A follow-up that sets what it names beside what the conversation was about ("山西那批呢？两边要求一样不？",
# "换成工信部的呢？和河南的比哪个长？"): both sides answer the previous question.
BOTH_SIDES = re.compile(r"两边|两者|二者|两个(?:比|都|一样|要求|规定)|一样(?:吗|不|么)|有(?:什么|啥)?(?:区别|不同)|"
                        r"(?:跟|和|与)[^，,。？?]{0,12}(?:一样|相同|比)")
# A later question that compares with an earlier one ("跟工信部的要求比，哪个高？") is one question.
COMPARE_WHICH = re.compile(r"哪个(?:更)?(?:高|低|多|少|大|小|早|晚|长|短|严|宽)(?=[？?，,。！!]|$)|相比|(?:跟|和|与|同)[^，,。？?]{0,24}比")


# --- declaration outlines -------------------------------------------------------------------------
# The title of the outline a notice gives for the declaration body: "…申报书正文（参考提纲）",
# "…申报书编写提纲", "申报书提纲", "…申报书格式"; and the note line under a form title ("（参考提纲）").
OUTLINE_LABEL = re.compile(r"(?:(?:参考|编写|编制|撰写|申报书|正文)提纲[)）]?|申报书(?:编写)?格式)$")
OUTLINE_NOTE = re.compile(r"^[（(](?:参考|编写|编制|撰写)?提纲[)）]$")


# --- conditions of application (read by the rule-pack extractor) ----------------------------------
# Headings of the clauses that state who may apply: "三、申报条件", "（一）共性条件", "二、专项条件",
# "第N章 …基本条件", "第N条 …应当具备下列条件：", "一、省级示范申报条件".
CONDITION_HEAD = re.compile(
    r"(?:申报|申请|基本|共性|通用|专项|遴选|认定|推荐|参评)条件|申报(?:要求|对象)$"
    r"|(?:应|须|需|必须)(?:当)?(?:具备|具有|符合|满足)(?:以下|下列|如下)[^。；]{0,8}条件"
)
# The subject a sentence opens with, when no heading says the category ("申报平台应为…").
CONDITION_SUBJECT = re.compile(r"^(?:(?:申报|参评|推荐)(?:的)?(?:示范)?(企业|平台|项目|城市)|(?:示范)?(企业|平台|项目|城市)类)")
# Softeners: "原则上" makes a condition in-principle; "左右"/"一般"/"鼓励" make it guidance.
IN_PRINCIPLE = re.compile(r"原则上")
GUIDANCE_ONLY = re.compile(r"左右|一般(?:应|要|须|不低于|在)|鼓励|优先|可适当放宽")
# An alternative that no profile fact settles ("……，或通过服务明显提升……", "或是在……处于领军地位").
ALTERNATIVE = re.compile(r"[，,；;]\s*或|或是|或者")
# Condition kinds (what each reads is in eligibility/extract/kinds.py).
REGISTERED = re.compile(r"(?:注册|登记)(?!资本|商标)")
MAINLAND = re.compile(r"中华人民共和国(?:境内|行政区域)|我国境内|中国境内|国内注册")
LEGAL_PERSON = re.compile(r"独立(?:的)?法人(?:资格)?|独立承担民事责任")
FINANCES = re.compile(r"财务状况(?:良好|较好|健康|稳健)|(?:经营|运营)(?:和|及|与)财务状况良好")
INCIDENT = re.compile(r"(?:未|没有|无)(?:发生|出现)?[^，,。；;]{0,30}?(?:事故|环境事件|质量问题)")
SINCE_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:以来|以后|之后|起|至今|后)")
RECENT_YEARS = re.compile(f"(?:近|最近|前)([{CN_NUM}\\d]+)(?:个)?(?:年|年度)(?:内|来|以来)?|([{CN_NUM}\\d]+)(?:个)?年(?:内|以内)")
INVESTIGATION = re.compile(r"涉嫌违法|接受(?:审查|调查)|立案(?:审查|调查)|(?:没有|无|不存在)(?:重大)?违法(?:违规)?行为")
CREDIT = re.compile(r"失信|信用(?:状况|记录)?良好|黑名单|经营异常名录")
MANUFACTURER = re.compile(r"(?:应为|应是|须为|须是|必须是|应当是|为|是)[^，,。；;]{0,24}?制造(?:业)?企业(?=[，,。；;）)]|$)")
OWN_BRAND = re.compile(r"自主品牌|自有品牌")
PREFECTURE_CITY = re.compile(r"(?:对象|主体|城市)[^，,。；;]{0,6}(?:为|是)[^，,。；;]{0,6}(?:地级市|地级及以上城市|设区的?市)")
DURATION = re.compile(
    r"(?:成立|注册|经营|运营|运行|投入运营|营业)[^，,。；;]{0,12}?(?:满|达到?|超过|在)?\s*"
    f"([{CN_NUM}\\d]+)\\s*(?:个)?(?:完整)?(?:年|周年)(?:以上|及以上)?"
)
CUTOFF_DATE = re.compile(r"截(?:至|止)(?:到)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DURATION_UNTIL = re.compile(r"[（(](\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:以前|之前|前)[)）]")
SERVICE_SHARE = re.compile(
    r"服务(?:型制造)?(?:业务)?(?:收入|营收)[^，,。；;]{0,24}?(?:比重|比例|占比)[^，,。；;\d]{0,10}?"
    r"(\d+(?:\.\d+)?)\s*[%％]"
)
REVENUE_MIN = re.compile(
    r"(?:营业收入|主营业务收入|销售收入|营收)[^，,。；;\d]{0,10}?(?:不低于|不少于|达到|超过|在)\s*"
    r"(\d+(?:\.\d+)?)\s*(亿元|万元)(?:以上|及以上)?"
)
