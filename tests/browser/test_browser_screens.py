"""Screens, in a real browser: the Draw canvas never moves under the finger (phone and tablet, touch), and every
page reads on a projector (presentation mode, 1920×1080 and 1280×720, English and 中文)."""

from __future__ import annotations

import time

import pytest

from conftest import (ARTIFACTS, close_context, launch_context, mouse_stroke, open_page, sketchpad, touch_stroke,
                      wait_for_app, wait_heading)
from dsconv.i18n import t
from test_browser_draw import METRIC

pytestmark = pytest.mark.browser

L_STROKE = [(0.32, 0.15 + 0.03 * i) for i in range(15)] + [(0.32 + 0.03 * i, 0.57) for i in range(1, 16)]  # "L" of a 4
BAR_STROKE = [(0.62, 0.12 + 0.035 * i) for i in range(23)]  # its vertical bar


def strokes_on_canvas(page) -> int:
    """How many strokes the sketchpad holds (its own state, inside the component's shadow root)."""
    return page.get_by_test_id("stBidiComponentIsolated").locator(".sketchpad").evaluate("p => p.st.paths.length")


def verdict(page) -> str:
    return " | ".join(m.inner_text().strip() for m in page.locator(METRIC).all())


def settle(page, before: str) -> float:
    """Seconds until the prediction shown differs from ``before`` (the stroke reached the model and came back)."""
    start = time.monotonic()
    page.wait_for_function(
        "([sel, prev]) => { const m = [...document.querySelectorAll(sel)].map(e => e.innerText.trim()).join(' | ');"
        " return m && m !== prev; }", arg=[METRIC, before], timeout=60_000, polling=20)
    took = time.monotonic() - start
    wait_for_app(page)
    return took


@pytest.mark.slow
@pytest.mark.parametrize("width,height", [(390, 844), (820, 1180)], ids=["phone-390", "tablet-820"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_stroke_digit_canvas_never_moves(playwright_instance, app_url, width, height, lang):
    context = launch_context(playwright_instance, width, height, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, f"{app_url}/draw?lang={lang}", ready='[data-testid="stBidiComponentIsolated"] canvas',
                  timeout=60_000)
        sketchpad(page).scroll_into_view_if_needed()
        boxes = [sketchpad(page).bounding_box()]
        touch_stroke(page, L_STROKE)
        first = settle(page, "")
        boxes.append(sketchpad(page).bounding_box())
        shown = verdict(page)
        touch_stroke(page, BAR_STROKE)
        second = settle(page, shown)
        boxes.append(sketchpad(page).bounding_box())
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"draw_two_strokes_{width}_{lang}.png"))
        print(f"{width}x{height} {lang}: stroke -> prediction {first:.2f} s, {second:.2f} s; canvas {boxes[0]}")
        for box in boxes[1:]:  # the canvas keeps its place, to the pixel, from the first stroke to the last
            assert all(abs(box[k] - boxes[0][k]) <= 1 for k in ("x", "y", "width", "height")), boxes
        assert strokes_on_canvas(page) == 2  # both strokes are on the canvas ...
        assert page.locator(METRIC).first.inner_text().strip() == "4"  # ... and the model read both: a 4
        assert boxes[0]["y"] + boxes[0]["height"] <= height  # the whole canvas on screen
        ticks = page.locator(".st-key-probs .xtick text").all_text_contents()
        assert ticks == [str(d) for d in range(10)], ticks  # every digit labelled, on a phone too
        metric = page.locator(METRIC).first.bounding_box()
        assert metric["y"] >= boxes[0]["y"] + boxes[0]["height"] or metric["x"] >= boxes[0]["x"] + boxes[0]["width"]
    finally:
        close_context(context)


@pytest.mark.slow
def test_draw_keeps_the_drawing_across_a_page_change(page, app_url):
    open_page(page, f"{app_url}/draw", ready='[data-testid="stBidiComponentIsolated"] canvas', timeout=30_000)
    mouse_stroke(page, [(0.5, 0.15 + 0.035 * i) for i in range(21)])
    settle(page, "")
    digit = page.locator(METRIC).first.inner_text().strip()
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.home"), exact=True).click()
    wait_heading(page, t("home.title"), 30_000, selector="h1")
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.draw"), exact=True).click()
    page.wait_for_selector(METRIC, timeout=60_000)
    wait_for_app(page)
    assert strokes_on_canvas(page) == 1 and page.locator(METRIC).first.inner_text().strip() == digit


