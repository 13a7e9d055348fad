"""Other students' latency while one student abuses the server (issue 23), against an idle baseline in the same run.

Starts one bare ``streamlit run app.py`` (the classroom config), then for each abuse runs a small class of
simulated students (loadsim: Streamlit's websocket protocol) on an idle server and again during the abuse, and
prints p50/p95 of the others' actions and what the abuser got back. Target: others' p95 <= 1.5 s.

    python bench/abuse.py                      # all, the issue's sizes
    python bench/abuse.py flood canvas --students 6 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from students import Single  # noqa: E402
from loadsim import abuse  # noqa: E402

ABUSES = {
    "flood": lambda url, pid, a: abuse.rerun_flood(url, a.messages),
    "canvas": lambda url, pid, a: abuse.oversized_canvas(url),
    "canvas_under_limit": lambda url, pid, a: abuse.oversized_canvas(url, strokes=20, points=1_800, pen=400, side=2000),
    "deep_json": lambda url, pid, a: abuse.deep_json(url),
    "clear_cache": lambda url, pid, a: abuse.clear_cache_spam(url, 20),
    "export": lambda url, pid, a: abuse.export_spam(url, 12, 40, server_pid=pid),
    "builder_rows": lambda url, pid, a: abuse.builder_rows(url, 20_000),
    "builder_rows_under_limit": lambda url, pid, a: abuse.builder_rows(url, 5_000),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("abuses", nargs="*", help=f"any of {', '.join(ABUSES)} (default: all)")
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--messages", type=int, default=10_000, help="reruns in the flood")
    args = parser.parse_args()
    unknown = set(args.abuses) - set(ABUSES)
    if unknown:
        parser.error(f"unknown abuse(s): {', '.join(sorted(unknown))}")
    args.abuses = args.abuses or list(ABUSES)
    with Single() as server:
        for name in args.abuses:
            result = asyncio.run(abuse.measure(server.url, ABUSES[name](server.url, server.proc.pid, args),
                                               students=args.students, seconds=args.seconds))
            print(result.line(name), flush=True)
            for error in result.errors[:5]:
                print("   error:", error)


if __name__ == "__main__":
    main()
