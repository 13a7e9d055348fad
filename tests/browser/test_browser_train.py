"""In a real browser: the Train page has one Stop button, enabled only while a run is going; a Stop mid-run
says the partly trained model was discarded, a finished run never does."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, wait_for_app
from dsconv.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.mnist]

STOPS = """() => [...document.querySelectorAll('button')]
  .filter(b => b.offsetParent !== null && b.innerText.trim() === 'Stop')
  .map(b => ({disabled: b.disabled, inMain: !!b.closest('[data-testid="stMain"]')}))"""


def stops(page) -> list[dict]:
    return page.evaluate(STOPS)


def test_one_stop_enabled_only_while_training(page, app_url, mnist_dir):
    page.goto(f"{app_url}/train?subset=10000&epochs=1&model=seed_dsconv")
    page.get_by_role("button", name=t("train.run")).wait_for(timeout=90_000)
    wait_for_app(page)
    assert stops(page) == [{"disabled": True, "inMain": True}]  # idle: nothing to stop

    page.get_by_role("button", name=t("train.run")).click()
    page.wait_for_function(f"() => ({STOPS})().some(s => !s.disabled)", timeout=60_000)
    page.get_by_test_id("stProgress").wait_for(timeout=60_000)  # the run is really going
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "train_running.png"))
    assert stops(page) == [{"disabled": False, "inMain": True}]  # one Stop, not Streamlit's second one

    page.get_by_role("button", name="Stop").click()
    page.get_by_text("stopped before the end").wait_for(timeout=60_000)
    wait_for_app(page)
    assert stops(page) == [{"disabled": True, "inMain": True}]
    assert page.get_by_text("Trained “").count() == 0  # nothing was kept

    # a full (small) run: kept, and no "discarded" next to it
    page.locator(f'input[aria-label="{t("train.subset")}"]').focus()
    page.keyboard.press("Home")
    page.wait_for_function("() => document.querySelector('input[aria-valuetext=\"1,000\"]')")
    wait_for_app(page)
    page.get_by_role("button", name=t("train.run")).click()
    page.get_by_text("Trained “").wait_for(timeout=120_000)
    wait_for_app(page)
    page.screenshot(path=str(ARTIFACTS / "train_finished.png"))
    assert stops(page) == [{"disabled": True, "inMain": True}]
    assert page.get_by_text("discarded").count() == 0
