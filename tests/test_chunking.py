"""Structure parsing and clause-aware chunking on the real notices."""

from __future__ import annotations

import itertools

from assistant.chunking import Chunk, chunk_notice
from assistant.corpus import Notice
from assistant.structure import heading_rank, parse_units

MAX = 420


def _attachments(chunks: list[Chunk]) -> list[str]:
    seen: list[str] = []
    for c in chunks:
        if c.section and c.section[0].startswith("附件") and c.section[0] != "附件" and c.section[0] not in seen:
            seen.append(c.section[0])
    return seen


def test_every_chunk_is_an_exact_slice(notices: dict[str, Notice], chunks: dict[str, list[Chunk]]) -> None:
    total = 0
    for nid, notice in notices.items():
        for c in chunks[nid]:
            assert c.text == notice.text[c.start : c.end]
            assert c.notice_id == nid and c.text.strip("\n ") == c.text
            total += 1
    assert total > 100


def test_chunks_cover_the_text_in_order_without_overlap(chunks: dict[str, list[Chunk]]) -> None:
    for items in chunks.values():
        for a, b in itertools.pairwise(items):
            assert a.end <= b.start


def test_nothing_of_substance_is_left_out(notices: dict[str, Notice], chunks: dict[str, list[Chunk]]) -> None:
    for nid, notice in notices.items():
        covered = [False] * len(notice.text)
        for c in chunks[nid]:
            covered[c.start : c.end] = [True] * (c.end - c.start)
        left = "".join(ch for ch, cov in zip(notice.text, covered, strict=True) if not cov)
        assert left.strip() == "", (nid, left[:80])


def test_size_bound(chunks: dict[str, list[Chunk]]) -> None:
    for items in chunks.values():
        for c in items:
            assert len(c.text) <= MAX or "。" not in c.text[:MAX], (c.section_text, len(c.text))


def test_attachments_split_documents(chunks: dict[str, list[Chunk]]) -> None:
    assert [a.split()[0] for a in _attachments(chunks["henan-2020"])] == ["附件1", "附件2", "附件3", "附件4"]
    assert [a.split()[0] for a in _attachments(chunks["shanxi-2021"])] == ["附件1", "附件2", "附件3"]
    # miit-2023 names 附件1–2, but their text is not in the notice: no attachment sections.
    assert _attachments(chunks["miit-2023"]) == []
    assert any(c.section == ["附件"] and "服务型制造示范遴选申报书" in c.text for c in chunks["miit-2023"])


def test_no_chunk_crosses_an_attachment_boundary(notices: dict[str, Notice], chunks: dict[str, list[Chunk]]) -> None:
    for nid in ("henan-2020", "shanxi-2021"):
        text = notices[nid].text
        markers = [text.index(m) + 1 for m in ("\n附件 2\n", "\n附件 3\n")]
        for c in chunks[nid]:
            for m in markers:
                assert not (c.start < m < c.end), (nid, c.section_text)


def test_section_paths(chunks: dict[str, list[Chunk]]) -> None:
    henan = {c.section_text: c for c in chunks["henan-2020"]}
    assert "三、申报条件 > （二）示范企业专项条件 > 2." in henan
    assert "正常经营两年以上" in henan["三、申报条件 > （二）示范企业专项条件 > 2."].text
    custom = next(c for c in chunks["henan-2020"] if "定制服务收入占总收入比例达到30%左右" in c.text)
    assert custom.section_text.startswith(
        "附件1 河南省服务型制造示范遴选基本条件 > 一、示范企业基本模式 > （四）基于互联网的个性化定制服务"
    )
    registered = next(c for c in chunks["baotou"] if "（一）包头市内依法注册的制造企业" in c.text)
    assert registered.section[-2:] == ["第二章包头市级服务型制造示范企业基本条件", "第六条"]
    assert registered.text.startswith("第六条")  # the article's lead-in stays with its items


def test_heading_kept_with_its_body(chunks: dict[str, list[Chunk]]) -> None:
    for items in chunks.values():
        for c, nxt in itertools.pairwise(items):
            last = c.text.splitlines()[-1].strip()
            rank = heading_rank(last)
            if rank is None or len(c.text.splitlines()) == 1:
                continue
            # The body of a heading that ends a chunk never starts the next chunk.
            assert not any(label and last.startswith(label) and len(nxt.section) > 1 for label in nxt.section[-1:]), (
                c.section_text, last, nxt.section_text)


def test_outline_chunks(chunks: dict[str, list[Chunk]]) -> None:
    outline = [c for c in chunks["henan-2020"] if c.kind == "outline"]
    forms = {c.section[1] for c in outline}
    assert forms == {"服务型制造示范企业申报书正文（参考提纲）", "服务型制造示范平台申报书正文（参考提纲）"}
    assert any("（二）服务内容" in c.text for c in outline)
    shanxi_forms = {c.section[1] for c in chunks["shanxi-2021"] if c.kind == "outline"}
    assert len(shanxi_forms) == 4  # enterprise, project, platform, city
    assert not any(c.kind == "outline" for c in chunks["miit-2023"] + chunks["baotou"])


def test_tables_are_their_own_chunks_with_title(chunks: dict[str, list[Chunk]]) -> None:
    tables = [c for c in chunks["henan-2020"] if c.kind == "table"]
    assert any(c.text.startswith("河南省服务型制造示范遴选申报汇总表") for c in tables)
    assert any(c.text.startswith("服务型制造示范企业申报表") for c in tables)
    for c in tables:
        assert "\t" in c.text


def test_cross_references_and_inline_numbers_are_not_headings() -> None:
    text = (
        "一、申报条件\n\n（一）共性条件\n\n1.申报单位应符合“基本条件”（附件1）明确的要求，"
        "2019年1月1日以后未发生事故。\n\n2.截至申报日须正常经营两年以上。\n"
        "附件1的要求见下文，1.5倍以上。\n"
    )
    units = parse_units(text)
    labels = [u.path[-1] for u in units]
    assert labels == ["一、申报条件", "（一）共性条件", "1.", "2."]  # the trailing line joins clause 2.
    assert heading_rank("1.5倍以上") is None
    assert heading_rank("2019年1月1日以后") is None
    assert heading_rank("（附件1）明确") is None


def test_tiny_siblings_merge_and_long_clauses_split() -> None:
    items = "\n".join(f"（{n}）第{n}项材料；" for n in "一二三四五六")
    long = "。".join(["申报单位应当提供详细的证明材料并说明理由"] * 40) + "。"
    text = f"第一条 申报需提交下列材料：\n{items}\n第二条 {long}\n"
    result = chunk_notice("t", text, max_chars=200, min_chars=60)
    assert result[0].text.startswith("第一条") and "（六）" in result[0].text
    second = [c for c in result if c.section[-1] == "第二条"]
    assert len(second) > 3 and all(len(c.text) <= 200 for c in second)
    assert all(c.text.endswith("。") for c in second)
