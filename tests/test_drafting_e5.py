"""The lint check's embedding signal with the real e5 model (slow: loads the model)."""

from __future__ import annotations

import pytest
from test_drafting_samples import HENAN_CONFORMING, HENAN_FACTS

from assistant.drafting import Drafter
from assistant.drafting.coverage import EMBEDDING_THRESHOLDS
from assistant.embeddings import build_embedder
from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow


def test_lint_with_e5_passes_the_conforming_draft_and_flags_an_unrelated_section() -> None:
    embedder = build_embedder("e5")
    assert embedder.spec in EMBEDDING_THRESHOLDS
    drafter = Drafter(PROJECT_ROOT / "corpus", embedder=lambda: embedder)
    assert drafter.lint(HENAN_CONFORMING, "henan-2020", "enterprise", facts=HENAN_FACTS).findings == []
    unrelated = HENAN_CONFORMING.replace(
        "公司运用供应链协同平台，对上游供应商实施集中采购和供应商管理库存，推行精益供应链模式，为客户提供订单管理、物料配送、仓储库存等供应链服务。",
        "公司重视人才培养，每年组织员工参加技能培训。",
    )
    report = drafter.lint(unrelated, "henan-2020", "enterprise", facts=HENAN_FACTS)
    assert [f.kind for f in report.findings] == ["requirement_unaddressed"]
    assert report.findings[0].section == "（二）服务内容"
