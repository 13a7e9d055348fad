"""Issue 14 in real Chromium: the RF layer editor on a 390 px phone keeps its k/s/d/p labels above their inputs;
the MobileNet v1 preset renders its end points."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import close_context, launch_context, open_page

from conftest import ARTIFACTS


@pytest.mark.browser
def test_rf_layer_editor_keeps_its_labels_on_a_phone(playwright_instance, app_url):
    context = launch_context(playwright_instance, width=390, height=844)
    try:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        open_page(pg, f"{app_url}/receptive_field?preset=std3x4")
        editor = pg.locator(".st-key-rf_editor")
        editor.wait_for()
        editor.get_by_test_id("stNumberInput").first.wait_for()
        pg.wait_for_function(  # the editor's CSS has been applied: the header row is one line
            "() => { const r = document.querySelector('.st-key-rf_editor [data-testid=stHorizontalBlock]');"
            " return r && getComputedStyle(r).flexWrap === 'nowrap'; }")
        rows = editor.get_by_test_id("stHorizontalBlock")
        header, first = rows.nth(0), rows.nth(1)
        # one line per row: the header's k/s/d/p sit straight above the first layer's four inputs
        labels = [header.get_by_test_id("stColumn").nth(i).bounding_box() for i in range(5)]
        inputs = [first.get_by_test_id("stColumn").nth(i).bounding_box() for i in range(5)]
        assert len({round(b["y"]) for b in labels}) == 1 and len({round(b["y"]) for b in inputs}) == 1
        for label, box in zip(labels, inputs):
            assert abs(label["x"] - box["x"]) < 2 and label["y"] < box["y"]
        assert inputs[-1]["x"] + inputs[-1]["width"] <= 390
        assert header.inner_text().split() == ["#", "k", "s", "d", "p"]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        editor.screenshot(path=str(ARTIFACTS / "rf_editor_phone_390.png"))
    finally:
        close_context(context)


@pytest.mark.browser
def test_mobilenet_preset_shows_the_published_end_points(page, app_url):
    open_page(page, f"{app_url}/receptive_field?preset=mobilenet_v1")
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    page.get_by_text("MobileNet v1 layer by layer at a 224 px input").wait_for(timeout=90_000)
    assert "size=224" in page.url and "k1=" not in page.url
    page.screenshot(path=str(ARTIFACTS / "rf_mobilenet_v1.png"), full_page=False)
