"""A real `shenbao serve` process for tests: the index built by `shenbao ingest` with the fake embedder
in a temp dir, the clock fixed, a free port; shared by the API-server and browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def shenbao_command() -> list[str]:
    script = Path(sys.executable).with_name("shenbao")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


ADMIN_TOKEN = "test-admin"  # the staff import in the browser tests


def server_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHENBAO_")}
    # the server runs this checkout's code, whichever checkout the installed `shenbao` script points at
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    env.update({
        "SHENBAO_EMBEDDER": "fake",
        "SHENBAO_INDEX_DIR": str(root / "index"),
        "SHENBAO_DATA_DIR": str(root / "data"),
        "SHENBAO_CORPUS_DIR": str(PROJECT / "corpus"),
        "SHENBAO_TODAY": TODAY,
        "SHENBAO_ADMIN_TOKEN": ADMIN_TOKEN,
    })
    return env


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=1) as resp:
            return resp.status == 200
    except OSError:
        return False


@contextmanager
def running_server(root: Path, timeout: float = 60) -> Iterator[str]:
    """Ingest into `root`, serve on a free port, yield the base URL; the log is in root/serve.log."""
    env = server_env(root)
    built = subprocess.run([*shenbao_command(), "ingest"], env=env, cwd=root, capture_output=True, text=True,
                           timeout=300, check=False)
    assert built.returncode == 0, f"shenbao ingest failed:\n{built.stdout}\n{built.stderr}"
    port = free_port()
    log_path = root / "serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen([*shenbao_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(base):
            if proc.poll() is not None:
                pytest.fail(f"shenbao serve exited with {proc.returncode}:\n{log_path.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"shenbao serve did not answer /healthz within {timeout:.0f} s:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()
