"""One misbehaving student beside a class: what the others' latency is while one tab abuses the server.

Each abuse is what a curious student can do from a browser's console (or a 5-line script) over Streamlit's
own websocket protocol: flood reruns, send an oversized drawing, send ``clear_cache``, spam PNG exports,
add 20,000 rows to the Builder's editor. :func:`measure` runs a small class first on an idle server, then
again while the abuse runs, in the same server and the same run, and returns both latency lists.
See ``bench/abuse.py`` (longer runs, figures printed) and ``tests/load/test_abuse.py`` (short, in CI).
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Awaitable, Callable

from streamlit.proto.BackMsg_pb2 import BackMsg

from loadsim.protocol import Tab
from loadsim.students import pct, rss_mb, run_class_async

CALM = ("playground", "receptive")  # the others: pages that answer in well under a second on an idle server


@dataclass
class Measured:
    """Other students' action latencies on an idle server and during the abuse, plus what the abuse saw."""

    idle: list[float]
    during: list[float]
    facts: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        return (f"{name:<28} idle p50/p95 {pct(self.idle, 50):.2f}/{pct(self.idle, 95):.2f} s (n={len(self.idle)})  "
                f"during p50/p95/max {pct(self.during, 50):.2f}/{pct(self.during, 95):.2f}/"
                f"{max(self.during, default=float('nan')):.2f} s (n={len(self.during)})  {self.facts}")


async def measure(base: str, abuse: Callable[[], Awaitable[dict]], students: int = 4, seconds: float = 8.0,
                  period: float = 1.0, timeout: float = 90.0) -> Measured:
    """Warm-up (pages and their caches loaded), an idle phase, then the same class while ``abuse()`` runs
    (started once the class is on its pages)."""
    await run_class_async(base, students, 3.0, period=period, ramp=1.0, timeout=timeout, mix=CALM)
    idle = await run_class_async(base, students, seconds, period=period, ramp=1.0, timeout=timeout, mix=CALM)
    facts: dict = {}

    async def abuse_later() -> None:
        await asyncio.sleep(2.0)  # the class has opened its pages
        facts.update(await abuse())

    class_task = run_class_async(base, students, seconds, period=period, ramp=1.0, timeout=timeout, mix=CALM)
    during, _ = await asyncio.gather(class_task, abuse_later())
    return Measured(idle.all_latency, during.all_latency, facts, idle.errors + during.errors)


# ---------------------------------------------------------------- the abuses
def rerun_flood(base: str, messages: int) -> Callable[[], Awaitable[dict]]:
    """One tab on the Playground sends ``messages`` reruns (a new kernel size each) without waiting."""

    async def run() -> dict:
        tab = Tab(base, "playground", "k=3&cin=3&cout=8", timeout=120)
        await tab.connect()
        t0 = time.perf_counter()
        for i in range(messages):
            await tab.send(tab.rerun_message({"k": {"double_array": [1 + i % 7]}}))
        sent = time.perf_counter() - t0
        counts = await tab.drain(quiet=1.0, limit=60)
        last = await tab.rerun({"k": {"double_array": [5]}})  # the flooder itself still gets its page
        await tab.close()
        return {"sent_s": round(sent, 2), "runs_finished": counts.get("script_finished", 0),
                "flooder_next_run_s": round(last.seconds, 2), "flooder_sees_k5": "(8, 3, 5, 5)" in dict(last.metrics).values()}

    return run


async def send_big(tab: Tab, widget: str, field: str, value: str) -> dict:
    """Send one oversized widget value, time the answer and close the tab; a closed socket is an outcome too."""
    t0 = time.perf_counter()
    try:
        run = await tab.rerun({widget: {field: value}})
        outcome = {"errors": run.errors[:1], "exceptions": run.exceptions[:1]}
    except Exception as exc:  # noqa: BLE001 - a closed socket is an outcome (frame over maxWidgetStateSize)
        outcome = {"closed": type(exc).__name__}
    await tab.close()
    return {"bytes": len(value), "answer_s": round(time.perf_counter() - t0, 2), **outcome}


def oversized_canvas(base: str, strokes: int = 20, points: int = 5_000, pen: float = 400, side: int = 2000,
                     ) -> Callable[[], Awaitable[dict]]:
    """One tab on the Draw page sends one drawing no hand makes (the issue's: 20 x 5,000 points, pen 400, 2,000 px)."""

    async def run() -> dict:
        tab = Tab(base, "draw", timeout=120)
        await tab.connect()
        paths = [[[float((i * 7 + j) % side), float((i * 13 + 3 * j) % side)] for j in range(points)] for i in range(strokes)]
        value = json.dumps({"strokes": {"w": side, "h": side, "pen": pen, "paths": paths}})
        return await send_big(tab, "canvas", "json_value", value)

    return run


