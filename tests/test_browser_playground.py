"""End-to-end in Debian Chromium: the Playground's kernel-sliding animation plays in the browser."""

from __future__ import annotations

import pytest

from conftest import wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def current_cell(page) -> str:
    return page.locator('[data-testid="stPlotlyChart"]').first.locator(".slider-group > .slider-label").text_content()


def test_play_advances_the_frame_and_slider_steps(app_url, page):
    # Open "/" first: a fresh server only switches to app.py's st.navigation after the main page ran once.
    page.goto(app_url + "/")
    wait_for_app(page)
    page.goto(app_url + "/playground?size=6&k=3&p=0&cin=1&cout=2")
    wait_for_app(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".slider-group > .slider-label").wait_for(timeout=60_000)
    assert current_cell(page) == "y[0, 0,0]"
    product = chart.locator("text", has_text="Σ x·w").first.text_content()

    play = chart.locator(".updatemenu-button", has_text="fast")
    assert play.count() == 1
    play.click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .slider-group > .slider-label').textContent !== 'y[0, 0,0]'",
        timeout=15_000,
    )
    chart.locator(".updatemenu-button", has_text="pause").click()
    assert current_cell(page) != "y[0, 0,0]"
    assert chart.locator("text", has_text="Σ x·w").first.text_content() != product

    # Stepping: clicking the slider rail near its end jumps to a late frame (a 4x4 output: 16 frames).
    rail = chart.locator(".slider-rail-rect").first
    box = rail.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .slider-group > .slider-label').textContent === 'y[0, 3,3]'",
        timeout=10_000,
    )
