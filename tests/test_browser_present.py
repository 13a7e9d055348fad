"""In a real browser at projector size (1920×1080): presentation mode renders larger text, collapses the
sidebar and hides secondary controls, from the URL and from the sidebar toggle."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, wait_for_app
from dsconv.i18n import t

pytestmark = pytest.mark.browser

SIZES = """() => {
  const px = sel => { const e = document.querySelector(sel); return e ? parseFloat(getComputedStyle(e).fontSize) : null; };
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    text: px('[data-testid="stMain"] [data-testid="stMarkdownContainer"] p'),
    h1: px('[data-testid="stMain"] h1 span'),
    label: px('[data-testid="stMain"] [data-testid="stWidgetLabel"] p'),
    sidebarWidth: sidebar ? sidebar.getBoundingClientRect().width : 0,
    downloads: [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDownloadButton"]')]
      .filter(e => e.offsetParent !== null).length,
  };
}"""


def open_page(page, url: str, title: str) -> dict:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(url)
    page.wait_for_function(
        "t => [...document.querySelectorAll('[data-testid=\"stMain\"] h1')].some(h => h.innerText.trim() === t)",
        arg=title,
        timeout=90_000,
    )
    page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=60_000)
    wait_for_app(page)
    page.wait_for_timeout(500)
    return page.evaluate(SIZES)


def test_presentation_mode_from_url_is_larger_with_fewer_controls(page, app_url):
    normal = open_page(page, app_url + "/playground?lang=zh", t("pg.title", "zh"))
    present = open_page(page, app_url + "/playground?lang=zh&present=1", t("pg.title", "zh"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "present_playground_1920.png"))
    assert present["text"] >= 1.4 * normal["text"]
    assert present["h1"] > normal["h1"] and present["label"] > normal["label"]
    assert present["text"] >= 24  # ≈ 18 pt: readable from the back of a classroom at 1080p
    assert normal["sidebarWidth"] > 200 and present["sidebarWidth"] < 50  # sidebar collapsed
    assert normal["downloads"] >= 1 and present["downloads"] == 0


def test_presentation_toggle_in_the_sidebar_enlarges_the_page(page, app_url):
    before = open_page(page, app_url + "/receptive_field", t("rf.title", "en"))
    page.get_by_test_id("stSidebar").get_by_text(t("app.presentation", "en")).click()
    page.wait_for_function(
        "px => parseFloat(getComputedStyle(document.querySelector("
        "'[data-testid=\"stMain\"] [data-testid=\"stMarkdownContainer\"] p')).fontSize) > px",
        arg=before["text"] * 1.3,
        timeout=30_000,
    )
    wait_for_app(page)
    after = page.evaluate(SIZES)
    assert after["h1"] > before["h1"]
    assert "present=1" in page.url