def deep_json(base: str, depth: int = 50_000) -> Callable[[], Awaitable[dict]]:
    """A canvas value nested ``depth`` deep (RecursionError in Streamlit before), and one with Infinity."""

    async def run() -> dict:
        tab = Tab(base, "draw", timeout=120)
        await tab.connect()
        deep = await tab.rerun({"canvas": {"json_value": "[" * depth + "]" * depth}})
        inf = await tab.rerun({"canvas": {"json_value": '{"strokes": {"w": Infinity, "h": 280, "pen": 20, "paths": []}}'}})
        await tab.close()
        return {"deep": {"errors": deep.errors[:1], "exceptions": deep.exceptions[:1]},
                "infinity": {"errors": inf.errors[:1], "exceptions": inf.exceptions[:1]}}

    return run


def clear_cache_spam(base: str, times: int = 20) -> Callable[[], Awaitable[dict]]:
    """One tab sends ``clear_cache`` ``times`` times, 0.2 s apart (each honoured one cold-started the class)."""

    async def run() -> dict:
        tab = Tab(base, "home", timeout=120)
        await tab.connect()
        msg = BackMsg()
        msg.clear_cache = True
        for _ in range(times):
            await tab.send(msg)
            await asyncio.sleep(0.2)
        counts = await tab.drain(quiet=0.5, limit=10)
        await tab.close()
        return {"sent": times, "answers": counts}

    return run


def export_spam(base: str, png: int = 12, html: int = 40, server_pid: int = 0) -> Callable[[], Awaitable[dict]]:
    """One tab asks for the receptive-field PNG ``png`` times and its HTML ``html`` times, all at once."""

    async def run() -> dict:
        tab = Tab(base, "receptive_field", "preset=dil1248", timeout=120)
        first = await tab.connect()
        files = first.downloads
        png_id, html_id = files.get("dl_rf_coverage_png"), files.get("dl_rf_coverage")
        if not png_id or not html_id:
            await tab.close()
            return {"error": f"no download buttons found: {sorted(files)}"}
        peak = {"chromium": 0, "rss_mb": 0.0}
        stop = asyncio.Event()

        async def watch() -> None:
            while not stop.is_set():
                if server_pid:
                    kids = descendants(server_pid)
                    peak["chromium"] = max(peak["chromium"], sum(1 for p in kids if "chrom" in process_name(p)))
                    peak["rss_mb"] = max(peak["rss_mb"], rss_mb(server_pid) + sum(rss_mb(p) for p in kids))
                await asyncio.sleep(0.2)

        watcher = asyncio.create_task(watch())
        for i in range(png + html):
            msg = BackMsg()
            req = msg.backend_operation_request
            req.request_id, req.session_id = f"spam-{i}", tab.session_id
            req.deferred_file.file_id = png_id if i < png else html_id
            await tab.send(msg)
        counts = await tab.drain(quiet=1.0, limit=120, answers=png + html)
        stop.set()
        await watcher
        await tab.close()
        return {"answers": {k: v for k, v in counts.items() if k.startswith("backend")}, "peak_chromium": peak["chromium"],
                "peak_rss_mb": round(peak["rss_mb"])}

    return run


def builder_rows(base: str, rows: int = 20_000) -> Callable[[], Awaitable[dict]]:
    """One tab adds ``rows`` rows to the Builder's data editor in one message."""

    async def run() -> dict:
        tab = Tab(base, "builder", timeout=120)
        first = await tab.connect()
        key = next((k for k in first.widget_ids if k.startswith("builder_editor_")), None)
        if key is None:
            await tab.close()
            return {"error": "no editor"}
        row = {"kind": "conv", "out_channels": 16, "kernel_size": 3, "stride": 1, "padding": 1, "dilation": 1,
               "groups": 1, "bn": False, "relu": True}
        value = json.dumps({"edited_rows": {}, "added_rows": [row] * rows, "deleted_rows": []})
        return await send_big(tab, key, "string_value", value)  # the data editor sends its edits as a string

    return run


# ---------------------------------------------------------------- processes
def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren, ...), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip().lower()
    except OSError:
        return ""


def server_pid_of(proc) -> int:
    """The pid of a ``streamlit run`` started by tests/conftest.start_streamlit (or any Popen)."""
    return proc.pid if proc is not None else os.getpid()
