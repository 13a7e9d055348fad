"""Classroom load test: N concurrent headless Chromium users on one `streamlit run app.py` server.

Each user opens the Playground and moves the kernel_size / in_channels sliders (checking that the weight
shape shown is the one for *its own* values), then opens Draw a digit and draws strokes on the canvas
(clearing it between rounds). Recorded: errors (exceptions shown in the page, JavaScript page errors,
waits that time out, wrong outputs), time from action to updated output (p50/p95), server RSS before and
after. ``--configs 200`` instead loads 200 distinct configurations (Playground, Receptive Field, Cost
Compare) and prints server RSS as it goes, to show the bounded caches stop memory from growing.

    python bench/load_test.py --users 30 --rounds 3
    python bench/load_test.py --configs 200 --users 4
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_streamlit  # noqa: E402

METRIC = '[data-testid="stMetricValue"]'
KEYS = {"kernel_size": "k", "in_channels": "cin"}  # Playground slider keys (Streamlit adds class st-key-<key>)
EXCEPTION = '[data-testid="stException"]'
IDLE_JS = (
    "() => !!document.querySelector('[data-testid=\"stApp\"]') && "
    "(!document.querySelector('[data-testid=\"stStatusWidget\"]') || "
    "!/Running|Stop/.test(document.querySelector('[data-testid=\"stStatusWidget\"]').innerText))"
)
STROKE = [(140, 40 + 10 * i) for i in range(21)]  # a vertical "1"
LOOP = [(140 + 55 * math.sin(2 * math.pi * i / 36), 140 - 95 * math.cos(2 * math.pi * i / 36)) for i in range(38)]


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MiB (psutil when installed, else /proc/PID/status)."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used: its cost, independent of other load on the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values, NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


@dataclass
class Stats:
    """What all users recorded."""

    latency: dict[str, list[float]] = field(default_factory=lambda: {"playground": [], "draw": [], "page_load": []})
    errors: list[str] = field(default_factory=list)
    predictions: list[str] = field(default_factory=list)
    actions: int = 0


async def idle(page, timeout: float) -> None:
    """Wait until Streamlit finished the current run, then a short settle."""
    await page.wait_for_function(IDLE_JS, timeout=timeout * 1000)
    await page.wait_for_timeout(150)


async def exceptions(page, where: str, stats: Stats) -> None:
    """Record any exception box shown in the page."""
    boxes = page.locator(EXCEPTION)
    for i in range(await boxes.count()):
        stats.errors.append(f"{where}: exception shown: {(await boxes.nth(i).inner_text())[:200]!r}")


async def open_page(page, url: str, ready: str, stats: Stats, timeout: float) -> bool:
    """Go to url and wait for the selector that shows the page's output; False (an error) when it does not come."""
    t0 = time.perf_counter()
    step = "goto"
    try:
        await page.goto(url, timeout=timeout * 1000)
        step = f"wait for {ready}"
        await page.wait_for_selector(ready, timeout=timeout * 1000)
        step = "wait for the script run to finish"
        await idle(page, timeout)
    except Exception as exc:  # noqa: BLE001 - a failed wait is a recorded error, not a crash of the run
        stats.errors.append(f"{url}: page did not become ready ({step}): {str(exc).splitlines()[0][:160]}")
        try:  # what the user saw, for the failure report
            shot = Path(__file__).resolve().parents[1] / "tests" / "artifacts" / f"load_not_ready_{id(page)}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(shot), full_page=True)
        except Exception:  # noqa: BLE001
            pass
        return False
    stats.latency["page_load"].append(time.perf_counter() - t0)
    return True


