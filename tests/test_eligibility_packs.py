"""Rule packs: every quote is verbatim at its cited section; malformed packs never load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assistant.citations import make_citation, under_section
from assistant.corpus import chunks_for, load_corpus_notice
from assistant.eligibility import load_pack
from assistant.eligibility.conditions import Qualitative
from assistant.eligibility.pack import read_pack_spec
from assistant.errors import ShenbaoError
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
PACKS = ["henan-2020", "shanxi-2021", "miit-2023", "baotou"]


def _rules(notice_id: str) -> list[dict]:
    return yaml.safe_load((CORPUS / notice_id / "rules.yaml").read_text("utf-8"))["rules"]


def test_every_notice_with_conditions_has_a_pack() -> None:
    have = sorted(p.parent.name for p in CORPUS.glob("*/rules.yaml"))
    assert have == sorted(PACKS)


@pytest.mark.parametrize("notice_id", PACKS)
def test_every_quote_is_verbatim_at_its_cited_section(notice_id: str) -> None:
    """A rule whose quote drifts from the cleaned corpus text fails the build."""
    notice = load_corpus_notice(CORPUS, notice_id)
    chunks = chunks_for(notice)
    for n, rule in enumerate(_rules(notice_id), start=1):
        quote, section = rule["citation"]["quote"], rule["citation"]["section"]
        citation = make_citation(notice, chunks, quote, section, n=n)
        assert notice.text[citation.start : citation.end] == quote, rule["id"]
        holder = [c for c in chunks if c.start <= citation.start and citation.end <= c.end]
        assert holder and any(under_section(c, section) for c in holder), rule["id"]
        assert citation.notice_id == notice_id and citation.title == notice.meta.title


@pytest.mark.parametrize("notice_id", PACKS)
def test_pack_compiles_with_verified_citations(notice_id: str) -> None:
    pack = load_pack(CORPUS, notice_id)
    notice = load_corpus_notice(CORPUS, notice_id)
    assert len(pack.rules) == len(_rules(notice_id))
    for rule in pack.rules:
        assert notice.text[rule.citation.start : rule.citation.end] == rule.citation.quote
    assert [r.id for r in pack.rules].count("category_offered") == 1


@pytest.mark.parametrize("notice_id", PACKS)
def test_qualitative_conditions_are_guidance_only(notice_id: str) -> None:
    spec = read_pack_spec(CORPUS / notice_id)
    for rule in spec.rules:
        if isinstance(rule.condition, Qualitative):
            assert rule.strength == "guidance", rule.id
            assert rule.fields == [] or rule.applies_when is not None, rule.id


def _copy_pack(tmp_path: Path, notice_id: str) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / notice_id, corpus / notice_id)
    return corpus


def _edit(corpus: Path, notice_id: str, old: str, new: str) -> None:
    path = corpus / notice_id / "rules.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("quote: 申报对象为地级市", "quote: 申报对象为县级市", "找不到"),
        ("section: 四、示范城市（培育）申报条件\n      quote: 申报对象为地级市",
         "section: 一、总体安排\n      quote: 申报对象为地级市", "不在章节"),
        ("fields: [is_prefecture_level_city]", "fields: [registered_city]", "differ"),
        ("{op: is_true, field: is_prefecture_level_city}", "{op: is_true, field: population}", "规则不合法"),
        ("{op: is_true, field: is_prefecture_level_city}", "{op: eval, expr: 'True'}", "规则不合法"),
        ("pass: 申报城市为地级市。", "pass: 申报城市为{county}。", "placeholder"),
    ],
)
def test_broken_pack_does_not_load(tmp_path: Path, old: str, new: str, message: str) -> None:
    corpus = _copy_pack(tmp_path, "shanxi-2021")
    _edit(corpus, "shanxi-2021", old, new)
    with pytest.raises(ShenbaoError, match=message):
        load_pack(corpus, "shanxi-2021")


def test_qualitative_rule_cannot_be_hard(tmp_path: Path) -> None:
    corpus = _copy_pack(tmp_path, "baotou")
    _edit(corpus, "baotou", "    strength: guidance\n    condition: {op: qualitative}",
          "    strength: hard\n    condition: {op: qualitative}")
    with pytest.raises(ShenbaoError, match="never hard"):
        load_pack(corpus, "baotou")


def test_rule_for_a_category_the_notice_does_not_offer_is_refused(tmp_path: Path) -> None:
    corpus = _copy_pack(tmp_path, "baotou")
    _edit(corpus, "baotou", "    categories: [enterprise]\n    fields: [is_manufacturer]",
          "    categories: [platform]\n    fields: [is_manufacturer]")
    with pytest.raises(ShenbaoError, match="未设置的类别"):
        load_pack(corpus, "baotou")


def test_duplicate_rule_ids_are_refused(tmp_path: Path) -> None:
    corpus = _copy_pack(tmp_path, "baotou")
    _edit(corpus, "baotou", "  - id: is_manufacturer", "  - id: operating_two_years")
    with pytest.raises(ShenbaoError, match="重复"):
        load_pack(corpus, "baotou")


def test_missing_pack_and_unknown_notice(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "henan-basic-modes", corpus / "henan-basic-modes")
    with pytest.raises(ShenbaoError, match="没有申报条件规则"):
        load_pack(corpus, "henan-basic-modes")
    with pytest.raises(ShenbaoError, match="unknown notice"):
        load_pack(corpus, "no-such-notice")


def test_pack_is_recompiled_when_the_file_changes(tmp_path: Path) -> None:
    corpus = _copy_pack(tmp_path, "baotou")
    first = load_pack(corpus, "baotou")
    assert load_pack(corpus, "baotou") is first
    _edit(corpus, "baotou", "label: 须为制造企业", "label: 须为制造业企业")
    second = load_pack(corpus, "baotou")
    assert second is not first
    assert any(r.label == "须为制造业企业" for r in second.rules)
