"""In a real browser: "Copy link" copies the exact view, "Copy picture link" a link that shows only the picture,
and ``?view=picture`` hides every control and the sidebar (for a teacher's slides)."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, open_page
from dsconv.i18n import t

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'
VISIBLE = """sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length > 0
  && getComputedStyle(e).visibility !== 'hidden').length"""


def visible(page, selector: str) -> int:
    return page.evaluate(VISIBLE, selector)


def test_copy_link_and_picture_link(page, app_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    open_page(page, f"{app_url}/cost?cin=64&k=5&lang=zh", ready=CHART, pause_ms=1500)
    page.get_by_test_id("shareCopyLink").click()
    page.get_by_test_id("shareCopyLink").filter(has_text=t("share.copied", "zh")).wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url and "cin=64" in copied and "k=5" in copied

    page.get_by_test_id("shareCopyPicture").click()
    page.get_by_test_id("shareCopyPicture").filter(has_text=t("share.copied", "zh")).wait_for()
    picture = page.evaluate("navigator.clipboard.readText()")
    assert "view=picture" in picture and "cin=64" in picture
    assert page.get_by_test_id("sharePictureLink").get_attribute("href") == picture

    open_page(page, picture, ready='[class*="st-key-ui_picture"] ' + CHART, pause_ms=1500)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "share_picture_cost.png"))
    assert visible(page, '[data-testid="stPlotlyChart"]') == 1
    for hidden in ('[data-testid="stSlider"]', '[data-testid="stSidebar"]', '[data-testid="stMain"] h1',
                   '[data-testid="stDownloadButton"]', '[data-testid="stTable"]', '[data-testid="stHeader"]'):
        assert visible(page, hidden) == 0, hidden
    box = page.locator('[class*="st-key-ui_picture"] [data-testid="stPlotlyChart"]').bounding_box()
    assert box["width"] > 0.9 * page.viewport_size["width"] and box["y"] < 60  # the whole width, at the top
    # the picture is the view the link was copied from: 64 in_channels, kernel 5, in Chinese
    assert "分组卷积" in page.locator('[class*="st-key-ui_picture"]').text_content()


@pytest.mark.parametrize(("path", "picture"), [("/playground?k=5", ".dsstage svg.pic"),  # the stage (ui/stage.js)
                                              ("/receptive_field?preset=dil1248", '[data-testid="stPlotlyChart"]')])
def test_every_page_with_a_picture_has_share_and_a_picture_view(page, app_url, path, picture):
    name = path.split("?")[0][1:]
    open_page(page, f"{app_url}{path}", ready=picture, pause_ms=1500)
    assert page.get_by_test_id("shareCopyLink").count() == 1 and page.get_by_test_id("sharePictureLink").count() == 1
    open_page(page, f"{app_url}{path}&view=picture", ready=f'[class*="st-key-ui_picture"] {picture}', pause_ms=1500)
    page.screenshot(path=str(ARTIFACTS / f"share_picture_{name}.png"))
    assert page.locator(f'[class*="st-key-ui_picture"] {picture}').first.is_visible()
    assert visible(page, '[data-testid="stPlotlyChart"]') == (0 if name == "playground" else 1)
    for hidden in ('[data-testid="stSlider"]', '[data-testid="stSidebar"]', '[data-testid="stMain"] h1'):
        assert visible(page, hidden) == 0, hidden
