"""Draw-a-digit end to end in Debian Chromium: real mouse strokes on the canvas, the shipped seed_dsconv reads them."""

from __future__ import annotations

import math

import pytest

from conftest import wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

METRIC = '[data-testid="stMetricValue"]'


def surface(page):
    """The canvas's drawing surface (inside the component's open shadow root)."""
    return page.get_by_test_id("stBidiComponentIsolated").locator("canvas.upper-canvas")


def stroke(page, points: list[tuple[float, float]]) -> None:
    """One pen stroke: mouse down at the first point, through the others, up at the last (canvas pixels)."""
    box = surface(page).bounding_box()
    scale = box["width"] / 280
    x0, y0 = box["x"], box["y"]
    page.mouse.move(x0 + points[0][0] * scale, y0 + points[0][1] * scale)
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(x0 + x * scale, y0 + y * scale, steps=2)
    page.mouse.up()


def settled_digit(page, previous: str | None = None) -> str:
    """Wait for the rerun after a stroke and return the predicted digit shown in the metric."""
    page.wait_for_function(
        "([sel, prev]) => { const m = document.querySelector(sel); return m && m.innerText.trim() !== prev; }",
        arg=[METRIC, previous],
        timeout=30_000,
    )
    wait_for_app(page)
    return page.locator(METRIC).first.inner_text().strip()


def toolbar(page, name: str):
    """A button of the canvas component's own toolbar, by its accessible name."""
    return page.get_by_test_id("stBidiComponentIsolated").get_by_role("button", name=name)


def open_draw_page(page, app_url: str) -> None:
    page.goto(f"{app_url}/draw")
    wait_for_app(page)
    surface(page).wait_for()
    assert page.locator(METRIC).count() == 0  # nothing drawn yet: no prediction


VERTICAL = [(140, 40 + 10 * i) for i in range(21)]
SIDE_LOOP = [(60 + 30 * math.sin(2 * math.pi * i / 20), 140 - 60 * math.cos(2 * math.pi * i / 20)) for i in range(21)]
ELLIPSE = [(140 + 55 * math.sin(2 * math.pi * i / 36), 140 - 95 * math.cos(2 * math.pi * i / 36)) for i in range(38)]


def test_draw_one_undo_clear_draw_zero_clear(page, app_url):
    """The path a learner takes: draw, add a stroke, undo it, clear, draw again, clear with the page's button."""
    open_draw_page(page, app_url)
    stroke(page, VERTICAL)
    assert settled_digit(page) == "1"

    stroke(page, SIDE_LOOP)  # a second stroke changes the drawing and the prediction ...
    changed = settled_digit(page, previous="1")
    assert changed != "1"
    toolbar(page, "Undo").click()  # ... and the toolbar's undo takes it back
    assert settled_digit(page, previous=changed) == "1"

    toolbar(page, "Reset canvas & history").click()
    page.wait_for_selector(METRIC, state="detached", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text("Draw a digit on the canvas").count() == 1

    stroke(page, ELLIPSE)
    assert settled_digit(page) == "0"

    page.get_by_role("button", name="Clear canvas").click()
    page.wait_for_selector(METRIC, state="detached", timeout=30_000)
    wait_for_app(page)
    assert page.locator(METRIC).count() == 0
    assert page.get_by_text("Draw a digit on the canvas").count() == 1
