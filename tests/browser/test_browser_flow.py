"""A lesson that flows, in a real browser: every page keeps its own settings through the sidebar (no page's values
reach another), a training run outlives page changes and the language switch, and Stop stops it.

The walk sets unusual but valid values on every page first, then follows one route through the sidebar that
takes every page -> every other page (72 ordered pairs, an Eulerian circuit), checking on each arrival that the
page shows its own values and no error.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import ARTIFACTS, wait_for_app, wait_heading
from dsconv.i18n import t

pytestmark = pytest.mark.browser

# page path -> (nav title key, h1 title key, how to set unusual but valid values there, what the page then shows)
SLIDER, CLICK = "slider", "click"
PAGES = {
    "": ("nav.home", "home.title", None, {}),
    "playground": ("nav.playground", "pg.title", (SLIDER, "param.input_size", "Home"), {"size": "3"}),
    "receptive_field": ("nav.receptive", "rf.title", (CLICK, "rf.preset.dil1248", None), {"preset": "dil1248", "d4": "8"}),
    "cost": ("nav.cost", "cost.title", (CLICK, "cost.preset.mobilenet", None), {"preset": "mobilenet", "cin": "256"}),
    "faq": ("nav.faq", "faq.title", (SLIDER, "B", "End"), {"B": "8"}),
    "train": ("nav.train", "nav.train", (SLIDER, "train.epochs", "Home"), {"epochs": "1"}),
    "draw": ("nav.draw", "draw.title", (SLIDER, "draw.stroke_width", "End"), {"stroke": "40"}),
    "builder": ("nav.builder", "builder.title", (CLICK, "builder.preset.mobilenet", None), {"preset": "mobilenet"}),
    "paste": ("nav.paste", "paste.title", (CLICK, "paste.example.course", None), {"shape": "1×3×128×128"}),
}
OWN_IN_URL = "own => Object.entries(own).every(([k, v]) => new URLSearchParams(location.search).get(k) === v)"
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def circuit(nodes: list[str]) -> list[str]:
    """A route through every ordered pair of ``nodes`` exactly once (Hierholzer on the complete digraph)."""
    out = {a: [b for b in nodes if b != a] for a in nodes}
    stack, route = [nodes[0]], []
    while stack:
        if out[stack[-1]]:
            stack.append(out[stack[-1]].pop())
        else:
            route.append(stack.pop())
    return route[::-1]


def params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


SHOWS_ERRORS = ("", "paste")  # Home's illegal-variant lesson and Paste's example with the book's bug: on purpose


def check_arrival(page, path: str, lang: str, came_from: str, baseline: dict[str, list[str]]) -> None:
    """The page shows its own values, no traceback, and no error beyond what it shows on its own."""
    _, title, _, own = PAGES[path]
    wait_heading(page, t(title, lang))
    try:  # the URL is written as the page's run goes: give it the time to finish
        page.wait_for_function(OWN_IN_URL, arg=own, timeout=15_000)
    except Exception:
        pass  # reported below, with what the URL says
    shown = params(page)
    wrong = {k: (shown.get(k), v) for k, v in own.items() if shown.get(k) != v}
    assert not wrong, f"{came_from or 'home'} -> {path or 'home'}: not its own values {wrong} in {shown}"
    assert shown.get("lang", lang) == lang
    assert page.get_by_test_id("stException").count() == 0, f"{came_from} -> {path}: a traceback"
    errors = [e.inner_text()[:200] for e in page.locator(ERRORS).all()]
    expected = baseline.setdefault(path, errors)
    assert errors == expected, f"{came_from or 'home'} -> {path or 'home'} ({lang}): {errors}"
    assert path in SHOWS_ERRORS or not errors, f"{path} ({lang}) with its own settings: {errors}"


def go(page, path: str, lang: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(t(PAGES[path][0], lang), exact=True).click()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_keeps_its_own_settings_through_the_sidebar(page, app_url, lang):
    started, baseline = time.monotonic(), {}
    page.goto(f"{app_url}/?lang={lang}")
    wait_heading(page, t("home.title", lang))
    for path, (_, title, action, own) in PAGES.items():  # unusual settings on every page, in one session
        if action is None:
            continue
        go(page, path, lang)
        wait_heading(page, t(title, lang))
        kind, label, key = action
        if kind == SLIDER:
            page.get_by_test_id("stMain").get_by_role("slider", name=t(label, lang)).first.press(key)
        else:
            page.get_by_test_id("stMain").get_by_text(t(label, lang), exact=True).first.click()
        page.wait_for_function(OWN_IN_URL, arg=own, timeout=30_000)
        check_arrival(page, path, lang, "(set)", baseline)
    route = circuit(list(PAGES))
    assert len(route) == 9 * 8 + 1
    go(page, route[0], lang)
    check_arrival(page, route[0], lang, "(start)", baseline)
    for before, path in zip(route, route[1:]):
        go(page, path, lang)
        check_arrival(page, path, lang, before, baseline)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"flow_walk_{lang}.png"))
    print(f"walk {lang}: 72 page changes in {time.monotonic() - started:.0f} s")


def test_playground_settings_never_reach_the_receptive_field(page, app_url):
    """The issue's own case: Playground size=4, then Receptive field from the sidebar: its pictures, no error."""
    page.goto(f"{app_url}/playground?size=4")
    wait_heading(page, t("pg.title"))
    go(page, "receptive_field", "en")
    wait_heading(page, t("rf.title"))
    assert params(page)["size"] == "32" and page.locator(ERRORS).count() == 0
    page.get_by_test_id("stPlotlyChart").first.wait_for()


