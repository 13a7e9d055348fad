"""Home: what the app teaches, a map of the pages, and one-click lessons from the book and the course."""

from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from ui import chrome
from ui.nav import PAGES
from dsconv.lessons.cards import Lesson, format_value
from dsconv.lessons.catalog import lessons

tr = chrome.tr()
lang = chrome.lang()


def link_params(params: dict[str, str]) -> dict[str, str]:
    """Lesson params plus the language (and presentation mode), so the next page keeps them."""
    extra = {"lang": lang, **({"present": "1"} if chrome.presenting() else {})}
    return {**params, **extra}


def page_link(path: str, label: str, icon: str, params: dict[str, str]) -> None:
    """``st.page_link`` with the params; a plain link when the page runs alone (no navigation, e.g. in tests)."""
    try:
        st.page_link(path, label=label, icon=icon, query_params=link_params(params))
    except StreamlitAPIException:
        st.markdown(f"[{label}](/{Path(path).stem}?{urlencode(link_params(params))})")


def lesson_card(lesson: Lesson) -> None:
    """One lesson: title, source, explanation, the computed numbers, the links."""
    with st.container(border=True):
        st.subheader(tr(lesson.title))
        st.caption(tr(lesson.source))
        st.markdown(tr(lesson.text))
        rows = "\n".join(f"| {tr(f.label)} | **{format_value(f.value)}** |" for f in lesson.facts)
        st.markdown(f"| {tr('home.fact.quantity')} | {tr('home.fact.value')} |\n|---|---:|\n{rows}")
        if lesson.error is not None:
            st.markdown(tr(f"home.lesson.{lesson.key}.illegal"))
            st.error(lesson.error.message(lang), icon=":material/block:")
        for link in lesson.links:
            page_link(link.page, tr(link.label), ":material/play_circle:", link.query_params())


st.title(tr("home.title"))
st.markdown(tr("home.intro"))

if not chrome.presenting():  # on the projector the lessons come first; the sidebar has the pages
    st.header(tr("home.map.title"))
    others = [(path, title, icon) for path, title, icon, _ in PAGES if not path.endswith("home.py")]
    columns = st.columns(3)
    for i, (path, title, icon) in enumerate(others):
        with columns[i % 3]:
            page_link(path, tr(title), icon, {})
            st.caption(tr(f"home.map.{Path(path).stem}"))

st.header(tr("home.lessons.title"))
st.markdown(tr("home.lessons.intro"))
columns = st.columns(1 if chrome.presenting() else 2)
for i, lesson in enumerate(lessons()):
    with columns[i % len(columns)]:
        lesson_card(lesson)
st.info(tr("home.share"), icon=":material/link:")
