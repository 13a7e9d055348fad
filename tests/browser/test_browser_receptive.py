"""The Receptive Field page in real Chromium: gridding holes with 2-2-2-2, gone after one click on HDC 1-2-5."""

from __future__ import annotations

import pytest

from conftest import open_page, wait_for_app


def holes_metric(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text="holes inside the RF")
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


@pytest.mark.browser
def test_gridding_holes_disappear_when_switching_to_hdc(page, app_url):
    open_page(page, f"{app_url}/receptive_field?preset=dil2222")
    page.wait_for_selector(".js-plotly-plot")
    assert holes_metric(page) == "208"
    assert page.locator(".js-plotly-plot").count() == 4
    page.get_by_test_id("stButtonGroup").get_by_text("HDC 1-2-5", exact=True).click()
    page.wait_for_function("() => location.search.includes('preset=hdc125')")
    wait_for_app(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetric]')]"
        ".some(m => m.innerText.includes('holes inside the RF') && m.innerText.trim().endsWith('0'))"
    )
    assert holes_metric(page) == "0"
    assert "d3=5" in page.url
