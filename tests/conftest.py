"""Shared fixtures: real MNIST location, a live `streamlit run` server and a Playwright page in Debian Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from deploy.local_cluster import stop  # noqa: F401 - the one stop(proc), for tests too

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("DSCONV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(reason: str) -> None:
    """No data: fail in CI (the data tests must run there), skip on a developer's machine."""
    print(reason)
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """Real MNIST: $DSCONV_MNIST_DIR, then ../shared/mnist, then the user cache (downloading when online)."""
    from dsconv.datadirs import SHARED, search_path
    from dsconv.mnist.data import DEFAULT_DIR, ensure_mnist, find_mnist

    candidates = search_path("DSCONV_MNIST_DIR", SHARED / "mnist", DEFAULT_DIR)
    found = find_mnist(candidates)
    if found is not None:
        return found
    try:
        return ensure_mnist(DEFAULT_DIR)
    except Exception as exc:  # offline and nothing on disk
        _missing(f"real MNIST not found (tried {', '.join(map(str, candidates))}; download failed: {exc})")


@pytest.fixture(scope="session")
def pendigits_dir() -> Path:
    """The UCI pen digits (UNIPEN files): $DSCONV_PENDIGITS_DIR, then ../shared/pendigits, then the user cache."""
    from dsconv.handwriting.pendigits import candidate_dirs, find_pendigits

    found = find_pendigits()
    if found is None:
        _missing(f"pen digits not found (tried {', '.join(map(str, candidate_dirs()))})")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(port: int, env: dict | None = None) -> subprocess.Popen:
    """Start `streamlit run app.py` on localhost:port and wait until it answers its health check."""
    log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    proc.log_path = log.name  # type: ignore[attr-defined]
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {Path(log.name).read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start within 60 s")


SERVER_PIDS: dict[str, int] = {}  # app_url -> pid of its `streamlit run` (load tests watch its memory and children)


def server_pid(url: str) -> int:
    """The pid of the server behind ``url`` (started by the ``app_url`` fixture)."""
    return SERVER_PIDS[url]


@pytest.fixture(scope="session")
def app_url():
    """Base URL of a `streamlit run app.py` server on a free localhost port (one per test session)."""
    port = free_port()
    proc = start_streamlit(port)
    SERVER_PIDS[f"http://127.0.0.1:{port}"] = proc.pid
    yield f"http://127.0.0.1:{port}"
    stop(proc)


@pytest.fixture(scope="session")
def playwright_instance():
    if not Path(CHROMIUM).exists():
        msg = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


def context_options(width: int = 1400, height: int = 1000, *, touch: bool = False, mobile: bool = False,
                    agent: str | None = None) -> dict:
    """Playwright context options for one screen: viewport, touch events, a mobile viewport, a user agent."""
    options: dict = {"viewport": {"width": width, "height": height}, "has_touch": touch}
    if mobile:
        options["is_mobile"] = True
    if agent:
        options["user_agent"] = agent
    return options


def launch_context(p, width: int = 1400, height: int = 1000, has_touch: bool = False, **screen):
    """A fresh Chromium profile with the flags this machine needs (no network, no sandbox as root).

    ``screen`` takes the other ``context_options`` (mobile, agent); close it with ``close_context``."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    context = p.chromium.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        **context_options(width, height, touch=has_touch, **screen),
    )
    context.profile_dir = profile  # type: ignore[attr-defined]
    return context


def close_context(context) -> None:
    """Close a ``launch_context`` context and delete its profile folder."""
    context.close()
    shutil.rmtree(context.profile_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(playwright_instance):
    """One launched Chromium per test module; ``new_page`` opens cheap contexts in it."""
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield b
    b.close()


def new_page(browser, width: int = 1400, height: int = 1000, *, timeout: float = 30_000, **screen):
    """A page in a fresh context of an already launched ``browser`` (cheaper than a profile per page)."""
    pg = browser.new_context(**context_options(width, height, **screen)).new_page()
    pg.set_default_timeout(timeout)
    return pg


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def page(playwright_instance, request):
    """A Playwright page in a fresh Chromium profile; saves a screenshot to tests/artifacts on failure."""
    context = launch_context(playwright_instance)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        except Exception:
            pass
    close_context(context)


def wait_for_app(pg) -> None:
    """Wait until Streamlit has finished the current run (no 'running' indicator, app view present)."""
    pg.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    # While a run is going the status widget reads "Running..." (older Streamlit) or shows a "Stop" button.
    pg.wait_for_function(
        "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !/Running|Stop/.test(w.innerText); }",
        timeout=30_000,
    )
    pg.wait_for_timeout(300)


H1 = '[data-testid="stMain"] h1'


def wait_heading(pg, text: str, timeout: float = 90_000, selector: str = H1) -> None:
    """Wait until a page heading (``selector``) reads ``text`` exactly, then until the run has finished."""
    pg.wait_for_function(
        "([sel, text]) => [...document.querySelectorAll(sel)].some(h => h.innerText.trim() === text)",
        arg=[selector, text],
        timeout=timeout,
    )
    wait_for_app(pg)


def heading(pg, timeout: float = 60_000) -> str:
    """The main page's first heading, once it is there and the run has finished."""
    pg.wait_for_selector(H1, timeout=timeout)
    wait_for_app(pg)
    return pg.locator(H1).first.inner_text()


def open_page(pg, url: str, *, title: str | None = None, ready: str | tuple[str, ...] = (), pause_ms: int = 0,
              timeout: float = 90_000) -> None:
    """Open ``url`` and wait: for the heading ``title``, for the selector(s) ``ready``, ``pause_ms``, a finished run."""
    pg.goto(url)
    if title is not None:
        wait_heading(pg, title, timeout)
    for selector in (ready,) if isinstance(ready, str) else ready:
        pg.wait_for_selector(selector, timeout=timeout)
    if pause_ms:
        pg.wait_for_timeout(pause_ms)
    wait_for_app(pg)


def sketchpad(pg):
    """The sketchpad's canvas (inside the component's open shadow root)."""
    return pg.get_by_test_id("stBidiComponentIsolated").locator("canvas")


def touch_stroke(pg, points: list[tuple[float, float]]) -> None:
    """One finger stroke through ``points`` (fractions of the sketchpad), sent as real touch events over CDP."""
    box = sketchpad(pg).bounding_box()
    cdp = pg.context.new_cdp_session(pg)
    xy = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in points]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": xy[0][0], "y": xy[0][1]}]})
    for x, y in xy[1:]:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def mouse_stroke(pg, points: list[tuple[float, float]]) -> None:
    """One mouse stroke through ``points`` (fractions of the sketchpad)."""
    box = sketchpad(pg).bounding_box()
    pg.mouse.move(box["x"] + points[0][0] * box["width"], box["y"] + points[0][1] * box["height"])
    pg.mouse.down()
    for x, y in points[1:]:
        pg.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=2)
    pg.mouse.up()