async def playground_rounds(page, base: str, user: int, rounds: int, stats: Stats, timeout: float) -> None:
    """Move kernel_size and in_channels sliders; the weight shape must follow this user's values."""
    if not await open_page(page, f"{base}/playground?k=3&cin=3&cout=8", METRIC, stats, timeout):
        return
    values = {"kernel_size": 3, "in_channels": 3}
    for r in range(rounds):
        name = ("kernel_size", "in_channels")[r % 2]
        step = 1 if (r // 2) % 2 == 0 else -1
        values[name] += step
        k, cin = values["kernel_size"], values["in_channels"]
        want = f"(8, {cin}, {k}, {k})"
        where = f"user {user} playground round {r} ({name} -> {values[name]})"
        try:
            slider = page.locator(f".st-key-{KEYS[name]} input[type=range]")  # hidden range input
            t0 = time.perf_counter()
            await slider.press("ArrowRight" if step > 0 else "ArrowLeft")
            await page.wait_for_function(
                "([sel, want]) => [...document.querySelectorAll(sel)].some(m => m.innerText.trim() === want)",
                arg=[METRIC, want], timeout=timeout * 1000,
            )
            stats.latency["playground"].append(time.perf_counter() - t0)
            await idle(page, timeout)
        except Exception as exc:  # noqa: BLE001
            shown = await page.locator(METRIC).all_inner_texts() if not page.is_closed() else []
            stats.errors.append(f"{where}: no weight shape {want} (shown {shown}): {str(exc).splitlines()[0][:120]}")
            return
        finally:
            stats.actions += 1
        await exceptions(page, where, stats)


PAD = "canvas.surface"  # the sketchpad (inside the component's open shadow root; CSS pierces it)


async def stroke(page, points: list[tuple[float, float]]) -> None:
    """One pen stroke on the Draw page's sketchpad (points in pixels of a 280 px canvas, scaled to its size)."""
    surface = page.locator(PAD).first
    box = await surface.bounding_box()
    scale = box["width"] / 280
    await page.mouse.move(box["x"] + points[0][0] * scale, box["y"] + points[0][1] * scale)
    await page.mouse.down()
    for x, y in points[1:]:
        await page.mouse.move(box["x"] + x * scale, box["y"] + y * scale, steps=2)
    await page.mouse.up()


async def draw_rounds(page, base: str, user: int, rounds: int, stats: Stats, timeout: float) -> None:
    """Draw a digit, wait for the prediction; clear the sketchpad (its own Clear button) between rounds."""
    if not await open_page(page, f"{base}/draw", PAD, stats, timeout):
        return
    for r in range(rounds):
        where = f"user {user} draw round {r}"
        try:
            if r:
                await page.locator(".sketchpad button.clear").click()
                await page.wait_for_function(f"() => !document.querySelector('{METRIC}')", timeout=timeout * 1000)
                await idle(page, timeout)
            await stroke(page, STROKE if r % 2 == 0 else LOOP)
            t0 = time.perf_counter()
            await page.wait_for_selector(METRIC, timeout=timeout * 1000)
            stats.latency["draw"].append(time.perf_counter() - t0)
            await idle(page, timeout)
            stats.predictions.append(f"{r % 2}:{(await page.locator(METRIC).first.inner_text()).strip()}")
        except Exception as exc:  # noqa: BLE001
            stats.errors.append(f"{where}: no prediction: {str(exc).splitlines()[0][:160]}")
            return
        finally:
            stats.actions += 1
        await exceptions(page, where, stats)


async def one_user(browser, base: str, user: int, rounds: int, stats: Stats, timeout: float, start_delay: float):
    await asyncio.sleep(start_delay)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(timeout * 1000)
    page.on("pageerror", lambda exc: stats.errors.append(f"user {user}: JavaScript error: {str(exc)[:160]}"))
    try:
        await playground_rounds(page, base, user, rounds, stats, timeout)
        await draw_rounds(page, base, user, rounds, stats, timeout)
    finally:
        await context.close()


def playground_configs() -> list[str]:
    """Distinct legal Playground configurations as query strings."""
    from dsconv.conv.arithmetic import ConvSpec, SpecError

    out = []
    for size in range(6, 33):
        for k in (1, 3, 5, 7):
            for d in (1, 2):
                for cin, cout in ((3, 8), (4, 8), (8, 16)):
                    try:
                        ConvSpec(cin, cout, k, stride=1, padding=1, dilation=d).validate(size, size)
                    except SpecError:
                        continue
                    out.append(f"playground?size={size}&k={k}&d={d}&cin={cin}&cout={cout}&p=1")
    return out


def config_urls(n: int) -> list[tuple[str, str]]:
    """n distinct (url path, ready selector): half Playground, a quarter each Receptive Field and Cost."""
    pg = playground_configs()
    rf = [f"receptive_field?preset=custom&size={s}&n=3&k1={k}&k2=3&k3=3&d2={d}"
          for s in range(16, 65) for k in (3, 5) for d in (1, 2)]
    cost = [f"cost?cin={c}&cout={2 * c}&k={k}&size=32" for c in range(8, 257, 4) for k in (3, 5)]
    chart = '[data-testid="stPlotlyChart"]'
    urls: list[tuple[str, str]] = []
    for i in range(n):
        if i % 4 in (0, 1):
            urls.append((pg[(i // 4 * 2 + i % 4) * 11 % len(pg)], chart))  # 11: coprime with len(pg) = 630
        elif i % 4 == 2:
            urls.append((rf[i // 4 % len(rf)], chart))
        else:
            urls.append((cost[i // 4 % len(cost)], chart))
    assert len({u for u, _ in urls}) == n, "configurations are not distinct"
    return urls


async def config_worker(browser, base, queue, stats, timeout, pid, rss_log, total):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(timeout * 1000)
    page.on("pageerror", lambda exc: stats.errors.append(f"JavaScript error: {str(exc)[:160]}"))
    try:
        while True:
            try:
                i, (path, ready) = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            if await open_page(page, f"{base}/{path}", ready, stats, timeout):
                await exceptions(page, path, stats)
            stats.actions += 1
            if stats.actions % 25 == 0 or stats.actions == total:
                rss_log.append((stats.actions, rss_mb(pid)))
                print(f"  {stats.actions:4d} configurations: server RSS {rss_log[-1][1]:.0f} MiB", flush=True)
    finally:
        await context.close()


async def drive(base: str, pid: int, users: int, rounds: int, configs: int, timeout: float, ramp: float) -> dict:
    from playwright.async_api import async_playwright

    stats = Stats()
    rss_log: list[tuple[int, float]] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            # warm-up: one page load each so "before" includes the imported app and the loaded model
            warm = Stats()
            context = await browser.new_context()
            page = await context.new_page()
            await open_page(page, f"{base}/playground", METRIC, warm, timeout)
            await open_page(page, f"{base}/draw", PAD, warm, timeout)
            await context.close()
            stats.errors.extend(warm.errors)
            before, cpu0 = rss_mb(pid), cpu_s(pid)
            t0 = time.perf_counter()
            if configs:
                queue: asyncio.Queue = asyncio.Queue()
                for item in enumerate(config_urls(configs)):
                    queue.put_nowait(item)
                await asyncio.gather(*(config_worker(browser, base, queue, stats, timeout, pid, rss_log, configs)
                                       for _ in range(users)))
            else:
                await asyncio.gather(*(one_user(browser, base, u, rounds, stats, timeout, u * ramp / max(users, 1))
                                       for u in range(users)))
            wall = time.perf_counter() - t0
        finally:
            await browser.close()
    return {"stats": stats, "rss_before": before, "rss_after": rss_mb(pid), "rss_log": rss_log, "wall": wall,
            "server_cpu": cpu_s(pid) - cpu0}


def run_load(users: int = 10, rounds: int = 3, configs: int = 0, timeout: float = 120.0, ramp: float = 2.0,
             base_url: str | None = None, pid: int | None = None) -> dict:
    """Start a server (unless base_url/pid are given), drive it, stop it; returns the figures."""
    proc = None
    if base_url is None:
        port = free_port()
        proc = start_streamlit(port)
        base_url, pid = f"http://127.0.0.1:{port}", proc.pid
    result: dict = {}
    try:
        result = asyncio.run(drive(base_url, pid, users, rounds, configs, timeout, ramp))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except Exception:  # noqa: BLE001
                proc.kill()
            log = getattr(proc, "log_path", None)
            if log and os.path.exists(log):
                text = Path(log).read_text(errors="replace")
                if "Traceback" in text and result:
                    result["stats"].errors.append(f"server log has a traceback: {text[text.index('Traceback'):][:400]!r}")
    result.update(users=users, rounds=rounds, configs=configs)
    return result


def summary(result: dict) -> str:
    """The figures as a plain table."""
    s: Stats = result["stats"]
    rows = [("users (concurrent)", str(result["users"]))]
    if result["configs"]:
        rows.append(("distinct configurations", str(result["configs"])))
    else:
        rows.append(("rounds per page", str(result["rounds"])))
    rows += [("actions", str(s.actions)), ("errors", str(len(s.errors))), ("wall time", f"{result['wall']:.1f} s"),
             ("server CPU time (all users)", f"{result['server_cpu']:.1f} s")]
    for name, values in s.latency.items():
        if values:
            rows.append((f"{name} p50 / p95 (n={len(values)})", f"{pct(values, 50):.2f} s / {pct(values, 95):.2f} s"))
    if s.predictions:
        rows.append(("draw predictions (stroke:digit)", ", ".join(sorted(set(s.predictions)))))
    rows += [("server RSS before", f"{result['rss_before']:.0f} MiB"), ("server RSS after", f"{result['rss_after']:.0f} MiB"),
             ("server RSS growth", f"{result['rss_after'] - result['rss_before']:+.0f} MiB")]
    if result["rss_log"]:
        rows.append(("RSS by configurations", ", ".join(f"{n}: {mb:.0f}" for n, mb in result["rss_log"])))
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    lines += [f"  error: {e}" for e in s.errors[:20]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10, help="concurrent browser users (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="slider moves and strokes per user and page")
    parser.add_argument("--configs", type=int, default=0,
                        help="instead: load this many distinct configurations (e.g. 200) and report RSS growth")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds one wait may take before it is an error")
    parser.add_argument("--ramp", type=float, default=2.0, help="seconds over which users arrive")
    parser.add_argument("--url", help="drive an already running server instead of starting one")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id for RSS")
    args = parser.parse_args()
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}")
    result = run_load(args.users, args.rounds, args.configs, args.timeout, args.ramp, args.url, args.pid)
    print(summary(result))
    print(f"(load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    sys.exit(1 if result["stats"].errors else 0)


if __name__ == "__main__":
    main()
