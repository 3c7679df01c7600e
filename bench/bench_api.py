"""Concurrency of the HTTP API: N parallel chat clients for T seconds on loopback.

    python bench/bench_api.py [--clients 20] [--seconds 30] [--embedder e5] [--url http://127.0.0.1:8000]

Without --url it builds the index into a temporary folder (the user's index is untouched), starts
`shenbao serve` on a free port and stops it at the end. Each client keeps its own session and sends
the questions of tests/eval/qa.jsonl in turn (follow-ups included), one after the other. Prints one
JSON line: requests, errors (any non-200 or transport error), p50/p95/max latency and throughput.
Target (issue 6): no error, p95 reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def questions() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "tests" / "eval" / "qa.jsonl").read_text("utf-8").splitlines() if line]
    return [q for r in rows for q in [*r["history"], r["question"]]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(embedder: str, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "SHENBAO_EMBEDDER": embedder, "SHENBAO_INDEX_DIR": str(work / "index"),
           "SHENBAO_DATA_DIR": str(work / "data"), "SHENBAO_TODAY": "2026-11-22"}
    cli = [sys.executable, "-m", "assistant.cli"]
    print(f"building the {embedder} index in {work} ...", file=sys.stderr)
    subprocess.run([*cli, "ingest", "--json"], env=env, check=True, capture_output=True, cwd=ROOT)
    port = free_port()
    proc = subprocess.Popen([*cli, "serve", "--port", str(port)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("the server did not start")


def client_loop(url: str, pool: list[str], stop: float, seed: int, out: list[tuple[float, int]]) -> None:
    rng = random.Random(seed)
    session: str | None = None
    with httpx.Client(base_url=url, timeout=60) as http:
        while time.monotonic() < stop:
            body = {"message": rng.choice(pool), "session_id": session}
            started = time.perf_counter()
            try:
                response = http.post("/api/chat", json=body)
                status = response.status_code
                if status == 200:
                    session = response.json()["session_id"]
            except httpx.HTTPError:
                status = -1
            out.append((1000 * (time.perf_counter() - started), status))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--url", help="benchmark a running server instead of starting one")
    args = parser.parse_args()
    pool = questions()
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = (None, args.url) if args.url else start_server(args.embedder, Path(tmp))
        try:
            httpx.post(f"{url}/api/chat", json={"message": pool[0]}, timeout=120)  # warm up
            results: list[list[tuple[float, int]]] = [[] for _ in range(args.clients)]
            stop = time.monotonic() + args.seconds
            threads = [threading.Thread(target=client_loop, args=(url, pool, stop, i, results[i]))
                       for i in range(args.clients)]
            began = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - began
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)
    flat = [r for rs in results for r in rs]
    ok = [ms for ms, status in flat if status == 200]
    report = {
        "clients": args.clients, "seconds": round(elapsed, 1), "embedder": args.embedder if not args.url else "server",
        "requests": len(flat), "errors": len(flat) - len(ok), "statuses": sorted({s for _, s in flat}),
        "p50_ms": round(percentile(ok, 0.5), 1), "p95_ms": round(percentile(ok, 0.95), 1),
        "max_ms": round(max(ok, default=float("nan")), 1), "per_second": round(len(ok) / elapsed, 1),
        "load_avg": list(os.getloadavg()),
    }
    print(json.dumps(report))
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
