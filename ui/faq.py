"""Streamlit helpers of the FAQ page (pages/faq.py): links that keep the language, running Keras code once."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from ui import chrome


def page_link_keep(path: str, label: str, params: dict[str, str]) -> None:
    """``st.page_link`` with ``params`` plus the language; a plain link when the page runs alone (tests)."""
    params = {**params, "lang": chrome.lang()}
    try:
        st.page_link(path, label=label, icon=":material/play_circle:", query_params=params)
    except StreamlitAPIException:
        st.markdown(f"[{label}](/{Path(path).stem}?{urlencode(params)})")


@st.cache_data(max_entries=16, show_spinner=False)
def keras_run(code: str) -> str | None:
    """Run Keras code on the torch backend: its error message ("" when it runs), None when Keras is missing."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    try:
        import keras  # noqa: F401
    except Exception:  # not installed, or configured for a backend that is missing
        return None
    try:
        exec(compile(code, "<keras example>", "exec"), {})
    except Exception as exc:  # the error a learner would see
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return ""
