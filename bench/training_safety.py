"""Training safety: does one learner's training run on the Train page slow other learners' pages down?

Starts `streamlit run app.py`, measures another browser session's Playground rerun time (slider move ->
updated weight shape) first with the server idle, then while session A trains on the Train page, then
stops A's run in the middle with the Stop button and checks that A can train again (its run slot was
released). Prints the figures.

    python bench/training_safety.py --subset 20000 --epochs 1 --moves 12
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("load_test", ROOT / "load_test.py")
lt = importlib.util.module_from_spec(_spec)
sys.modules["load_test"] = lt
_spec.loader.exec_module(lt)

PROGRESS = '[data-testid="stProgress"]'


async def playground_moves(page, moves: int, timeout: float, stop_when=None) -> list[float]:
    """Move kernel_size back and forth ``moves`` times; seconds from key press to the new weight shape."""
    times, k = [], 3
    slider = page.locator(".st-key-k input[type=range]")
    for i in range(moves):
        if stop_when is not None and stop_when():
            break
        step = 1 if i % 2 == 0 else -1
        k += step
        t0 = time.perf_counter()
        await slider.press("ArrowRight" if step > 0 else "ArrowLeft")
        await page.wait_for_function(
            "([sel, want]) => [...document.querySelectorAll(sel)].some(m => m.innerText.trim() === want)",
            arg=[lt.METRIC, f"(8, 3, {k}, {k})"], timeout=timeout * 1000)
        times.append(time.perf_counter() - t0)
        await lt.idle(page, timeout)
    return times


async def training_running(page) -> bool:
    return await page.locator(PROGRESS).count() > 0


async def drive(base: str, pid: int, subset: int, epochs: int, moves: int, timeout: float) -> dict:
    from playwright.async_api import async_playwright

    out: dict = {"errors": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=lt.CHROMIUM, headless=True, args=lt.CHROMIUM_ARGS)
        try:
            ctx_a, ctx_b = await browser.new_context(), await browser.new_context()
            a, b = await ctx_a.new_page(), await ctx_b.new_page()
            for pg in (a, b):
                pg.set_default_timeout(timeout * 1000)
            stats = lt.Stats()
            await lt.open_page(b, f"{base}/playground?k=3&cin=3&cout=8", lt.METRIC, stats, timeout)
            await lt.open_page(a, f"{base}/train?subset={subset}&epochs={epochs}", ".st-key-train_run button",
                               stats, timeout)
            out["errors"] += stats.errors
            await playground_moves(b, 2, timeout)  # warm the caches
            out["idle"] = await playground_moves(b, moves, timeout)

            # session A trains; session B keeps moving its slider
            t_start = time.perf_counter()
            await a.locator(".st-key-train_run button").first.click()
            await a.wait_for_selector(PROGRESS, timeout=timeout * 1000)
            out["train_start_s"] = time.perf_counter() - t_start
            during, checked = [], 0
            while await training_running(a):
                during += await playground_moves(b, 2, timeout)
                checked += 1
                if len(during) >= moves:
                    break
            out["during"] = during
            out["rss_during"] = lt.rss_mb(pid)
            # let the run finish and time it
            await a.get_by_text("Trained “").wait_for(timeout=max(timeout, 900) * 1000)  # the success message
            out["train_wall_s"] = time.perf_counter() - t_start
            await lt.exceptions(a, "train page", lt_stats := lt.Stats())
            out["errors"] += lt_stats.errors
            out["after"] = await playground_moves(b, moves, timeout)

            # stop in the middle: Stop button while the progress bar shows, then train again
            try:
                await a.locator(".st-key-train_run button").first.click()
                await a.wait_for_selector(PROGRESS, timeout=timeout * 1000)
                await a.wait_for_timeout(1500)
                t_stop = time.perf_counter()
                await a.locator(".st-key-train_stop button:not([disabled])").first.click()
                await a.wait_for_selector("text=stopped before the end", timeout=timeout * 1000)
                out["stop_s"] = time.perf_counter() - t_stop
                await lt.idle(a, timeout)
                await a.locator(".st-key-train_run button").first.click()
                try:
                    await a.wait_for_selector(PROGRESS, timeout=timeout * 1000)
                    out["restart_ok"] = True
                except Exception:  # noqa: BLE001
                    out["restart_ok"] = False
                    out["errors"].append("after Stop, a new run did not start (busy slot?)")
                if await a.get_by_text("already training").count():
                    out["errors"].append("after Stop the server said it was busy: the run slot was not released")
                await a.locator(".st-key-train_stop button:not([disabled])").first.click()
                await a.wait_for_selector("text=stopped before the end", timeout=timeout * 1000)
                await lt.exceptions(a, "train page after stop", st2 := lt.Stats())
                out["errors"] += st2.errors
            except Exception as exc:  # noqa: BLE001 - report what the page showed, keep the figures
                shown = (await a.locator('[data-testid="stAlert"]').all_inner_texts())[:4]
                out["errors"].append(f"stop/restart: {str(exc).splitlines()[0][:120]}; page said {shown}")
            await ctx_a.close()
            await ctx_b.close()
        finally:
            await browser.close()
    out["rss_after"] = lt.rss_mb(pid)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=int, default=20000, help="training images (one of the page's choices)")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--moves", type=int, default=12, help="Playground slider moves per phase")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    port = lt.free_port()
    proc = lt.start_streamlit(port)
    try:
        rss_before = lt.rss_mb(proc.pid)
        out = asyncio.run(drive(f"http://127.0.0.1:{port}", proc.pid, args.subset, args.epochs, args.moves,
                                args.timeout))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    f = lambda xs: f"p50 {lt.pct(xs, 50):.2f} s / p95 {lt.pct(xs, 95):.2f} s / max {max(xs):.2f} s (n={len(xs)})" if xs else "-"  # noqa: E731
    print(f"training run: {args.subset:,} images x {args.epochs} epoch(s)")
    print(f"other session's Playground rerun, server idle      : {f(out.get('idle', []))}")
    print(f"other session's Playground rerun, during training  : {f(out.get('during', []))}")
    print(f"other session's Playground rerun, after training   : {f(out.get('after', []))}")
    print(f"train click -> progress bar                        : {out.get('train_start_s', float('nan')):.2f} s")
    print(f"training wall time (click -> 'Trained')            : {out.get('train_wall_s', float('nan')):.1f} s")
    print(f"Stop click -> 'Training stopped'                   : {out.get('stop_s', float('nan')):.2f} s")
    print(f"a new run starts after Stop                         : {out.get('restart_ok')}")
    print(f"server RSS before / during / after                 : {rss_before:.0f} / {out.get('rss_during', 0):.0f} / "
          f"{out.get('rss_after', 0):.0f} MiB")
    print(f"errors                                             : {len(out['errors'])}")
    for e in out["errors"]:
        print("  error:", e)
    import os

    print(f"(load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
