"""The app's pages and the sidebar every page shares (language switch, presentation toggle, phone links)."""

from __future__ import annotations

from typing import Any, Sequence

import streamlit as st

from dsconv.i18n import LANGS, Translator, t
from ui import chrome, layout, widgets

# (file, i18n title key, icon, section)
PAGES = [
    ("pages/home.py", "nav.home", ":material/school:", "nav.section.learn"),
    ("pages/playground.py", "nav.playground", ":material/grid_on:", "nav.section.learn"),
    ("pages/receptive_field.py", "nav.receptive", ":material/center_focus_strong:", "nav.section.learn"),
    ("pages/cost.py", "nav.cost", ":material/speed:", "nav.section.learn"),
    ("pages/faq.py", "nav.faq", ":material/quiz:", "nav.section.learn"),
    ("pages/train.py", "nav.train", ":material/model_training:", "nav.section.models"),
    ("pages/draw.py", "nav.draw", ":material/draw:", "nav.section.models"),
    ("pages/builder.py", "nav.builder", ":material/construction:", "nav.section.models"),
    ("pages/paste.py", "nav.paste", ":material/content_paste:", "nav.section.models"),
]


def app_chrome() -> Translator:
    """Sidebar language switch and presentation toggle (drawn by app.py on every page)."""
    widgets.select(
        "lang",
        t("app.language"),
        LANGS,
        "en",
        container=st.sidebar,
        format_func=lambda code: {"en": "English", "zh": "中文"}[code],
        widget="radio",
        horizontal=True,
    )
    tr_ = chrome.tr()
    st.html(chrome.BASE_CSS)
    st.html(layout.CSS)
    widgets.toggle("present", tr_("app.presentation"), False, container=st.sidebar, help=tr_("app.presentation_help"))
    if chrome.presenting():
        # Projector: collapse the sidebar (the toggle stays reachable through its arrow) and enlarge.
        st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
        st.html(chrome.PRESENTATION_CSS)
    return tr_


def phone_nav(pages: Sequence[Any]) -> None:
    """One-tap page links for phones and tablets (CSS shows them only below 900 px, where the sidebar starts closed)."""
    with st.container(key="phone_nav", horizontal=True):
        for page in pages:
            st.page_link(page, label=page.title, icon=page.icon)
