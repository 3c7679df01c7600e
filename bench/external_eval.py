"""QA on notices nobody tuned the code on: the five corpus notices plus the external notices of
`../shared/external-notices/` (their source text only: the curator's `#` header and 【…】 notes
dropped), indexed together in a temporary folder, then `eval qa` on the given gold sets.

    python bench/external_eval.py [--gold tests/eval/qa_external_dev.jsonl] [--embedder e5] [--show]
    python bench/external_eval.py --external ../shared/external-notices --external tests/fixtures/notices_unseen2 ...
        # several folders (repeat --external) are indexed together

The external notices are test material, never shipped in corpus/: they live only in the temporary
index this script builds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.embeddings import build_embedder  # noqa: E402
from assistant.eval_metadata import source_text  # noqa: E402
from assistant.eval_qa import as_json, evaluate_qa, format_qa, load_qa, run_case  # noqa: E402
from assistant.ingest import ingest  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.settings import Settings  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "external-notices"


def build_corpus(target: Path, externals: list[Path]) -> None:
    for folder in (ROOT / "corpus").iterdir():
        if folder.is_dir():
            shutil.copytree(folder, target / folder.name)
    for path in sorted(p for external in externals for p in external.glob("*.txt")):
        if (target / path.stem).exists():
            raise SystemExit(f"two external notices share the id {path.stem}")
        (target / path.stem).mkdir()
        (target / path.stem / "notice.txt").write_text(source_text(path), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", action="append", type=Path)
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--external", type=Path, action="append",
                        help=f"folder of external notices (*.txt); repeatable; default {EXTERNAL}")
    parser.add_argument("--today", default="2026-11-22")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    golds = args.gold or [ROOT / "tests" / "eval" / "qa_external_dev.jsonl"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, args.external or [EXTERNAL])
        settings = Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index", embedder=args.embedder,
                            chroma_url=None, today=date.fromisoformat(args.today))
        embedder = build_embedder(args.embedder)
        ingest([corpus], settings, embedder, progress=False)
        answerer = Services(settings, embedder).answerer
        results = {}
        for path in golds:
            gold = load_qa(path)
            metrics = evaluate_qa(answerer, gold)
            results[path.name] = json.loads(as_json(metrics))
            if args.json:
                continue
            print(f"{path.name} ({len(list(corpus.iterdir()))} notices indexed)\n{format_qa(metrics)}\n")
            if args.show:
                by_id = {g.id: g for g in gold}
                for case in metrics.failures:
                    result, _ = run_case(answerer, by_id[case.id])
                    print(f"--- {case.id} {by_id[case.id].question}\nmissing {case.missing_notices} "
                          f"{case.missing_facts} {case.missing_items}\n{result.answer[:500]}\n")
        if args.json:
            print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
