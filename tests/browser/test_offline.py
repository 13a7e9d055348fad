"""Offline at run time: every page works with every request outside localhost blocked (no CDN, no fonts,
no telemetry). Chromium routes every request through Playwright; anything not to 127.0.0.1 is aborted
and recorded, and none may be attempted."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import ARTIFACTS, open_page

PAGES = ["", "playground", "receptive_field", "cost", "train", "draw", "builder", "paste"]
LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_loads_with_the_internet_blocked(app_url, page):
    outside: list[str] = []

    def route(r):
        url = r.request.url
        if urlparse(url).scheme in ("data", "blob") or urlparse(url).hostname in LOCAL:
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.context.route("**/*", route)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)[:200]))
    for name in PAGES:
        # the page drew its content
        open_page(page, f"{app_url}/{name}", ready='[data-testid="stMain"] h1', timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / f"offline_{name or 'home'}.png"))
        assert page.locator('[data-testid="stException"]').count() == 0, name
    # language switch and presentation mode load nothing from outside either
    open_page(page, f"{app_url}/playground?lang=zh&present=1")
    assert sorted(set(outside)) == []
    assert errors == []
