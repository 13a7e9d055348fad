"""In a real browser at projector size (1920×1080): presentation mode renders larger text, collapses the
sidebar (on every page change too) and hides secondary controls, from the URL and from the sidebar toggle; code,
tables and formulas grow like the text; at 1280×720 the controls fold so the page fits a projector screen."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, open_page, wait_for_app, wait_heading
from dsconv.i18n import t

pytestmark = pytest.mark.browser

SIZES = """() => {
  const px = sel => { const e = document.querySelector(sel); return e ? parseFloat(getComputedStyle(e).fontSize) : null; };
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    text: px('[data-testid="stMain"] [data-testid="stMarkdownContainer"] p'),
    h1: px('[data-testid="stMain"] h1 span'),
    label: px('[data-testid="stMain"] [data-testid="stWidgetLabel"] p, [data-testid="stPopoverBody"] [data-testid="stWidgetLabel"] p'),
    sidebarWidth: sidebar ? sidebar.getBoundingClientRect().width : 0,
    downloads: [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDownloadButton"]')]
      .filter(e => e.offsetParent !== null).length,
  };
}"""


def sizes_at_1920(page, url: str, title: str) -> dict:
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, url, title=title, ready='[data-testid="stPlotlyChart"]', pause_ms=500)
    return page.evaluate(SIZES)


def test_presentation_mode_from_url_is_larger_with_fewer_controls(page, app_url):
    # the Cost page: the Playground's controls are a strip beside its stage (tests/browser/test_browser_playground.py)
    normal = sizes_at_1920(page, app_url + "/cost?lang=zh", t("cost.title", "zh"))
    sizes_at_1920(page, app_url + "/cost?lang=zh&present=1", t("cost.title", "zh"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "present_cost_1920.png"))
    page.get_by_test_id("stPopover").get_by_role("button").click()  # the controls are folded on a projector
    page.get_by_test_id("stPopoverBody").get_by_test_id("stSlider").first.wait_for(timeout=15_000)
    wait_for_app(page)
    page.screenshot(path=str(ARTIFACTS / "present_cost_1920_controls.png"))
    present = page.evaluate(SIZES)
    assert present["text"] >= 1.4 * normal["text"]
    assert present["h1"] > normal["h1"] and present["label"] > normal["label"]
    assert present["text"] >= 24  # ≈ 18 pt: readable from the back of a classroom at 1080p
    assert normal["sidebarWidth"] > 200 and present["sidebarWidth"] < 50  # sidebar collapsed
    assert normal["downloads"] >= 1 and present["downloads"] >= 1  # export stays reachable for slides


def test_presentation_toggle_in_the_sidebar_enlarges_the_page(page, app_url):
    before = sizes_at_1920(page, app_url + "/receptive_field", t("rf.title", "en"))
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


BIG = """() => {
  const px = sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length)
    .map(e => parseFloat(getComputedStyle(e).fontSize));
  return {
    code: px('[data-testid="stMain"] [data-testid="stCode"] code'),
    katex: px('[data-testid="stMain"] .katex'),
    cells: px('[data-testid="stMain"] [data-testid="stTable"] td'),
    none: [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stTable"] td')]
      .filter(td => /^(None|nan|<NA>)$/.test(td.innerText.trim())).length,
    scroll: [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stTable"]')]
      .filter(t => [t, ...t.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 2)).length,  // the scroller is inside
    cut: [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stButton"] button p')]
      .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.innerText),
  };
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_code_tables_and_formulas_are_enlarged_and_blank_cells_blank(page, app_url, lang):
    page.set_viewport_size({"width": 1400, "height": 1000})
    for path, title in (("/builder?preset=mobilenet", "builder.title"), ("/cost?preset=mobilenet", "cost.title")):
        open_page(page, f"{app_url}{path}&lang={lang}&present=1", title=t(title, lang),
                  ready='[data-testid="stMain"] .katex')
        page.wait_for_function(  # the whole page drawn (the first paint can be the skeleton of a rerun)
            "() => document.querySelectorAll('[data-testid=stMain] [data-testid=stTable] td').length > 0"
            " && document.querySelectorAll('[data-testid=stMain] [data-testid=stCode]').length > 0 === %s"
            " && !document.querySelector('[data-testid=stMain] [data-testid=stSkeleton]')"
            % ("true" if path.startswith("/builder") else "false"), timeout=60_000)
        wait_for_app(page)
        big = page.evaluate(BIG)
        page.screenshot(path=str(ARTIFACTS / f"present_{path.split('?')[0][1:]}_{lang}_1400.png"))
        assert big["cells"] and min(big["cells"]) >= 24, big  # like the text (today's tables: 14 px)
        assert min(big["katex"]) >= 28, big  # formulas (today 19 px)
        if path.startswith("/builder"):
            assert big["code"] and min(big["code"]) >= 20, big  # code (today 14 px)
        assert big["none"] == 0 and big["scroll"] == 0, big  # no "None", no columns behind a scroll bar
        assert big["cut"] == [], big  # no button label cut short with "…"


def test_sidebar_collapses_on_every_page_change(page, app_url):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, f"{app_url}/?present=1", ready='[data-testid="stExpandSidebarButton"]')
    width = "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().width"
    for nav, title in (("nav.cost", "cost.title"), ("nav.train", "nav.train"), ("nav.builder", "builder.title")):
        page.get_by_test_id("stExpandSidebarButton").click()
        page.wait_for_function(f"() => ({width})() > 200")
        page.get_by_test_id("stSidebarNav").get_by_text(t(nav), exact=True).click()
        wait_heading(page, t(title))
        page.wait_for_function(f"() => ({width})() < 50", timeout=15_000)  # closed again, by itself


def test_train_page_fits_a_1280x720_projector(page, app_url, mnist_dir):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/train?present=1")
    button = page.get_by_role("button", name=t("train.run"))
    button.wait_for(timeout=90_000)
    wait_for_app(page)
    page.screenshot(path=str(ARTIFACTS / "present_train_1280x720.png"))
    assert button.bounding_box()["y"] + button.bounding_box()["height"] <= 720  # controls and Train on screen
    stop = page.get_by_test_id("stMain").get_by_role("button", name="Stop")
    assert stop.is_visible() and stop.is_disabled()  # a button with help= was hidden with the help icons
    folded = page.locator(".st-key-train_controls, [data-testid='stPopover']").first
    assert folded.is_visible() and folded.bounding_box()["height"] < 120  # the three controls are folded


FIT = """key => {
  const box = e => e ? e.getBoundingClientRect() : null;
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    chart: box(main.querySelector('[data-testid="stPlotlyChart"] .main-svg')),
    button: box(main.querySelector(`.st-key-${key} button, .st-key-${key} [data-testid="stPopoverButton"]`)),
    scrollY: window.scrollY,
    cut: [...main.querySelectorAll('[data-testid="stWidgetLabel"] p, button p')]
      .filter(p => p.getClientRects().length && p.scrollWidth > p.clientWidth + 1).map(p => p.innerText),
  };
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("path", "title", "key"), [("/cost", "cost.title", "cost_controls"),
                                                    ("/receptive_field", "rf.title", "rf_controls")])
def test_cost_and_receptive_field_fit_a_1280x720_projector(page, app_url, path, title, key, lang):
    """On a 1280×720 projector the page's main picture and its folded controls are on the first screen."""
    for width, height in ((1920, 1080), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, f"{app_url}{path}?present=1&lang={lang}", title=t(title, lang), pause_ms=500,
                  ready=('[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg', f".st-key-{key}"))
        page.screenshot(path=str(ARTIFACTS / f"present_{path[1:]}_{lang}_{width}x{height}.png"))
        fit = page.evaluate(FIT, key)
        assert fit["scrollY"] == 0 and fit["chart"] and fit["button"], fit
        assert fit["button"]["bottom"] <= height and fit["button"]["height"] < 120, fit  # folded, on screen
        assert fit["chart"]["top"] >= 0 and fit["chart"]["bottom"] <= height, fit  # the whole picture on screen
        assert fit["chart"]["right"] <= width, fit
        assert fit["cut"] == [], fit  # no label cut short


TABLES_SCROLL = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stTable"]')]
  .filter(t => [t, ...t.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 2))
  .map(t => t.innerText.slice(0, 40))"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_enlarged_tables_fit_a_1280_projector_without_a_side_scroll(page, app_url, lang):
    """The widest tables (Cost's counters, ResNet-50's layers and end points, Train's model card) at 1280 px."""
    page.set_viewport_size({"width": 1280, "height": 720})
    for path in ("/cost?", "/receptive_field?preset=resnet50&", "/train?"):
        open_page(page, f"{app_url}{path}present=1&lang={lang}", ready='[data-testid="stMain"] [data-testid="stTable"]',
                  pause_ms=500)
        assert page.evaluate(TABLES_SCROLL) == [], path
