"""In a real browser: the sidebar language switch translates the page, lesson links and the sidebar keep
the language and open the lesson's exact configuration, and a shared link works on a fresh server."""

from __future__ import annotations

import re

import pytest

from conftest import free_port, heading, start_streamlit, stop, wait_for_app, wait_heading
from dsconv.i18n import t

pytestmark = pytest.mark.browser


def test_language_switch_translates_and_lessons_keep_it(page, app_url):
    page.goto(app_url + "/playground?cin=7&cout=14")  # the learner was on the Playground with other values
    assert heading(page) == t("pg.title", "en")
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.home", "en")).click()
    wait_heading(page, t("home.title", "en"))

    language = page.get_by_role("radiogroup", name="Language / 语言")
    language.get_by_text("中文").click()
    wait_heading(page, t("home.title", "zh"))
    assert page.get_by_role("heading", name=t("home.lessons.title", "zh")).is_visible()
    assert "lang=zh" in page.url

    # a lesson link opens the Playground with the book's configuration (not the values left there), in Chinese
    page.get_by_role("link", name=t("home.link.open_dwpw", "zh")).click()
    wait_heading(page, t("pg.title", "zh"))
    assert re.search(r"/playground\?", page.url)
    for param in ("cin=3", "cout=4", "k=3", "dws=1", "p=0", "lang=zh"):
        assert param in page.url
    assert page.get_by_role("slider", name=t("param.in_channels", "zh")).input_value() == "3"
    assert page.get_by_role("slider", name=t("param.out_channels", "zh")).input_value() == "4"

    # the sidebar navigation drops query params, the language stays (session state)
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.receptive", "zh")).click()
    wait_heading(page, t("rf.title", "zh"))

    # and back to English
    page.get_by_role("radiogroup", name="Language / 语言").get_by_text("English").click()
    wait_heading(page, t("rf.title", "en"))


def test_shared_link_is_the_first_request_of_a_fresh_server(page):
    """Streamlit serves pages/*.py without app.py until app.py ran once; ui turns that legacy mode off."""
    port = free_port()
    proc = start_streamlit(port)
    try:
        page.goto(f"http://127.0.0.1:{port}/playground?lang=zh&k=5")
        wait_heading(page, t("pg.title", "zh"))
        # the sidebar is drawn by app.py's navigation, which can arrive a moment after the page's heading
        page.get_by_role("radiogroup", name="Language / 语言").wait_for(state="visible", timeout=30_000)
        page.get_by_test_id("stSidebarNav").get_by_text(t("nav.home", "zh")).wait_for(state="visible", timeout=30_000)
        assert page.get_by_role("slider", name=t("param.kernel_size", "zh")).input_value() == "5"
    finally:
        stop(proc)


def test_switching_language_keeps_translated_choices_and_values(page, app_url):
    """Radio/select values travel as their labels; after a language switch they must map back, not crash."""
    page.goto(app_url + "/cost?preset=mobilenet&cin=200")
    assert heading(page) == t("cost.title", "en")
    for lang, name in (("zh", "中文"), ("en", "English"), ("zh", "中文")):
        page.get_by_role("radiogroup", name="Language / 语言").get_by_text(name).click()
        wait_heading(page, t("cost.title", lang))
        assert page.get_by_test_id("stException").count() == 0
        assert page.get_by_role("slider", name=t("param.in_channels", lang)).input_value() == "200"
        assert page.get_by_role("radio", name=t("cost.preset.mobilenet", lang)).is_checked()
        assert "preset=mobilenet" in page.url


def test_builder_move_selector_survives_a_language_switch(page, app_url):
    """The Builder's "block to move" selectbox shows translated block kinds; switching language must keep it."""
    page.goto(app_url + "/builder?preset=book_dsconv")
    assert heading(page) == t("builder.title", "en")
    move = page.get_by_role("combobox", name=t("builder.move", "en"))
    move.click()
    page.get_by_role("option").nth(2).click()  # the third block
    wait_for_app(page)
    for lang, name in (("zh", "中文"), ("en", "English")):
        page.get_by_role("radiogroup", name="Language / 语言").get_by_text(name).click()
        wait_heading(page, t("builder.title", lang))
        assert page.get_by_test_id("stException").count() == 0
        value = page.get_by_role("combobox", name=t("builder.move", lang)).input_value()
        assert value.startswith("3: "), value
    page.get_by_role("button", name=t("builder.up", "en"), exact=True).click()  # the move still works after the switches
    wait_for_app(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_role("combobox", name=t("builder.move", "en")).input_value().startswith("2: ")
