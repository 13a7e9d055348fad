"""End-to-end in Debian Chromium: the Playground's animations play and step in the browser (no rerun), by
mouse and by touch, for your conv and for both DW + PW stages; screenshots of the views the issue names."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = '[data-testid="stPlotlyChart"]'
LABEL = CHART + " .slider-group > .slider-label"


def current_cell(page) -> str:
    return page.locator(LABEL).first.text_content()


def arithmetic(page) -> str:
    """The Σ-partial-sums text under the animation (plotly draws text as SVG)."""
    return page.locator(CHART).first.locator("text", has_text="=").last.text_content()


def count_sent(page) -> list:
    """Websocket frames the browser sends to the server (a rerun needs one): filled while the page lives."""
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def open_playground(page, app_url: str, query: str) -> list:
    sent = count_sent(page)
    # Open "/" first: a fresh server only switches to app.py's st.navigation after the main page ran once.
    page.goto(app_url + "/")
    wait_for_app(page)
    page.goto(app_url + "/playground?" + query)
    wait_for_app(page)
    page.locator(LABEL).first.wait_for(timeout=60_000)
    return sent


def play_pause_and_step(page, sent: list, last: str, tap: bool = False) -> None:
    """Play (fast) until the output cell moves, pause, then step to the last cell on the slider rail."""
    chart = page.locator(CHART).first
    assert current_cell(page).endswith("(0,0)")
    before = arithmetic(page)
    page.wait_for_timeout(500)
    runs = len(sent)
    fast = chart.locator(".updatemenu-button", has_text="fast")
    fast.tap() if tap else fast.click()
    page.wait_for_function(f"() => !document.querySelector('{LABEL}').textContent.endsWith('(0,0)')", timeout=15_000)
    pause = chart.locator(".updatemenu-button", has_text="pause")
    pause.tap() if tap else pause.click()
    assert not current_cell(page).endswith("(0,0)")
    assert arithmetic(page) != before
    rail = chart.locator(".slider-rail-rect").first
    box = rail.bounding_box()
    x, y = box["x"] + box["width"] - 2, box["y"] + box["height"] / 2
    page.touchscreen.tap(x, y) if tap else page.mouse.click(x, y)
    page.wait_for_function(f"() => document.querySelector('{LABEL}').textContent.endsWith('({last})')",
                           timeout=10_000)
    page.wait_for_timeout(300)
    assert len(sent) == runs  # played, paused and stepped in the browser: nothing sent, no rerun


def test_play_pause_and_step_the_multichannel_animation(app_url, page):
    sent = open_playground(page, app_url, "size=6&k=3&p=0&cin=3&cout=2")
    texts = page.locator(CHART).first.locator("text").all_text_contents()
    assert sum(t.startswith("input ch.") for t in texts) == 3  # every input channel has its tile
    play_pause_and_step(page, sent, "3,3")


def test_play_and_step_both_the_depthwise_and_the_pointwise_stage(app_url, page):
    sent = open_playground(page, app_url, "size=6&k=3&p=0&cin=3&cout=4&dws=1")
    assert "every channel alone" in page.locator(CHART).first.text_content()
    play_pause_and_step(page, sent, "3,3")
    page.get_by_text("2 · pointwise").click()
    page.wait_for_function(
        f"() => document.querySelector('{CHART}').textContent.includes('y[0] (4×4)')"
        f" && !document.querySelector('{CHART}').textContent.includes('every channel alone')", timeout=30_000)
    wait_for_app(page)
    assert len(sent) > 0  # the stage switch itself is a rerun: the counter does see reruns
    play_pause_and_step(page, sent, "3,3")


IPAD = ("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.0 Mobile/15E148 Safari/604.1")
PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/126.0 Mobile Safari/537.36")


@pytest.fixture
def touch_browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


def touch_page(browser, width: int, height: int, agent: str):
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True, is_mobile=True,
                                  device_scale_factor=1, user_agent=agent)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    return pg


@pytest.fixture
def tablet(touch_browser):
    return touch_page(touch_browser, 820, 1180, IPAD)


def test_touch_plays_and_steps_on_an_820px_tablet(app_url, tablet):
    sent = open_playground(tablet, app_url, "size=6&k=3&p=0&cin=3&cout=4&dws=1")
    play_pause_and_step(tablet, sent, "3,3", tap=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tablet.locator(CHART).first.screenshot(path=str(ARTIFACTS / "playground_tablet_820.png"))


def test_phone_390px_screenshot(app_url, touch_browser):
    phone = touch_page(touch_browser, 390, 844, PHONE)
    open_playground(phone, app_url, "")
    chart = phone.locator(CHART).first
    chart.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(ARTIFACTS / "playground_phone_390_chart.png"))
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
    # the arithmetic is not clipped: every line of it lies inside the chart
    for line in chart.locator("text", has_text="=").all():
        b = line.bounding_box()
        if b and b["width"] > 0:
            assert b["x"] + b["width"] <= box["x"] + box["width"] + 1


SHOTS = [  # (name, query, viewport)
    ("default", "", (1400, 1000)),
    ("16_channels", "cin=16&cout=16", (1400, 1000)),
    ("dw_pw", "dws=1", (1400, 1000)),
    ("zh", "lang=zh&cin=4&cout=8&g=2", (1400, 1000)),
    ("present_1920", "present=1&cin=3&cout=8", (1920, 1080)),
    ("present_1280", "present=1&cin=3&cout=8", (1280, 720)),
]


@pytest.mark.parametrize("name, query, viewport", SHOTS, ids=[s[0] for s in SHOTS])
def test_screenshots(app_url, page, name, query, viewport):
    """Screenshots to look at (tests/artifacts); checks that the animation's controls fit the screen width."""
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    open_playground(page, app_url, query)
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(600)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"playground_{name}.png"), full_page=False)
    chart.screenshot(path=str(ARTIFACTS / f"playground_{name}_chart.png"))
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport[0] + 1
    rail = chart.locator(".slider-rail-rect").first.bounding_box()
    assert rail["x"] + rail["width"] <= viewport[0]
    if name.startswith("present"):
        assert box["height"] <= viewport[1]  # the animation and its controls fit one screen
