"""Figure export: offline HTML and kaleido PNG (real headless Chromium), and the download buttons."""

from __future__ import annotations

import io
import json
import re

import plotly.graph_objects as go
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from dsconv.figures.export import figure_html, figure_png, png_available


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
    png = figure_png(small_figure(), width=400, height=300, scale=2)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (800, 600)
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 10  # real pixels were drawn, not a blank canvas


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
