"""Answer one question: scope → retrieve → pick sentences → abstain or compose, with verified citations.

The embedded default composes the answer from the clauses themselves (extractive); an LLM, when
configured, may rewrite it, and its output is checked against the same clauses (`llm.py`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..answer_types import expected_types, has_answer
from ..citations import Citation, make_citation
from ..clauses import Clause
from ..corpus import Notice
from ..errors import ShenbaoError
from ..scope import Scope, named_by_title, named_kinds, quoted_titles
from ..services import Services
from ..vocabulary import (
    LIST_REFERENCE,
    NEWS_REFERENCE,
)
from .abstention import FAR_FROM_CLAUSES, Abstention
from .choice import COMPARE, NoticeChoice, names_several
from .clause_lists import (
    titled_item,
    whole_items,
)
from .compose import (
    abstain_text,
    compose_clause,
    compose_list,
    compose_multi,
    compose_single,
    notice_name,
    side_by_side_head,
)
from .composite import PART_END, carry_round, merge_parts, separate_parts
from .deadlines import deadline_note
from .evidence import Evidence
from .lead import asked_types, direct_lead, is_list_question
from .list_answer import list_blocks, outside_best, with_the_list
from .lists import LIST_CUE, expand_lists
from .models import AskResult
from .notice_facts import (
    addressee_answer,
    asks_addressees,
    asks_attachments,
    asks_issue_date,
    asks_issuer,
    attachments_answer,
    issue_date_answer,
    issuer_answer,
    unstated,
    unstated_reason,
)
from .sentences import Sentence, SentenceScorer, split_sentences
from .tuning import TUNING


class Answerer:
    """Built once (it holds the retriever through `services`), then asked many questions."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.retriever = services.retriever
        self.index = services.index
        self.scorer = SentenceScorer(self.index.chunks)
        self._titles = {n: self.index.notice(n).meta.title for n in self.index.notice_ids}
        self.choice = NoticeChoice(self.index, self._titles)
        configured = services.settings.off_topic_similarity
        spec = services.embedder.spec
        self.abstention = Abstention.over(
            self.index, self._titles, self.scorer,
            TUNING.off_topic_similarity.get(spec) if configured is None else configured,
            TUNING.on_topic_similarity.get(spec))
        self._chunks_by_notice: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
        for chunk in self.index.chunks:
            self._chunks_by_notice[chunk.notice_id].append(chunk)

    @property
    def off_topic_similarity(self) -> float | None:
        return self.abstention.off_topic_similarity

    @property
    def uncovered_topics(self) -> list[str]:
        return self.abstention.uncovered_topics

    def notice(self, notice_id: str) -> Notice:
        return self.index.notice(notice_id)

    # --- evidence -------------------------------------------------------------------------

    def gather(self, question: str, scope_ids: list[str] | None = None, only: list[str] | None = None,
               scope: Scope | None = None) -> Evidence:
        """The evidence for a question: its scope, the retrieved chunks and their ranked sentences.
        `only` answers from those notices whatever the question names (one notice of a side-by-side
        answer); `scope`, when given, is the question's scope already detected."""
        scope = scope or self.retriever.scope(question)
        if only:
            ev = self._evidence(question, scope, list(only), [], reported=False)
            ev.side = True
            return ev
        # the conversation's notices, unless the question names others (a bare "市工信局" does not)
        notice_ids = scope_ids if scope_ids and not scope.names_notices else scope.notice_ids
        # named by a quoted title: that notice too, whatever its place or level (a page without either
        # is still the one meant); named by its title words ("基本模式"): that notice too when it is of
        # a place the question names (not a national notice for "惠州…评估评价"). The title then
        # decides between them (`_by_notice`).
        titled = named_by_title(question, self._titles)
        places = [*scope.provinces, *scope.cities]
        if not titled and places and (kinds := named_kinds(question)):
            # "广东省…申报指南和东莞2022年…": a place's document named by its kind (its title words are
            # all generic), whatever year the rest of the question names
            titled = [n for n in self.index.notice_ids
                      if any(k in self._titles[n] for k in kinds) and self.choice.names_place(n, places)
                      and self.choice.of_years(n, scope.program_years)]
        named = quoted_titles(question, self._titles) or [
            n for n in titled
            if not scope.provinces or any(p in (self.notice(n).meta.region or "") for p in scope.provinces)]
        notice_ids = [*notice_ids, *(n for n in named if n not in notice_ids)]
        reports = [n for n in notice_ids if self.notice(n).meta.genre == "news"]
        reported = NEWS_REFERENCE.search(question) is not None and bool(reports)
        if reported:  # "泉州那篇报道说…": the report, not the notice it retells
            notice_ids = reports
        lists = [n for n in notice_ids if self.notice(n).meta.genre == "list"]
        if lists and LIST_REFERENCE.search(question):  # "第四批名单哪天公布的": the list announcements
            notice_ids = lists
        return self._evidence(question, scope, notice_ids, titled, reported)

    def _evidence(self, question: str, scope: Scope, notice_ids: list[str], titled: list[str],
                  reported: bool) -> Evidence:
        scope = scope.model_copy(update={"notice_ids": notice_ids})
        if len(notice_ids) > 1 and (names_several(scope, question) or self.choice.names_rounds(scope)
                                    or COMPARE.search(question)):
            # "河南2020和山西2021分别…": each named notice gets its own retrieval.
            hits = [h for n in notice_ids for h in self.retriever.search(question, k=4, filters={"notice_id": [n]})]
        else:
            filters = {"notice_id": notice_ids} if notice_ids else {"notice_id": ["\0none"]}
            hits = self.retriever.search(question, k=TUNING.retrieve_k, filters=filters)
        sentences = [s for rank, hit in enumerate(hits) for s in split_sentences(hit.chunk, rank)]
        types = asked_types(question)
        ranked = self.scorer.score(question, sentences, types)
        news = {n for n in {s.notice_id for s in ranked} if self.notice(n).meta.genre == "news"}
        if news and not reported:  # a news report retells a notice: the notice itself answers first when both do
            for s in ranked:
                if s.notice_id in news:
                    s.score *= TUNING.news_prior
            ranked.sort(key=lambda s: -s.score)
        local = self.choice.local_notices(scope, notice_ids, question)
        if local and len(local) < len({s.notice_id for s in ranked}):
            # "东湖高新区申报第五批省级示范…": the named district's own notice organises that round there;
            # "厦门…国家级和省级示范有多少": a city named with the national level, its own documents first
            for s in ranked:
                if s.notice_id not in local:
                    s.score *= TUNING.local_prior
            ranked.sort(key=lambda s: -s.score)
        return Evidence(question, scope, hits, ranked, types, titled, reported)

    def _each_notice(self, question: str, scope_ids: list[str] | None, notice_ids: list[str],
                     scope: Scope) -> AskResult | None:
        """Several notices side by side, each answered as if asked about it alone (its own retrieval,
        lead and clauses), under its name; None when one of them would not answer (the caller then
        quotes each notice's best sentences)."""
        answered = [(n, self._answer(question, scope_ids, only=[n], scope=scope)) for n in notice_ids]
        if any(r.abstained or r.notices != [n] for n, r in answered):
            return None
        head = side_by_side_head(" ".join(c.quote for c in r.citations) for _, r in answered)
        parts = []
        for n, r in answered:
            name = notice_name(self.notice(n).meta)
            body = r.answer.replace(f"根据{name}：\n", "", 1)
            parts.append((name, r.model_copy(update={"answer": body})))
        merged = merge_parts(question, parts)
        return merged.model_copy(update={"answer": f"{head}\n{merged.answer}"})

    def abstain_reason(self, ev: Evidence) -> str | None:
        return self.abstention.reason(ev)

    # --- answer ---------------------------------------------------------------------------

    def ask(self, question: str, scope_ids: list[str] | None = None) -> AskResult:
        question = question.strip()
        if not question:
            raise ShenbaoError("问题为空 (the question is empty)")
        limit = self.services.settings.max_message_chars
        if len(question) > limit:
            raise ShenbaoError(f"问题太长（{len(question)} 字，上限 {limit} 字）")
        parts = separate_parts(question, self._read_part, COMPARE)
        if parts:  # two questions about different notices: each answered on its own
            return merge_parts(question, [(part, self._answer(asked, scope_ids))
                                          for part, asked in zip(parts, carry_round(parts), strict=True)])
        return self._answer(question, scope_ids)

    def _read_part(self, text: str) -> tuple[frozenset[str], bool]:
        """The notices a part of a message names (by place, year, 文号 or title words; empty when
        none), and whether it names a place or a year of its own."""
        scope = self.retriever.scope(text)
        anchored = bool(scope.provinces or scope.cities or scope.program_years or scope.doc_numbers)
        if scope.names_notices:
            return frozenset(scope.notice_ids), anchored
        return frozenset(named_by_title(text, self._titles)), anchored

    def _answer(self, question: str, scope_ids: list[str] | None, only: list[str] | None = None,
                scope: Scope | None = None) -> AskResult:
        ev = self.gather(question, scope_ids, only, scope)
        reason = self.abstain_reason(ev)
        if reason and not (reason in FAR_FROM_CLAUSES and ev.scope.detected):
            return self._abstain(ev, reason)
        focus = self.choice.focus(ev)
        # the notices the question is about: when none of them states the kind of fact it asks
        # for (a partial notice without its contacts), say so rather than quote something else
        asked_about = [focus] if focus else (ev.scope.notice_ids if ev.scope.detected else [])
        missing = {unstated(question, ev.types, self.notice(n)) for n in asked_about}
        unstated_note = None
        if asked_about and len(missing) == 1 and (labels := missing.pop()):
            best = focus or (ev.ranked[0].notice_id if ev.ranked else asked_about[0])
            unstated_note = unstated_reason(labels, self.notice(best))
            # a composite question ("…有什么要求？…最多推荐几个？") whose other parts may be stated
            # is answered, with what is missing said at the end
            if reason or len([part for part in PART_END.split(question) if part.strip()]) <= len(labels):
                return self._abstain(ev, unstated_note, best)
        if reason:  # far from every clause, and no aspect it asks about found missing: said as such
            return self._abstain(ev, reason)
        about = focus or (ev.ranked[0].notice_id if ev.ranked else None)
        groups = self._by_notice(ev)
        # several notices side by side ("第四批、第五批名单分别哪天发的"): each answers for itself
        targets = list(groups) if len(groups) > 1 else [about] if about else []
        for asks, write in ((asks_addressees, addressee_answer), (asks_issue_date, issue_date_answer),
                            (asks_issuer, issuer_answer), (asks_attachments, attachments_answer)):
            if not targets or not asks(question):
                continue
            citations: list[Citation] = []
            written = {n: text for n in targets if (text := write(self.notice(n), citations, self._cite_span))}
            if written:  # a fact about the notice as a document: its header or closing line answers
                return AskResult(answer="\n".join(written.values()), citations=citations, abstained=False,
                                 notices=list(written), deadline_notes=[], query=question, writer="extractive")
        blocks = (list_blocks(ev, list(groups), self.notice, self.scorer)
                  if is_list_question(question, ev.types) else {})
        if len(groups) > 1 and blocks and not self.choice.names_rounds(ev.scope):
            # (unless the question names each round: "广东2020年和2024年…各分哪几类")
            groups = with_the_list(groups, blocks, self.notice)
        citations = []
        lead = direct_lead(ev, self._cite, citations, next(iter(groups))) if len(groups) == 1 else ""
        lead_spans = [(c.start, c.end) for c in citations]
        if len(groups) > 1 and not blocks and (each := self._each_notice(question, scope_ids, list(groups), ev.scope)):
            return each
        if len(groups) > 1:
            answer = compose_multi(groups, self.notice, citations, self._cite, blocks, self._cite_span)
        else:
            (notice_id, sentences), = groups.items()
            # a sentence the lead already quotes whole is not quoted a second time
            unquoted = [s for s in sentences if not _quoted_whole(s, lead_spans)]
            notice = self.notice(notice_id)
            if notice_id in blocks:
                answer = compose_list(notice, blocks[notice_id], citations, self._cite_span, ev.scope.categories,
                                      outside_best(ev, notice, blocks[notice_id], self.scorer), self._cite)
            else:
                clause = self._titled_item(ev, notice)
                whole = compose_clause(notice, clause.start, clause.span_end, citations, self._cite_span) if clause else None
                if clause is not None and whole is not None:  # the named clause whole, with the other sentences picked
                    others = [s for s in unquoted if not clause.start <= s.start < clause.span_end]
                    others = whole_items(notice.tree(), others, TUNING.whole_item_chars)
                    answer = whole
                    if others:
                        rest = compose_single(notice, others, citations, self._cite)
                        answer += "\n" + rest.split("\n", 1)[1]
                else:
                    sentences = whole_items(notice.tree(), unquoted or sentences, TUNING.whole_item_chars)
                    answer = compose_single(notice, sentences, citations, self._cite)
        if lead:
            answer = lead + "\n" + answer
        notices = list(groups)
        writer_name = "extractive"
        writer = self.services.llm_writer
        if writer is not None:
            written = writer.write(question, citations)
            if written:
                used = {int(n) for n in re.findall(r"\[(\d+)\]", written)}
                answer, writer_name = written, "llm"
                citations = [c for c in citations if c.n in used]
                notices = [n for n in notices if any(c.notice_id == n for c in citations)]
        today = self.services.settings.clock()
        per_notice = [(meta, deadline_note(meta, today)) for meta in (self.notice(n).meta for n in notices)]
        notes = [note for _, note in per_notice if note]
        # that a standing measure sets no deadline is said when the question is about time
        shown = [note for meta, note in per_notice if note and (meta.status != "standing" or "deadline" in ev.types)]
        if unstated_note:
            shown = [*shown, f"{unstated_note}。"]
        if shown:
            answer += "\n" + "\n".join(f"提示：{note}" for note in shown)
        return AskResult(
            answer=answer, citations=citations, abstained=False, notices=notices,
            deadline_notes=notes, query=question, writer=writer_name,
        )

    def _titled_item(self, ev: Evidence, notice: Notice) -> Clause | None:
        """The clause the question names by title around one of its best sentences, when short enough to
        quote whole ("示范平台是什么样的平台": the best sentence may lie elsewhere, e.g. 申报类别)."""
        tree = notice.tree()
        own = [s for s in ev.ranked if s.notice_id == notice.id][: TUNING.titled_item_seeds]
        for sentence in own:
            seed = tree.at(sentence.start)
            clause = titled_item(tree, seed, ev.question) if seed else None
            if clause is not None and clause.span_end - clause.start <= TUNING.titled_item_chars:
                return clause
        return None

    def _by_notice(self, ev: Evidence) -> dict[str, list[Sentence]]:
        """The sentences to quote, per notice: one notice, or several side by side when the question
        does not settle which notice applies and several answer it well."""
        best = ev.ranked[0]
        per_notice: dict[str, list[Sentence]] = defaultdict(list)
        for s in ev.ranked:
            per_notice[s.notice_id].append(s)
        chosen = [best.notice_id]
        titled = [n for n in ev.titled if n in per_notice]
        if names_several(ev.scope, ev.question) or self.choice.names_rounds(ev.scope):
            # each named notice side by side; a news report (it retells one) only when it is about a place
            # the question names ("湖南…第四批国家…": the report on Hunan's results, not every national report)
            chosen += [n for n in ev.scope.notice_ids if n in per_notice and n not in chosen
                       and (self.notice(n).meta.genre != "news" or ev.reported or self.choice.names_place(n, [*ev.scope.provinces, *ev.scope.cities, *ev.scope.districts]))]
        elif (quoted := [n for n in quoted_titles(ev.question, self._titles) or self.choice.kind_named(ev.question, titled)
                         if n in per_notice]) and len(quoted) == 1 and not (ev.scope.program_years or ev.scope.doc_numbers):
            # "按《…申报指南》，珠三角和其他地区一样吗", "看广东省的申报指南，…分别是多少": the one document named
            # by its quoted title or its kind compares within itself, unless the question names another by
            # its year or 文号 ("河南2020年…跟《…》分别"); title words shared by two documents do not
            # ("有几种基本模式？两份文件列的一样吗")
            chosen = quoted
        elif COMPARE.search(ev.question) and len(ev.scope.notice_ids) > 1:
            # "两份文件一样吗": every notice the question named answers; with none named, those that cover it
            floor = 0.0 if ev.scope.detected else TUNING.min_coverage
            chosen += [n for n, ss in per_notice.items() if n not in chosen and ss[0].coverage >= floor]
        elif titled:  # the question names the notice(s) by their titles: those answer
            # ...and the round a year names, when the documents named by title words are of no known year
            # ("河南2020年那次…有哪几种基本模式": the 2020 call, beside the undated 基本模式 document)
            dated = [n for n in per_notice if n not in titled and self.choice.of_round_year(n, ev.scope.program_years)]
            undated = all(not self.choice.of_round_year(n, ev.scope.program_years) for n in titled)
            chosen = [*dated, *titled] if ev.scope.program_years and dated and undated else titled
        elif len(ev.scope.notice_ids) > 1:
            for notice_id, sentences in per_notice.items():
                top = sentences[0]
                if notice_id not in chosen and top.score >= TUNING.multi_ratio * best.score and top.coverage >= TUNING.min_coverage:
                    chosen.append(notice_id)
        limit = TUNING.single_sentences if len(chosen) == 1 else TUNING.multi_sentences
        return {
            n: expand_lists(self._answer_parts(ev, _pick(per_notice[n], limit, ev.types), per_notice[n]),
                            self._chunks_by_notice[n], LIST_CUE.search(ev.question) is not None)
            for n in chosen
        }

    def _answer_parts(self, ev: Evidence, picked: list[Sentence], candidates: list[Sentence]) -> list[Sentence]:
        """A question in several parts ("要附什么？财务报表给几年的？") gets the best sentence for each
        part, so the second part is not crowded out by the first."""
        parts = [p for p in PART_END.split(ev.question) if len(p.strip()) >= 4]
        if len(parts) < 2:
            return picked
        out = list(picked)
        for part in parts:
            types = expected_types(part)

            def fit(s: Sentence, part: str = part, types: list[str] = types) -> float:
                where = f"{s.text} {' '.join(s.chunk.section)}"
                return self.scorer.coverage(part, where) + (0.35 if types and has_answer(s.text, types) else 0.0)

            best = max(candidates, key=fit)
            if fit(best) > 0.5 and not any(best.overlaps(p) for p in out):
                out.append(best)
        return out

    def _cite_span(self, notice_id: str, start: int, end: int, n: int) -> list[Citation]:
        """Citations of a span of the notice text, one per chunk it lies in."""
        notice = self.notice(notice_id)
        out: list[Citation] = []
        for chunk in self._chunks_by_notice[notice_id]:
            a, b = max(start, chunk.start), min(end, chunk.end)
            if a >= b:
                continue
            quote = notice.text[a:b].strip()
            if len(quote) < 2:
                continue
            out.append(make_citation(notice, [chunk], quote, chunk.section, n=n + len(out)))
        return out

    def _cite(self, sentence: Sentence, n: int) -> Citation:
        notice = self.notice(sentence.notice_id)
        return make_citation(notice, self._chunks_by_notice[notice.id], sentence.text, sentence.chunk.section, n=n)

    def _abstain(self, ev: Evidence, reason: str, closest: str | None = None) -> AskResult:
        closest = closest or self._closest(ev)
        meta = self.notice(closest).meta if closest else None
        return AskResult(
            answer=abstain_text(reason, meta), citations=[], abstained=True,
            notices=[closest] if closest else [], reason=reason, query=ev.question,
        )

    def _closest(self, ev: Evidence) -> str | None:
        """The notice whose contacts to offer: the one in scope, else the top hit's, else national."""
        if ev.hits:
            return ev.hits[0].chunk.notice_id
        metas = [self.notice(n).meta for n in self.index.notice_ids]
        national = [m.id for m in metas if m.level == "national"]
        return national[0] if national else (metas[0].id if metas else None)


def _pick(sentences: list[Sentence], limit: int, types: list[str]) -> list[Sentence]:
    """Best sentences of one notice: no duplicates, those holding the asked-for fact and figures first."""
    if not sentences:
        return []
    best = sentences[0].score
    picked: list[Sentence] = []
    for s in sentences:
        if len(picked) >= limit or s.score < 0.6 * best:
            break
        if any(s.overlaps(p) or s.text == p.text for p in picked):
            continue
        picked.append(s)
    picked.sort(key=lambda s: (not (types and has_answer(s.text, types)), not s.has_figure, -s.score))
    return picked


def _quoted_whole(sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    """Is the sentence, but for its closing punctuation, inside one of the quoted spans?"""
    end = sentence.start + len(sentence.text.rstrip("。；;，, \n"))
    return any(start <= sentence.start and end <= stop for start, stop in spans)
