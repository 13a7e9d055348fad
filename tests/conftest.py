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
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


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


def launch_context(p, width: int = 1400, height: int = 1000, has_touch: bool = False):
    """A fresh Chromium profile with the flags this machine needs (no network, no sandbox as root)."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    context = p.chromium.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": width, "height": height},
        has_touch=has_touch,
    )
    context.profile_dir = profile  # type: ignore[attr-defined]
    return context


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
    context.close()
    shutil.rmtree(context.profile_dir, ignore_errors=True)


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
