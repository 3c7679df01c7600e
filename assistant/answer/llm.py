"""An OpenAI-compatible chat model writes the answer; its output is checked against the clauses.

Configured by `SHENBAO_LLM_BASE_URL`, `SHENBAO_LLM_MODEL` and `SHENBAO_LLM_API_KEY` (DeepSeek, Qwen,
vLLM and Ollama all speak this protocol). The model sees only numbered clauses. A sentence survives
only if every [n] it uses exists and every figure, date and name in it appears in the clauses it
cites; if nothing cited survives, the extractive answer is used instead.
"""

from __future__ import annotations

import re
from typing import Any

from ..citations import Citation
from ..errors import ShenbaoError
from ..prompts import Prompt, cached_prompt
from ..settings import Settings

MARKER = re.compile(r"\[(\d+)\]")
TRAILING_MARKERS = re.compile(r"(?:\s*\[\d+\])+")
# Figures, dates, percentages, document numbers, quoted names and titles that must be grounded.
CHECKED = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{4}年|\d+(?:\.\d+)?\s*%|〔\d{4}〕\d+号|"
    r"《[^》]+》|“[^”]+”|\d+(?:\.\d+)?|[一两二三四五六七八九十]+(?:年|个|份|类|批)"
)


def build_chat_model(settings: Settings) -> Any | None:
    """LangChain ChatOpenAI for the configured endpoint, or None when no LLM is configured."""
    if not (settings.llm_base_url and settings.llm_model):
        return None
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise ShenbaoError("an LLM is configured but langchain-openai is missing: pip install -e '.[llm]'") from None
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key or "not-needed",
        temperature=0,
        timeout=settings.llm_timeout,
        max_retries=1,
    )


def split_sentences(text: str) -> list[str]:
    """Sentences ending at 。！？ or a line break outside “quotes”, each with its trailing [n] markers."""
    sentences: list[str] = []
    current: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        current.append(ch)
        depth += ch == "“"
        depth -= ch == "”" and depth > 0
        if depth == 0 and ch in "。！？\n":
            markers = TRAILING_MARKERS.match(text, i + 1)
            if markers:
                current.append(markers.group(0))
                i = markers.end() - 1
            sentences.append("".join(current).strip())
            current = []
        i += 1
    sentences.append("".join(current).strip())
    return [s for s in sentences if s]


def grounded_sentences(text: str, citations: list[Citation]) -> list[str]:
    """The sentences of `text` whose markers exist and whose checked facts appear in what they cite
    (the clause itself, its section and its notice's title)."""
    by_n = {c.n: f"{c.title}{c.doc_no or ''}{c.section}{c.quote}" for c in citations}
    kept: list[str] = []
    for sentence in split_sentences(text):
        if not sentence:
            continue
        refs = [int(n) for n in MARKER.findall(sentence)]
        if not refs or any(n not in by_n for n in refs):
            continue
        source = "".join(by_n[n] for n in refs)
        body = MARKER.sub("", sentence)
        facts = [f.strip("“”") for f in CHECKED.findall(body)]
        if all(_grounded(f, source) for f in facts):
            kept.append(sentence)
    return kept


def _grounded(fact: str, source: str) -> bool:
    compact = fact.replace(" ", "")
    return compact in source.replace(" ", "") or fact.strip("《》") in source


class LLMWriter:
    """Writes answers with a chat model (built once, injected)."""

    def __init__(self, model: Any, prompt: Prompt | None = None) -> None:
        self.model = model
        self.prompt = prompt or cached_prompt("answer")

    def write(self, question: str, citations: list[Citation]) -> str | None:
        """The checked LLM answer, or None when the model fails or nothing it wrote is grounded."""
        from langchain_core.messages import HumanMessage, SystemMessage

        clauses = "\n".join(f"[{c.n}] 《{c.title}》{c.section}：{c.quote}" for c in citations)
        notices = "、".join(dict.fromkeys(f"《{c.title}》" for c in citations))
        system, user = self.prompt.render(question=question, clauses=clauses, notices=notices)
        try:
            reply = self.model.invoke([SystemMessage(content=system), HumanMessage(content=user)])
        except Exception:  # network, auth, rate limits: the extractive answer stands
            return None
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
        kept = grounded_sentences(text, citations)
        return "".join(kept) if kept else None

    def rewrite(self, history: list[str], message: str) -> str | None:
        from langchain_core.messages import HumanMessage, SystemMessage

        system, user = cached_prompt("rewrite").render(history="\n".join(history), message=message)
        try:
            reply = self.model.invoke([SystemMessage(content=system), HumanMessage(content=user)])
        except Exception:
            return None
        text = str(reply.content).strip().splitlines()[0] if reply.content else ""
        return text or None
