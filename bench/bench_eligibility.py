"""Benchmark: profile checks per second against one compiled rule pack.

    python bench/bench_eligibility.py [--notice henan-2020] [--checks 20000] [--min-rate 10000] [--drafted]

With --drafted the pack is the one drafted from the notice's own text (no rules.yaml), and the time to
draft and compile it is measured too (median of 20 runs; the issue asks for well under a second).

The pack is compiled once (quotes verified, conditions compiled to closures); each check then
validates a raw profile (as read from JSON) and evaluates every rule. Profiles are varied at random
(fixed seed) so the run is not one profile repeated. Exits 1 when the rate is below --min-rate.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

from assistant.corpus import load_corpus_notice
from assistant.eligibility import load_pack
from assistant.eligibility.rulebook import NoticeShelf, RuleBook
from assistant.settings import PROJECT_ROOT

CATEGORIES = ["enterprise", "enterprise", "enterprise", "platform", "project", "city"]
PROVINCES = ["河南省", "山西省", "内蒙古自治区", "北京市", "香港特别行政区"]
MODES = ["供应链管理", "共享制造", "总集成总承包服务", "智能产品生命周期管理", "信息增值服务", "工业设计服务"]


def _day(rng: random.Random, start: date, span_days: int) -> str:
    return (start + timedelta(days=rng.randrange(span_days))).isoformat()


def random_profile(rng: random.Random) -> dict[str, Any]:
    """A raw profile; each field is left out (unknown) one time in ten."""
    total = rng.choice([0, 800, 5000, 12000, 30000])
    candidates: dict[str, Any] = {
        "applicant_type": rng.choice(CATEGORIES),
        "name": f"测试单位{rng.randrange(1000)}",
        "registered_province": rng.choice(PROVINCES),
        "registered_city": rng.choice(["包头市", "郑州市", "太原市"]),
        "independent_legal_person": rng.random() < 0.9,
        "is_manufacturer": rng.random() < 0.8,
        "established_on": _day(rng, date(2012, 1, 1), 4000),
        "platform_launched_on": _day(rng, date(2017, 1, 1), 2000),
        "has_own_brand": rng.random() < 0.8,
        "revenue_total": total,
        "service_revenue": round(total * rng.choice([0.1, 0.15, 0.3, 0.45]), 2),
        "major_incidents": [_day(rng, date(2017, 1, 1), 2500)] if rng.random() < 0.2 else [],
        "under_investigation": rng.random() < 0.05,
        "financial_status_good": rng.random() < 0.9,
        "credit_blacklisted": rng.random() < 0.05,
        "is_prefecture_level_city": rng.random() < 0.7,
        "modes": rng.sample(MODES, rng.randint(1, 2)),
    }
    return {k: v for k, v in candidates.items() if rng.random() >= 0.1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notice", default="henan-2020")
    parser.add_argument("--checks", type=int, default=20_000)
    parser.add_argument("--profiles", type=int, default=2_000, help="distinct random profiles to cycle through")
    parser.add_argument("--min-rate", type=float, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--drafted", action="store_true", help="use the pack drafted from the notice's text")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    pack = load_pack(PROJECT_ROOT / "corpus", args.notice)
    compiled_in = time.perf_counter() - started
    if args.drafted:
        notice = load_corpus_notice(PROJECT_ROOT / "corpus", args.notice)
        times = []
        for _ in range(20):
            started = time.perf_counter()
            pack = RuleBook(PROJECT_ROOT / "no-corpus", NoticeShelf([notice])).pack(args.notice)
            times.append(time.perf_counter() - started)
        compiled_in = statistics.median(times)
        print(f"drafted pack: {len(pack.rules)} rules, drafted and compiled in {compiled_in * 1000:.1f} ms "
              f"(median of 20; max {max(times) * 1000:.1f} ms)")

    rng = random.Random(args.seed)
    profiles = [random_profile(rng) for _ in range(args.profiles)]
    today = date(2024, 1, 1)
    for profile in profiles[:200]:  # warm-up
        pack.evaluate(profile, today=today)

    verdicts: dict[str, int] = {}
    started = time.perf_counter()
    for i in range(args.checks):
        result = pack.evaluate(profiles[i % len(profiles)], today=today)
        verdicts[result.verdict] = verdicts.get(result.verdict, 0) + 1
    elapsed = time.perf_counter() - started
    rate = args.checks / elapsed

    print(f"eligibility bench: {args.notice}, {len(pack.rules)} rules, pack compiled once in {compiled_in:.2f} s")
    print(f"{args.checks} checks ({len(profiles)} distinct raw profiles, validation included) in {elapsed:.2f} s")
    print(f"rate: {rate:,.0f} checks/s (required ≥ {args.min_rate:,.0f})")
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    return 0 if rate >= args.min_rate else 1


if __name__ == "__main__":
    sys.exit(main())
