"""On a phone (390×844, touch) changing page is one tap (page links above every page); on a tablet (820×1180,
touch) the sidebar's own links are one tap away too. Taps are counted, not assumed."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, close_context, launch_context, wait_heading
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
    context = launch_context(playwright_instance, width, height, has_touch=True, mobile=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg, f"{width}x{height}"
    close_context(context)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_changing_page_is_one_tap(touch_page, app_url, lang):
    page, size = touch_page
    page.goto(f"{app_url}/?lang={lang}")
    wait_heading(page, t("home.title", lang))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone_nav_{size}_{lang}.png"))
    taps = 0
    for key, title_key in (("nav.cost", "cost.title"), ("nav.receptive", "rf.title"), ("nav.home", "home.title")):
        title = t(key, lang)
        assert page.evaluate(VISIBLE_LINKS, title) >= 1, f"no visible one-tap link to {title} at {size}"
        page.locator('a[data-onetap="yes"]').tap()
        taps += 1
        wait_heading(page, t(title_key, lang))
    assert taps == 3  # three page changes, one tap each
    page.screenshot(path=str(ARTIFACTS / f"phone_nav_{size}_{lang}_after.png"))
