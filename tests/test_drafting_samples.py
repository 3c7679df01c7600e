"""Sample facts and hand-written conforming drafts shared by the drafting tests (imported by them),
with checks that the samples themselves are what the other tests assume."""

from __future__ import annotations

import re

from assistant.drafting.facts import parse_facts

HENAN_FACTS = {
    "applicant_type": "enterprise",
    "name": "河南示例重工机械有限公司",
    "registered_province": "河南省",
    "established_on": "2012-05-18",
    "revenue_total": 52000,
    "service_revenue": 9360,
    "revenue_year": 2019,
    "has_own_brand": True,
    "modes": ["供应链管理"],
    "business": "公司主营矿山机械的研发、制造与销售，产品覆盖破碎、筛分设备。",
    "products": "核心产品为圆锥破碎机和振动筛，拥有自主品牌“豫重”。",
    "platform": "公司自建供应链协同平台，于2018年上线，连接上游供应商与下游客户。",
    "notes": "通过供应链协同平台对上游210家供应商实施集中采购和供应商管理库存。平台实现订单管理、物料配送和仓储库存的在线协同。公司获得发明专利12项，参与制定行业标准2项。",
    "figures": {"服务企业户数": "210家", "研发投入（万元）": 2100},
}

# A henan-2020 enterprise body written by hand (mode 供应链协同管理), conforming to the outline:
# every heading verbatim and in order, every linked requirement answered, figures as in HENAN_FACTS.
HENAN_CONFORMING = """# 服务型制造示范企业申报书正文

## 一、企业概况

### （一）申报单位概况

河南示例重工机械有限公司成立于2012年5月18日，是一家民营股份制企业，下设研发中心、制造中心和服务中心，财务状况良好。

2019年，公司实现营业收入52000万元，其中服务收入9360万元，服务收入占营业收入的18%。

### （二）产品情况

公司拥有自主品牌“豫重”，圆锥破碎机和振动筛是自主生产的核心产品，关键性能达到国内领先水平，主要客户为大型矿山和砂石骨料企业。

### （三）技术水平

公司建有省级技术中心，累计获得发明专利12项，参与制定行业标准2项，持续推进破碎设备的技术创新和知识产权运用。

### （四）行业优势

公司生产技术与工艺处于行业前列，服务能力与水平在破碎筛分细分领域具有一定优势地位，已形成设备制造与供应链服务相结合的技术优势和服务优势。

### （五）企业开展服务型制造的目标、任务和意义

公司开展服务型制造的目标是由单一设备制造商转型为矿山装备供应链服务商，任务是建成覆盖上下游的协同服务体系，意义在于带动行业降本增效。

## 二、服务型制造主要做法

### （一）信息基础设施、信息安全建设管理情况

公司建成企业数据中心和工业网络，部署防火墙和数据备份系统，建立信息安全管理制度并定期开展安全检查。

### （二）服务内容

公司运用供应链协同平台，对上游供应商实施集中采购和供应商管理库存，推行精益供应链模式，为客户提供订单管理、物料配送、仓储库存等供应链服务。

### （三）服务能力

公司构建了数据协同的柔性供应链体系，平台打通上下游供应商、销售商与制造过程的协同，使用智能化物流装备和立体仓储设施，具备供应链的计划、调度、运作和监控能力。供应链协同平台于2018年上线，在管理运营、信息网络平台建设、服务绩效等方面取得明显成果。公司服务管理体系健全，具有较强的服务型制造能力。

### （四）应用成效

通过优化供应链管理，公司在生产、物流环节形成了稳定的供应链服务体系，实现提质增效。2019年服务收入9360万元，服务收入占营业收入的18%。

### （五）开展服务型制造对引领行业转型升级的示范点、创新点

公司围绕核心制造能力开展模式创新，将设备制造与供应链服务融合，形成了难以复制的竞争力，为同行业企业转型提供了示范。

## 三、下一步设想

公司将继续完善供应链协同平台，扩大集中采购和库存协同的覆盖面，关键举措包括平台功能升级和服务团队建设，预期进一步提升经济社会效益。

## 四、附件

1、企业法人营业执照副本复印件
2、相关荣誉、专利证书复印件
3、近两年财务报表复印件（或财务状况相关证明材料）
4、企业近两年有关服务型制造项目合同、投入及服务型制造成果等复印件
"""

SHANXI_FACTS = {
    "applicant_type": "enterprise",
    "name": "山西示例装备制造股份有限公司",
    "registered_province": "山西省",
    "established_on": "2010-03-12",
    "revenue_total": 38000,
    "service_revenue": 11400,
    "revenue_year": 2020,
    "modes": ["供应链管理"],
}

# A shanxi-2021 enterprise body (mode 供应链管理): level-1 headings only, then 参考附件.
SHANXI_CONFORMING = """服务型制造示范培育企业申报书正文

一、企业概况

山西示例装备制造股份有限公司成立于2010年3月12日，主营煤矿综采装备，核心产品为液压支架。公司的生产技术与工艺在细分领域领先，服务能力与水平具有一定优势地位。

二、主要做法

公司开展生产物流的优化提升，实施集中采购、供应商管理库存（VMI）和精益供应链模式，高效应用订单管理、物料配送、仓储库存等供应链服务。
公司具备数据协同的柔性供应链体系，在企业内部实现研发设计、生产制造和营销服务能力的集成对接，形成企业级的供应链解决方案，优化制造过程和供应链的并行组织，使用智能化物流装备和仓储设施，具备供应链的计划、调度、运作、监控能力。
公司围绕核心制造能力开展模式创新并形成竞争力，在战略规划、管理运营、信息网络平台建设、服务绩效、生产服务类人才培养等方面取得一定成果。通过优化供应链管理，在生产物流环节形成稳定的供应链服务体系，实现企业提质增效。2020年服务收入11400万元，服务收入占营业收入的30%。

三、经验总结

以供应链服务带动装备销售，以数据协同提升响应速度，是公司服务转型的主要经验。

四、下一步设想

今后三年，公司将扩大供应链服务的客户覆盖面，建设区域仓储中心，预期服务收入占比继续提高。

参考附件

1、企业法人营业执照
2、国家级高新技术企业证书（如有）
3、相关产品的技术水平评价证书（鉴定证书）
4、申报单位认为可提供的其他材料
"""

ARABIC = re.compile(r"\d+")


def _fact_numbers(facts: dict) -> set[int]:
    return {int(n) for n in ARABIC.findall(str(facts))}


def test_sample_facts_parse() -> None:
    for data in (HENAN_FACTS, SHANXI_FACTS):
        facts = parse_facts(data)
        assert facts.profile.name == data["name"]
        assert facts.service_share() is not None


def test_conforming_samples_use_only_figures_from_their_facts() -> None:
    for text, facts in ((HENAN_CONFORMING, HENAN_FACTS), (SHANXI_CONFORMING, SHANXI_FACTS)):
        share = parse_facts(facts).service_share()
        assert share is not None
        allowed = _fact_numbers(facts) | {round(share)}
        body = re.sub(r"^\s*\d+、", "", text, flags=re.M)  # the attachment list numbers
        assert {int(n) for n in ARABIC.findall(body)} <= allowed
