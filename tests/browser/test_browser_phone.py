"""On a phone (390×844, touch) changing page is one tap (page links above every page); on a tablet (820×1180,
touch) the sidebar's own links are one tap away too. Taps are counted, not assumed."""

from __future__ import annotations

import tempfile

import pytest

from conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, wait_for_app
from dsconv.i18n import t

pytestmark = pytest.mark.browser

VISIBLE_LINKS = """title => [...document.querySelectorAll('a')].map(a => { delete a.dataset.onetap; return a; }).filter(a => a.innerText.includes(title)
  && a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden'
  && a.getBoundingClientRect().left >= 0 && a.getBoundingClientRect().right <= window.innerWidth
  && a.getBoundingClientRect().bottom <= window.innerHeight)
  .map((a, i) => { a.dataset.onetap = i === 0 ? 'yes' : 'no'; return a; }).length"""  # on screen now: no scrolling, no menu


@pytest.fixture(params=[(390, 844), (820, 1180)], ids=["phone", "tablet"])
def touch_page(playwright_instance, request):
    width, height = request.param
    context = playwright_instance.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="chromium-profile-"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport={"width": width, "height": height}, has_touch=True, is_mobile=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg, f"{width}x{height}"
    context.close()


def heading(page, title: str) -> None:
    page.wait_for_function(
        "t => [...document.querySelectorAll('[data-testid=\"stMain\"] h1')].some(h => h.innerText.trim() === t)",
        arg=title, timeout=90_000)
    wait_for_app(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_changing_page_is_one_tap(touch_page, app_url, lang):
    page, size = touch_page
    page.goto(f"{app_url}/?lang={lang}")
    heading(page, t("home.title", lang))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone_nav_{size}_{lang}.png"))
    taps = 0
    for key, title_key in (("nav.cost", "cost.title"), ("nav.receptive", "rf.title"), ("nav.home", "home.title")):
        title = t(key, lang)
        assert page.evaluate(VISIBLE_LINKS, title) >= 1, f"no visible one-tap link to {title} at {size}"
        page.locator('a[data-onetap="yes"]').tap()
        taps += 1
        heading(page, t(title_key, lang))
    assert taps == 3  # three page changes, one tap each
    page.screenshot(path=str(ARTIFACTS / f"phone_nav_{size}_{lang}_after.png"))