TABLET = """() => {
  const rows = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stHorizontalBlock"]')]
    .filter(r => r.querySelector('[data-testid="stSlider"]'))
    .map(r => { const tops = {}; for (const c of r.children) { const y = Math.round(c.getBoundingClientRect().top);
                tops[y] = (tops[y] || 0) + 1; } return Math.max(...Object.values(tops)); });
  const cut = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stCheckbox"] p')]
    .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.innerText);
  return { perRow: rows, cut, wide: document.documentElement.scrollWidth,
           sidebar: document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect().width };
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tablet_portrait_two_sliders_a_row_sidebar_closed(playwright_instance, app_url, lang):
    context = launch_context(playwright_instance, 820, 1180, has_touch=True)
    page = context.new_page()
    try:
        for path, title in (("playground", "pg.title"), ("cost", "cost.title"), ("receptive_field", "rf.title")):
            open_page(page, f"{app_url}/{path}?lang={lang}", title=t(title, lang))
            page.wait_for_function(  # below 900 px the sidebar starts collapsed
                "() => document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().width < 50",
                timeout=10_000)
            seen = page.evaluate(TABLET)
            page.screenshot(path=str(ARTIFACTS / f"tablet_{path}_{lang}.png"))
            assert seen["sidebar"] < 50, seen  # below 900 px the sidebar starts collapsed
            assert all(n <= 2 for n in seen["perRow"]), seen
            assert not seen["cut"] and seen["wide"] <= 820, seen
    finally:
        close_context(context)


# --- projector ---

PROJECTOR = """t => {
  const px = e => e ? parseFloat(getComputedStyle(e).fontSize) : null;
  const vis = e => e && e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none';
  const bars = [...document.querySelectorAll('.modebar-container')].filter(vis).length;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const title = [...document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3)')].find(h => h.innerText.trim() === t);
  return { modebars: bars, sidebar: sidebar ? sidebar.getBoundingClientRect().width : 0,
           h1: px(title), tag: title ? title.tagName : null };
}"""
PAGES = {"": "home.title", "playground": "pg.title", "receptive_field": "rf.title", "cost": "cost.title",
         "faq": "faq.title", "train": "nav.train", "draw": "draw.title", "builder": "builder.title",
         "paste": "paste.title"}


STRIP_TITLE = {"playground"}  # on a projector its title heads the control strip beside the stage (an h3)


def open_present(page, path: str, lang: str, title_key: str) -> dict:
    title = t(title_key, lang)
    page.goto(f"{page.base}/{path}?lang={lang}&present=1")
    wait_heading(page, title, selector='[data-testid="stMain"] :is(h1, h3)')
    page.wait_for_timeout(600)
    wait_for_app(page)
    return page.evaluate(PROJECTOR, title)


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_reads_on_a_projector(page, app_url, lang, mnist_dir):
    page.base = app_url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1920, 1080), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        for path, title in PAGES.items():
            seen = open_present(page, path, lang, title)
            page.screenshot(path=str(ARTIFACTS / f"projector_{path or 'home'}_{width}_{lang}.png"))
            assert seen["modebars"] == 0, f"plotly toolbar on {path} at {width}"
            least = 32 if path in STRIP_TITLE else 50  # the strip's title is smaller, so the stage gets the screen
            assert seen["sidebar"] < 50 and seen["h1"] >= least, (path, width, seen)
            if path == "draw":  # the canvas grows with the screen; Undo and Clear are large
                canvas = sketchpad(page).bounding_box()
                assert canvas["height"] >= 0.4 * height and canvas["y"] + canvas["height"] <= height + 1, canvas
                undo = page.get_by_test_id("stBidiComponentIsolated").locator("button").first
                assert undo.evaluate("b => parseFloat(getComputedStyle(b).fontSize)") >= 24
                assert undo.bounding_box()["height"] >= 50
            if path == "paste":  # the code box is enlarged
                area = page.locator(".st-key-paste_code textarea")
                assert area.evaluate("a => parseFloat(getComputedStyle(a).fontSize)") >= 22
                assert area.bounding_box()["height"] >= 500
            if path == "receptive_field":  # the coverage map: one click away from the first screen
                link = page.get_by_role("link", name=t("rf.jump_coverage", lang))
                assert link.bounding_box()["y"] + link.bounding_box()["height"] <= height
                link.click()
                page.wait_for_timeout(800)
                cover = box(page, ".st-key-rf_coverage")
                assert cover is not None and 0 <= cover["y"] < height * 0.5, cover
                page.screenshot(path=str(ARTIFACTS / f"projector_rf_coverage_{width}_{lang}.png"))
            if path == "train" and width == 1920:
                trained_on_a_projector(page, lang, height)


def trained_on_a_projector(page, lang: str, height: int) -> None:
    """A tiny run: the final accuracy on the first screen, axes, ticks and legend at least 20 px."""
    page.goto(f"{page.base}/train?lang={lang}&present=1&subset=1000&epochs=1")
    page.get_by_role("button", name=t("train.run", lang)).click()
    page.get_by_text(t("train.test_acc", lang)).wait_for(timeout=120_000)
    wait_for_app(page)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"projector_train_done_1920_{lang}.png"))
    metric = page.locator('[data-testid="stMetric"]').first.bounding_box()
    assert metric["y"] + metric["height"] <= height, metric  # the final accuracy on the first screen
    sizes = page.evaluate("""() => { const c = document.querySelector('.st-key-train_curves');
      const f = sel => [...c.querySelectorAll(sel)].map(e => parseFloat(getComputedStyle(e).fontSize));
      return { ticks: f('.xtick text, .ytick text, .y2tick text'), legend: f('.legendtext'),
               titles: f('.xtitle, .ytitle, .y2title'), height: c.getBoundingClientRect().height }; }""")
    assert sizes["ticks"] and min(sizes["ticks"]) >= 20, sizes
    assert sizes["legend"] and min(sizes["legend"]) >= 20, sizes
    assert sizes["titles"] and min(sizes["titles"]) >= 20, sizes
