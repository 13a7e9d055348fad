"""Home: what the app teaches, a map of the pages, and one-click lessons from the book and the course."""

from pathlib import Path

import streamlit as st

import ui
from app import PAGES
from dsconv.lessons import Lesson, format_value, lessons

tr = ui.tr()
lang = ui.lang()


def link_params(params: dict[str, str]) -> dict[str, str]:
    """Lesson params plus the language (and presentation mode), so the next page keeps them."""
    extra = {"lang": lang, **({"present": "1"} if ui.presenting() else {})}
    return {**params, **extra}


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
            st.page_link(
                link.page, label=tr(link.label), icon=":material/play_circle:", query_params=link_params(link.query_params())
            )


st.title(tr("home.title"))
st.markdown(tr("home.intro"))

st.header(tr("home.map.title"))
others = [(path, title, icon) for path, title, icon, _ in PAGES if not path.endswith("home.py")]
columns = st.columns(3)
for i, (path, title, icon) in enumerate(others):
    with columns[i % 3]:
        st.page_link(path, label=tr(title), icon=icon, query_params=link_params({}))
        st.caption(tr(f"home.map.{Path(path).stem}"))

st.header(tr("home.lessons.title"))
st.markdown(tr("home.lessons.intro"))
columns = st.columns(1 if ui.presenting() else 2)
for i, lesson in enumerate(lessons()):
    with columns[i % len(columns)]:
        lesson_card(lesson)
st.info(tr("home.share"), icon=":material/link:")
