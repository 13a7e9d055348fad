"""Figure export: offline HTML and kaleido PNG (real headless Chromium), and the download buttons."""

from __future__ import annotations

import io
import json
import re

import plotly.graph_objects as go
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from dsconv.receptive.coverage import growth_frames
from dsconv.figures.export import figure_html, figure_png, for_slide, png_available, slide_width
from dsconv.figures.receptive import coverage_figure, growth_animation
from dsconv.receptive.stacks import PRESETS, centre_output


def small_figure() -> go.Figure:
    return go.Figure(go.Heatmap(z=[[1, 2], [3, 4]]), layout_title_text="感受野 receptive field")


def embedded_title(html: str) -> str:
    """The figure title as the browser reads it: the JSON string literal, decoded.

    plotly writes non-ASCII raw when orjson is installed and as \\uXXXX escapes without it;
    both decode to the same text, which is what a user sees.
    """
    match = re.search(r'"title":\{"text":("(?:[^"\\]|\\.)*")', html)
    assert match, "no figure title in the exported HTML"
    return json.loads(match.group(1))


def test_html_export_is_self_contained():
    html = figure_html(small_figure()).decode("utf-8")
    assert html.lower().startswith("<!doctype html>")
    assert embedded_title(html) == "感受野 receptive field"
    assert "<script src=" not in html  # nothing fetched when the file is opened
    assert "Plotly.newPlot" in html and len(html) > 1_000_000  # plotly.js is inlined


def test_png_export_is_available_here():
    assert png_available(), "kaleido is in requirements.txt and CI installs Chromium"


@pytest.mark.slow
def test_png_export_renders_the_figure_at_the_requested_size():
    png = figure_png(small_figure(), width=400, height=300, scale=2, trim=False)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (800, 600)
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 10  # real pixels were drawn, not a blank canvas


def rf_figures() -> tuple[go.Figure, go.Figure]:
    stack = PRESETS["dil1248"]
    oy, ox = centre_output(stack)
    frames = growth_frames(stack, oy, ox)
    return coverage_figure(frames[-1].counts, frames[-1].rf, oy, ox), growth_animation(frames)


def test_slide_copy_has_no_play_buttons_or_slider_and_small_margins():
    _, anim = rf_figures()
    assert anim.layout.updatemenus and anim.layout.sliders and anim.frames  # the page's figure animates
    still = for_slide(anim)
    assert not still.layout.updatemenus and not still.layout.sliders and not still.frames
    import numpy as np

    assert np.array_equal(np.asarray(still.data[0].z, float), np.asarray(anim.data[0].z, float), equal_nan=True)
    assert still.layout.title.text == anim.layout.title.text and still.layout.margin.b <= 10
    assert anim.layout.updatemenus  # the page's own figure is untouched


def test_square_grids_get_a_square_canvas_charts_a_wide_one():
    cov, _ = rf_figures()
    assert slide_width(cov, 460) < 1.5 * 460  # not a small square in a 16:9 canvas
    assert slide_width(go.Figure(go.Bar(y=[1, 2])), 460) == 1600


@pytest.mark.slow
def test_receptive_field_png_is_the_picture_not_margin():
    cov, anim = rf_figures()
    for fig in (cov, anim):
        image = Image.open(io.BytesIO(figure_png(fig))).convert("RGB")
        background = Image.new("RGB", image.size, (255, 255, 255))
        from PIL import ImageChops

        left, top, right, bottom = ImageChops.difference(image, background).getbbox()
        assert left <= 30 and top <= 30 and image.width - right <= 30 and image.height - bottom <= 30
        # the grid fills a large share of the image (today's 1600×900 canvas left ~80% white around it)
        white = dict((c, n) for n, c in image.getcolors(maxcolors=10_000_000)).get((255, 255, 255), 0)
        assert 1 - white / (image.width * image.height) > 0.35, fig.layout.title.text
        assert 0.8 < image.width / image.height < 1.8


def _page_with_export() -> None:
    import plotly.graph_objects as go

    from ui.export import download_figure

    download_figure(go.Figure(go.Bar(y=[1, 2])), "bars", key="dl_bars")


def test_download_buttons_offer_png_and_html_in_the_current_language():
    at = AppTest.from_function(_page_with_export, default_timeout=30)
    at.query_params["lang"] = "zh"
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载图表（PNG）", "下载图表（HTML）"]


@pytest.mark.browser
@pytest.mark.slow
def test_png_download_in_the_browser_is_a_real_png(page, app_url):
    from conftest import wait_for_app

    page.goto(app_url + "/cost?preset=seed_book")
    button = page.get_by_test_id("stDownloadButton").filter(has_text="PNG").first
    button.wait_for(timeout=90_000)
    wait_for_app(page)
    with page.expect_download(timeout=90_000) as info:
        button.click()
    path = info.value.path()
    image = Image.open(path)
    assert info.value.suggested_filename.endswith(".png") and image.format == "PNG"
    assert image.size[0] >= 1600  # slide-sized (rendered at 2x)
