"""Soak: waves of simulated students come and go on one server; RSS before, warm, peak during and after (issue 23).

The server runs with ``server.disconnectedSessionTTL`` = ``--ttl`` so that sessions left behind really end
within the soak (the classroom config keeps them 600 s for sleeping tablets). Target: the soak ends within
20% of its warm RSS. One hour: ``python bench/soak.py --minutes 60``.

    python bench/soak.py --minutes 15 --students 8
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.local_cluster import free_port, stop, wait_healthy  # noqa: E402
from loadsim.soak import soak  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=15.0)
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--wave", type=float, default=30.0, help="seconds each wave of students stays")
    parser.add_argument("--ttl", type=int, default=5, help="server.disconnectedSessionTTL in seconds")
    parser.add_argument("--no-train", action="store_true", help="no training run per wave")
    args = parser.parse_args()
    port = free_port()
    log = Path(f"/tmp/dsconv-soak-{port}.log")
    env = {**os.environ, "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(args.ttl)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc, log)
        result = asyncio.run(soak(f"http://127.0.0.1:{port}", proc.pid, args.minutes * 60, students=args.students,
                                  wave_seconds=args.wave, settle=args.ttl + 20, train=not args.no_train))
        print(result.summary())
        every = max(1, len(result.samples) // 30)
        print("RSS over time (s: MiB):", ", ".join(f"{t:.0f}: {mb:.0f}" for t, mb in result.samples[::every]))
        for error in result.errors[:10]:
            print("  error:", error)
    finally:
        stop(proc)
        log.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
