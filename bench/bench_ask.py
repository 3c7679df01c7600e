"""Warm latency of `ask` on the embedded default (extractive answers, e5 + BM25 hybrid).

    python bench/bench_ask.py [--repeat 3] [--embedder e5]

Builds the index into a temporary folder (so the user's index is untouched), warms up, then times
every question of tests/eval/qa.jsonl through the same `Conversation` the CLI and API use, and
prints p50/p95/max in one run. Target (issue 4): p95 under 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.chat import Conversation  # noqa: E402
from assistant.embeddings import build_embedder  # noqa: E402
from assistant.eval_qa import load_qa  # noqa: E402
from assistant.ingest import ingest  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "eval" / "qa.jsonl")
    args = parser.parse_args()

    questions = [g.question for g in load_qa(args.gold) if not g.history]
    with tempfile.TemporaryDirectory(prefix="shenbao-bench-ask-") as tmp:
        settings = Settings(index_dir=Path(tmp) / "index", embedder=args.embedder, today=date(2026, 11, 22))
        embedder = build_embedder(args.embedder)
        ingest([settings.corpus_dir], settings, embedder)
        answerer = Services(settings, embedder).answerer
        for q in questions[:5]:
            Conversation(answerer).send(q)  # warm up
        times: list[float] = []
        for _ in range(args.repeat):
            for q in questions:
                started = time.perf_counter()
                Conversation(answerer).send(q)
                times.append(1000 * (time.perf_counter() - started))
    result = {
        "questions": len(questions), "calls": len(times), "embedder": args.embedder,
        "p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1), "load_avg": os.getloadavg(),
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
