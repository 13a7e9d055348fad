"""Capacity of one server (and of N replicas behind nginx), measured with simulated students.

Each student is a Python websocket client speaking Streamlit's own protocol (``loadsim``), not a browser,
so the figures measure the server and not Chromium. A Playground / Receptive field / Draw mix, each
student changing something every ``--period`` seconds; every reply is checked against that student's
own values. Latency: from the rerun request to ``script_finished``. The capacity is the largest class in
``--students`` with p95 <= ``--target`` seconds and no errors.

    python bench/students.py --students 10,20,30,40 --duration 60              # one `streamlit run` process
    python bench/students.py --replicas 2 --students 20,40,60 --duration 60    # 2 replicas behind nginx
    python bench/students.py --compare --students 10,20,30,40,60 --duration 60 # 1 vs 2 replicas behind nginx
    python bench/students.py --saturate 12 --duration 40                       # throughput, 1 vs 2 replicas
    python bench/students.py --url http://host:8501 --students 30               # a server already running
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.local_cluster import Cluster, free_port, stop, wait_healthy  # noqa: E402
from loadsim.protocol import Tab  # noqa: E402
from loadsim.students import ClassResult, pct, run_class, summary  # noqa: E402


class Single:
    """One bare `streamlit run app.py` process (no nginx), as the README's one-machine command starts it."""

    def __enter__(self) -> "Single":
        self.port = free_port()
        self.log = Path(f"/tmp/dsconv-bench-{self.port}.log")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        wait_healthy(f"{self.url}/_stcore/health", self.proc, self.log)
        self.app_ports = [self.port]
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pids(self) -> tuple[int, ...]:
        return (self.proc.pid,)

    def __exit__(self, *exc) -> None:
        stop(self.proc)
        self.log.unlink(missing_ok=True)


def warm_up(app_ports: list[int]) -> None:
    """Open each page once on every replica (imports, model weights, first figures), then forget it."""
    import asyncio

    from loadsim.students import SCENARIOS

    async def once(port: int) -> None:
        for make in SCENARIOS.values():
            scenario = make(10_000)
            tab = Tab(f"http://127.0.0.1:{port}", scenario.page, scenario.query, timeout=180)
            await tab.connect()
            await tab.rerun(scenario.act())
            await tab.close()

    async def all_ports() -> None:
        await asyncio.gather(*(once(p) for p in app_ports))

    asyncio.run(all_ports())


def ok(r: ClassResult, target: float) -> bool:
    return not r.errors and pct(r.all_latency, 95) <= target


def sweep(server, sizes: list[int], args) -> list[ClassResult]:
    """Run each class size in turn on the same (warm) server(s); stop after the first size that fails."""
    results = []
    for n in sizes:
        r = run_class(server.url, n, args.duration, period=args.period, ramp=args.ramp, timeout=args.timeout,
                      reconnect_every=args.reconnect_every, server_pids=server.pids)
        results.append(r)
        print(f"\n== {n} students ==\n{summary(r)}", flush=True)
        if not ok(r, args.target):
            break
        time.sleep(3)
    return results


def capacity(results: list[ClassResult], target: float) -> int:
    passing = [r.students for r in results if ok(r, target)]
    return max(passing, default=0)


def line(results: list[ClassResult]) -> str:
    return "  ".join(f"{r.students}: p95 {pct(r.all_latency, 95):.2f} s, {len(r.errors)} err"
                     for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="10,20,30,40", help="class sizes to try, ascending (default 10,20,30,40)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds each class size runs after arriving")
    parser.add_argument("--period", type=float, default=5.0, help="seconds between one student's actions (default 5)")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which students arrive")
    parser.add_argument("--target", type=float, default=1.0, help="p95 seconds a class may take (default 1.0)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one run may take before it is an error")
    parser.add_argument("--reconnect-every", type=int, default=6,
                        help="each student reconnects to its session after this many actions (0: never)")
    parser.add_argument("--replicas", type=int, default=0, help="0: one bare server; N: N replicas behind nginx")
    parser.add_argument("--compare", action="store_true", help="1 replica vs 2 replicas, both behind nginx")
    parser.add_argument("--saturate", type=int, default=0, metavar="N",
                        help="instead: N students acting back-to-back on 1, then 2 replicas behind nginx; "
                             "prints throughput and CPU cores used (does one process stop at one core?)")
    parser.add_argument("--url", help="drive a server already running (no RSS/CPU figures)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.students.split(",")]
    print(f"load average before: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs", flush=True)

    if args.saturate:
        rates = {}
        for replicas in (1, 2):
            with Cluster(replicas) as server:
                warm_up(server.app_ports)
                r = run_class(server.url, args.saturate, args.duration, period=0.05, ramp=2.0, timeout=args.timeout,
                              server_pids=server.pids)
            rates[replicas] = r.actions / args.duration
            cores = sum(r.server_cpu.values()) / r.wall
            print(f"\n== {replicas} replica(s), {args.saturate} students back-to-back ==\n{summary(r)}\n"
                  f"throughput {rates[replicas]:.2f} actions/s, server CPU cores used {cores:.2f}", flush=True)
        print(f"\nsaturated throughput: 2 replicas / 1 replica = x{rates[2] / rates[1]:.2f} "
              f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        return

    if args.url:
        class Remote:
            url, pids, app_ports = args.url, (), []
        results = sweep(Remote(), sizes, args)
        print(f"\ncapacity at p95 <= {args.target:g} s, 0 errors: {capacity(results, args.target)} students  [{line(results)}]")
        return

    setups = [1, 2] if args.compare else [args.replicas]
    found = {}
    for replicas in setups:
        server = Single() if replicas == 0 else Cluster(replicas)
        with server:
            print(f"\n######## {'one bare server' if replicas == 0 else f'{replicas} replica(s) behind nginx'}"
                  f" at {server.url} (app ports {server.app_ports})", flush=True)
            warm_up(server.app_ports)
            results = sweep(server, sizes, args)
        found[replicas] = (capacity(results, args.target), results)
        print(f"\ncapacity ({'bare server' if replicas == 0 else f'{replicas} replica(s)'}) at p95 <= {args.target:g} s,"
              f" 0 errors: {found[replicas][0]} students  [{line(results)}]", flush=True)
    if args.compare:
        one, two = found[1][0], found[2][0]
        ratio = two / one if one else float("nan")
        print(f"\nreplica comparison: 1 replica holds {one}, 2 replicas hold {two} students (x{ratio:.2f}) "
              f"at p95 <= {args.target:g} s; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
