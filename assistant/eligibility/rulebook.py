"""Every notice's rule pack: the hand-written one when `corpus/<id>/rules.yaml` exists (reviewed),
else one drafted from the notice's own condition clauses (unreviewed), with the conditions of the
notice it forwards added after its own.

A `RuleBook` is built once per process over the corpus folder and the indexed notices (any object
with `notice_ids` and `notice(id)`: the index, or `StoredNotices` for the CLI) and caches each
drafted pack by the notices' content hashes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from ..citations import SECTION_SEP
from ..corpus import Notice, load_corpus_notice
from ..errors import ShenbaoError, UnknownNoticeError
from ..metadata import application_deadline
from .engine import RulePack, _defaults, load_pack, make_plans, rank_key
from .extract import draft_pack
from .models import Result
from .pack import RULES_FILE, CompiledRule, category_list, compile_rules, pack_notice_ids, spec_modes
from .profile import Profile, parse_profile

PARENT_PREFIX = "parent_"


class NoticeSource(Protocol):
    @property
    def notice_ids(self) -> list[str]: ...

    def notice(self, notice_id: str) -> Notice: ...


class NoConditionsError(ShenbaoError):
    """The notice states no conditions of its own and forwards none."""


class RuleBook:
    def __init__(self, corpus_dir: Path, notices: NoticeSource | None = None) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.notices = notices
        self._drafted: dict[tuple[str, str], RulePack | None] = {}
        self._corpus: dict[str, Notice] = {}

    # --- which notices ---------------------------------------------------------------------------
    def _hand_written(self, notice_id: str) -> bool:
        return (self.corpus_dir / notice_id / RULES_FILE).is_file()

    def _indexed(self) -> list[str]:
        """The indexed notices, then corpus folders not (yet) indexed."""
        ids = list(self.notices.notice_ids) if self.notices is not None else []
        if self.corpus_dir.is_dir():
            ids += sorted(p.name for p in self.corpus_dir.iterdir()
                          if p.is_dir() and not p.name.startswith(".") and p.name not in ids)
        return ids

    def known(self, notice_id: str) -> bool:
        return self._hand_written(notice_id) or notice_id in self._indexed()

    def notice_ids(self) -> list[str]:
        """Every notice with a pack (hand-written or drafted), in id order."""
        hand = pack_notice_ids(self.corpus_dir) if self.corpus_dir.is_dir() else []
        drafted = [n for n in self._indexed() if n not in hand and self._drafted_pack(n) is not None]
        return sorted({*hand, *drafted})

    def without_conditions(self) -> list[str]:
        """Indexed notices that state no conditions (nor forward a notice that does)."""
        return [n for n in self._indexed() if not self._hand_written(n) and self._drafted_pack(n) is None]

    def rules_status(self, notice_id: str) -> str:
        """reviewed (a hand-written rules.yaml) | drafted (read from the notice's text) | none."""
        if self._hand_written(notice_id):
            return "reviewed"
        return "drafted" if self.has_pack(notice_id) else "none"

    def has_pack(self, notice_id: str) -> bool:
        if self._hand_written(notice_id):
            return True
        return notice_id in self._indexed() and self._drafted_pack(notice_id) is not None

    # --- packs ------------------------------------------------------------------------------------
    def pack(self, notice_id: str) -> RulePack:
        """The notice's pack; NoConditionsError when it states no conditions (nor does its parent)."""
        if self._hand_written(notice_id):
            return load_pack(self.corpus_dir, notice_id)
        if notice_id not in self._indexed():
            raise UnknownNoticeError(f"unknown notice '{notice_id}'")
        pack = self._drafted_pack(notice_id)
        if pack is None:
            title = self.notice(notice_id).meta.title
            raise NoConditionsError(f"《{title}》的现有文本没有写明申报条件（也没有转发写明条件的上级通知），无法逐条判断")
        return pack

    def notice(self, notice_id: str) -> Notice:
        """The notice (from the index, else its corpus folder)."""
        if self.notices is not None and notice_id in self.notices.notice_ids:
            return self.notices.notice(notice_id)
        if notice_id not in self._corpus:
            self._corpus[notice_id] = load_corpus_notice(self.corpus_dir, notice_id)
        return self._corpus[notice_id]

    def _drafted_pack(self, notice_id: str) -> RulePack | None:
        notice = self.notice(notice_id)
        parent_id = notice.meta.parent
        parent_hash = ""
        if parent_id and parent_id in self._indexed():
            parent_hash = self.notice(parent_id).content_hash
        key = (notice_id, notice.content_hash + parent_hash)
        if key not in self._drafted:
            self._drafted[key] = self._build(notice)
        return self._drafted[key]

    def _own_rules(self, notice: Notice) -> tuple[list[CompiledRule], tuple[str, ...]]:
        draft = draft_pack(notice)
        if draft is None or draft.read == 0:
            return [], ()
        folder = Path(notice.folder) / RULES_FILE
        rules = [_cite_clause(notice, r) for r in compile_rules(draft.spec, notice, folder, reviewed=False, chunks=draft.chunks)]
        return rules, spec_modes(draft.spec)

    def _parent(self, notice: Notice) -> RulePack | None:
        parent_id = notice.meta.parent
        if not parent_id or parent_id == notice.id:
            return None
        try:
            return self.pack(parent_id)
        except ShenbaoError:
            return None

    def _build(self, notice: Notice) -> RulePack | None:
        own, own_modes = self._own_rules(notice)
        parent = self._parent(notice)
        inherited = list(parent.rules) if parent else []
        parent_offered = parent.offered if parent else frozenset()
        if not own and not inherited:
            return None
        offered = frozenset(notice.meta.categories) or parent_offered
        keys = {_rule_key(r) for r in own}
        merged = own + [replace(r, id=PARENT_PREFIX + r.id) for r in inherited
                        if _rule_key(r) not in keys and not (r.id == "category_offered" and _has_gate(own))]
        rules = tuple(merged)
        return RulePack(
            notice_id=notice.id,
            title=notice.meta.title,
            doc_no=notice.meta.doc_no,
            offered=offered,
            deadline=application_deadline(notice.meta),
            mode_aliases={},
            rules=rules,
            offered_text=category_list(offered),
            plans=make_plans(rules, offered),
            mode_names=tuple(dict.fromkeys(own_modes + (parent.mode_names if parent else ()))),
            reviewed=False,
        )

    # --- checks -----------------------------------------------------------------------------------
    def check(self, notice_id: str, profile: Profile | dict[str, Any], as_of: date | str | None = None, *,
              today: date | None = None) -> Result:
        _, day = _defaults(self.corpus_dir, today)
        return self.pack(notice_id).evaluate(profile, as_of, today=day)

    def check_all(self, profile: Profile | dict[str, Any], as_of: date | str | None = None, *,
                  today: date | None = None) -> list[Result]:
        """Every notice with a pack, best match first."""
        _, day = _defaults(self.corpus_dir, today)
        parsed = parse_profile(profile)
        results = [self.pack(nid).evaluate(parsed, as_of, today=day) for nid in self.notice_ids()]
        if not results:
            raise ShenbaoError("没有任何通知写明了可判断的申报条件")
        return sorted(results, key=rank_key)


def _cite_clause(notice: Notice, rule: CompiledRule) -> CompiledRule:
    """Name the clause a quote stands in (its heading path) where the chunk it was verified in spans
    several clauses and so carries only their common, shorter path."""
    clause = notice.tree().at(rule.citation.start)
    if clause is None:
        return rule
    path = SECTION_SEP.join(clause.path)
    if len(path) <= len(rule.citation.section) or not path.startswith(rule.citation.section):
        return rule
    return replace(rule, citation=rule.citation.model_copy(update={"section": path}))


def _rule_key(rule: CompiledRule) -> tuple[Any, ...]:
    return (rule.key, rule.categories)


def _has_gate(rules: list[CompiledRule]) -> bool:
    return any(r.id == "category_offered" for r in rules)


class NoticeShelf:
    """Notices held in memory (tests, evaluation): the `NoticeSource` of a few loaded notices."""

    def __init__(self, notices: list[Notice]) -> None:
        self._by_id = {n.id: n for n in notices}

    @property
    def notice_ids(self) -> list[str]:
        return list(self._by_id)

    def notice(self, notice_id: str) -> Notice:
        if notice_id not in self._by_id:
            raise UnknownNoticeError(f"unknown notice '{notice_id}'")
        return self._by_id[notice_id]