def test_lesson_link_opens_fresh(page, app_url):
    """A link carrying a page's own parameters opens it with them, even after the page was visited."""
    page.goto(f"{app_url}/cost?preset=mobilenet")
    wait_heading(page, t("cost.title"))
    page.goto(f"{app_url}/?lang=en")
    wait_heading(page, t("home.title"))
    page.goto(f"{app_url}/cost?preset=seed_book")
    wait_heading(page, t("cost.title"))
    assert params(page)["preset"] == "seed_book"


def start_run(page, app_url: str, subset: int) -> None:
    """Open Train with one epoch of ``subset`` images of the seed net, press Run, wait for its progress bar."""
    page.goto(f"{app_url}/train?subset={subset}&epochs=1&model=seed_dsconv")
    wait_heading(page, t("nav.train"))
    page.get_by_role("button", name=t("train.run")).click()
    page.get_by_test_id("stProgress").wait_for(timeout=60_000)  # training on its own thread


@pytest.mark.mnist
@pytest.mark.slow
def test_a_training_run_outlives_page_changes_and_the_language_switch(page, app_url, mnist_dir):
    start_run(page, app_url, 20_000)

    go(page, "draw", "en")
    wait_heading(page, t("draw.title"))
    page.get_by_text("on the Train page").wait_for(timeout=30_000)  # Draw says a run is in progress
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "flow_draw_while_training.png"))

    go(page, "train", "en")
    wait_heading(page, t("nav.train"))
    page.get_by_test_id("stProgress").wait_for(timeout=30_000)  # still training: live progress when back
    assert page.get_by_text("stopped before the end").count() == 0

    page.get_by_test_id("stSidebar").get_by_text("中文", exact=True).click()  # the language switch: a rerun
    wait_heading(page, t("nav.train", "zh"))
    page.get_by_text("已训练好").wait_for(timeout=240_000)  # the run finished (train.done), never cut
    page.screenshot(path=str(ARTIFACTS / "flow_train_done_zh.png"))
    assert page.get_by_text("训练在结束前停止了").count() == 0

    go(page, "draw", "zh")
    wait_heading(page, t("draw.title", "zh"))
    page.locator('[data-testid="stSelectbox"]').first.click()
    label = t("draw.model_session", "zh", label="seed_dsconv · 20,000 × 1")
    page.get_by_role("option", name=label).wait_for(timeout=15_000)  # its model is offered on Draw
    page.keyboard.press("Escape")


@pytest.mark.mnist
@pytest.mark.slow
def test_stop_stops_a_run_in_progress(page, app_url, mnist_dir):
    start_run(page, app_url, 30_000)
    page.wait_for_timeout(1500)
    clicked = time.monotonic()
    page.get_by_role("button", name=t("train.stop")).click()
    page.get_by_text("stopped before the end").wait_for(timeout=30_000)
    shown = time.monotonic() - clicked
    wait_for_app(page)
    assert page.get_by_text("Trained “").count() == 0  # nothing kept
    page.wait_for_function(  # the worker winds down (the epoch's test), then Train is enabled again
        "name => [...document.querySelectorAll('button')].some(b => b.innerText.trim() === name && !b.disabled)",
        arg=t("train.run"), timeout=60_000)
    assert shown < 3.0, f"Stop took {shown:.1f} s to show"
    print(f"Stop click -> 'stopped' on the page: {shown:.1f} s")
