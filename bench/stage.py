"""The kernel-sliding stage in real Chromium: what a class can read, how fast it answers, what a rerun costs.

Prints (issue 21's figures):
- presentation mode, default settings, FIRST screen (no scrolling) at 1920×1080 and 1280×720, the picture link
  (?view=picture) at 1920×1080, and a 1440×900 laptop: how many numbers of the picture are visible and their
  on-screen font size (font-size × the SVG's screen scale), median and minimum;
- slider → picture: key press on a slider to the last DOM change of the page (open shadow roots included),
  median over several presses, beside a bare Streamlit slider app (bench/bare_slider_app.py) in the same run;
- bytes the server sends per rerun (websocket frames received) at typical settings.
Usage: ``python3 bench/stage.py`` (starts two ``streamlit run`` servers on free localhost ports).
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_streamlit, wait_for_app  # noqa: E402

# numbers of the picture on the first screen and their size on screen (px)
READABLE = """() => {
  const out = [];
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) { if (el.shadowRoot) walk(el.shadowRoot); }
    for (const t of node.querySelectorAll('.dsstage svg text')) {
      if (getComputedStyle(t).visibility === 'hidden') continue;
      const text = t.textContent.replace('Σ = ', '').trim();
      if (!/^-?\\d+(\\.\\d+)?$/.test(text)) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0 || r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) continue;
      const px = parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a;
      out.push({px, role: t.dataset.role});
    }
  };
  walk(document);
  return out;
}"""

# watch every DOM change (document and open shadow roots) and remember the time of the last one. One observer per
# root for the whole page's life; a mutation only scans the nodes it added for new shadow roots. (An observer per
# press that re-scanned the whole document on every mutation made the instrument itself cost more on a bigger page
# and more with every press: up to twice the Playground's latency by the 16th press.)
WATCH = """() => {
  window.__last = performance.now();
  if (window.__dsWatch) { window.__dsWatch(document.body); return; }
  const seen = new WeakSet();
  const scan = (node) => {
    if (node.nodeType !== 1) return;
    if (node.shadowRoot) observe(node.shadowRoot);
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) observe(el.shadowRoot);
  };
  const observe = (root) => {
    if (seen.has(root)) return;
    seen.add(root);
    new MutationObserver((ms) => {
      window.__last = performance.now();
      for (const m of ms) for (const n of m.addedNodes) scan(n);
    }).observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) observe(el.shadowRoot);
  };
  window.__dsWatch = (node) => { observe(document.body); scan(node); };
  window.__dsWatch(document.body);
}"""


def open_page(page, url: str, path: str) -> None:
    page.goto(url + "/")
    wait_for_app(page)
    if path:
        page.goto(url + path)
        wait_for_app(page)
    page.wait_for_timeout(800)


def readable(browser, url: str, width: int, height: int, query: str) -> dict:
    page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
    open_page(page, url, "/playground?" + query)
    page.locator(".dsstage svg.pic text").first.wait_for()
    page.wait_for_timeout(500)
    found = page.evaluate(READABLE)
    cells = [f["px"] for f in found if f["role"] in ("x", "w", "p", "y")]
    page.close()
    px = [f["px"] for f in found]
    return {"count": len(px), "median": statistics.median(px) if px else 0, "min": min(px) if px else 0,
            "cell_min": min(cells) if cells else 0, "cell_median": statistics.median(cells) if cells else 0}


def press_and_settle(page, slider_name: str, key: str) -> float:
    """ms from a key press on the slider to the last DOM change of the page (quiet for 1.5 s)."""
    page.evaluate(WATCH)
    page.wait_for_timeout(300)
    start = page.evaluate("performance.now()")
    page.get_by_role("slider", name=slider_name).press(key)
    for _ in range(200):  # up to 20 s
        page.wait_for_timeout(100)
        if page.evaluate("performance.now() - window.__last") > 1500:
            break
    ms = page.evaluate("window.__last") - start
    wait_for_app(page)
    return ms


def latencies(bare, app, presses: int) -> tuple[list[float], list[float]]:
    """The bare slider and the Playground's kernel_size, press for press in turn (both see the same machine load)."""
    floor, mine = [], []
    for i in range(presses):
        key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
        floor.append(press_and_settle(bare, "bare", key))
        mine.append(press_and_settle(app, "kernel_size", key))
    return floor, mine


def rerun_bytes(page, slider_name: str, presses: int) -> list[int]:
    """Bytes of websocket frames the server sends for one slider change (one rerun): a new kernel_size, then
    back to one the browser has seen (Streamlit then sends references to messages it already holds)."""
    got: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: got.append(len(p) if p else 0)))
    page.reload()
    wait_for_app(page)
    page.wait_for_timeout(1000)
    slider = page.get_by_role("slider", name=slider_name)
    sizes = []
    for i in range(presses):
        got.clear()
        slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        page.wait_for_timeout(400)
        wait_for_app(page)
        page.wait_for_timeout(600)
        sizes.append(sum(got))
    return sizes


def main() -> None:
    from playwright.sync_api import sync_playwright

    port, bare_port = free_port(), free_port()
    app = start_streamlit(port)
    bare = start_streamlit_bare(bare_port)
    url, bare_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{bare_port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            rows = [("presentation 1920×1080", 1920, 1080, "present=1", ">= 100 at median >= 20 px"),
                    ("presentation 1280×720", 1280, 720, "present=1", ">= 60 at median >= 14 px"),
                    ("picture link 1920×1080", 1920, 1080, "view=picture", ">= 100 at median >= 20 px"),
                    ("laptop 1440×900", 1440, 900, "", "cell numbers >= 12 px")]
            print("Numbers of the picture on the first screen (default settings):")
            for name, w, h, q, budget in rows:
                r = readable(browser, url, w, h, q)
                print(f"  {name:24s} {r['count']:4d} numbers, median {r['median']:.1f} px, min {r['min']:.1f} px; "
                      f"cell numbers median {r['cell_median']:.1f} px, min {r['cell_min']:.1f} px   (target {budget})")
            presses = 20
            bare_page = browser.new_page(viewport={"width": 1440, "height": 900})
            open_page(bare_page, bare_url, "")
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            open_page(page, url, "/playground")
            page.locator(".dsstage svg.pic text").first.wait_for()
            floor, mine = latencies(bare_page, page, presses)
            sizes = rerun_bytes(page, "kernel_size", 6)
            page.close()
            browser.close()
        fm, mm = statistics.median(floor), statistics.median(mine)
        print(f"Slider → last DOM change, median of {presses} presses each, in turn (1440×900; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
        print(f"  bare Streamlit slider {fm:.0f} ms  {[round(x) for x in floor]}")
        print(f"  Playground kernel_size {mm:.0f} ms  {[round(x) for x in mine]}  = {mm / fm:.1f}× the bare slider"
              "   (target <= 6×)")
        print(f"Bytes sent by the server per rerun (kernel_size ±1, default settings): median "
              f"{statistics.median(sizes) / 1000:.1f} KB, max {max(sizes) / 1000:.1f} KB   (target <= 60 KB)")
    finally:
        for proc in (app, bare):
            proc.terminate()
            proc.wait(timeout=10)


def start_streamlit_bare(port: int):
    """``streamlit run bench/bare_slider_app.py`` (conftest's helper runs app.py)."""
    import subprocess
    import time
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "bare_slider_app.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
                             "--browser.gatherUsageStats", "false"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("bare slider app did not start")


if __name__ == "__main__":
    main()
