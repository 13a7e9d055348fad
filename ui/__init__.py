"""Streamlit-side helpers shared by every page: language, presentation mode, URL-bound widgets.

Every control a page shows is bound to ``st.query_params`` through these helpers, so copying the URL
reproduces the view; junk URL values fall back to defaults with a translated warning.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import streamlit as st

from dsconv.i18n import LANGS, Translator, normalise_lang
from dsconv.urlstate import Parsed, parse_bool, parse_choice, parse_int

_PROBLEMS = "_url_problems"

PRESENTATION_CSS = """
<style>
html, body, [class*="st-"], .stMarkdown, .stMetric { font-size: 1.35rem !important; }
h1 { font-size: 3.2rem !important; } h2 { font-size: 2.4rem !important; } h3 { font-size: 1.9rem !important; }
[data-testid="stMetricValue"] { font-size: 3.4rem !important; }
.block-container { max-width: 100% !important; padding-left: 2rem; padding-right: 2rem; }
</style>
"""


def lang() -> str:
    """The UI language: the sidebar switch when app.py drew it, else ``?lang=`` from the URL."""
    if "lang" in st.session_state:
        return normalise_lang(st.session_state["lang"])
    return normalise_lang(st.query_params.get("lang"))


def tr() -> Translator:
    """A translator for the current language."""
    return Translator(lang())


def presenting() -> bool:
    """True when presentation mode (projector) is on."""
    if "present" in st.session_state:
        return bool(st.session_state["present"])
    return bool(parse_bool("present", st.query_params.get("present"), False).value)


def fig_height(base: int) -> int:
    """Figure height in pixels, larger in presentation mode."""
    return int(base * 1.45) if presenting() else base


def _init(name: str, parsed: Parsed) -> None:
    """Seed widget state from the URL once per session (the widget owns it afterwards)."""
    if name in st.session_state:
        return
    st.session_state[name] = parsed.value
    if parsed.problem is not None:
        st.session_state.setdefault(_PROBLEMS, {})[name] = parsed.problem


def _after(name: str, value: Any, url_value: str, container: Any) -> None:
    """Write the value back to the URL and show a pending URL warning for this control."""
    st.query_params[name] = url_value
    problems = st.session_state.get(_PROBLEMS, {})
    problem = problems.get(name)
    if problem is not None:
        if str(value) == str(problem.default):  # select() keeps the default as its URL text
            container.warning(problem.message(lang()), icon="⚠️")
        else:
            problems.pop(name, None)


def slider(name: str, label: str, lo: int, hi: int, default: int, *, container: Any = st, **kw: Any) -> int:
    """An int slider whose value lives in ``?name=``."""
    _init(name, parse_int(name, st.query_params.get(name), lo, hi, default))
    if not lo <= st.session_state[name] <= hi:  # range shrank since the value was set
        st.session_state[name] = min(max(st.session_state[name], lo), hi)
    value = container.slider(label, lo, hi, key=name, **kw)
    _after(name, value, str(value), container)
    return value


def number(name: str, label: str, lo: int, hi: int, default: int, *, container: Any = st, **kw: Any) -> int:
    """An int number input whose value lives in ``?name=`` (for values a learner types)."""
    _init(name, parse_int(name, st.query_params.get(name), lo, hi, default))
    value = container.number_input(label, min_value=lo, max_value=hi, step=1, key=name, **kw)
    _after(name, int(value), str(int(value)), container)
    return int(value)


def select(
    name: str,
    label: str,
    options: Sequence[Any],
    default: Any,
    *,
    container: Any = st,
    format_func: Callable[[Any], str] = str,
    widget: str = "selectbox",
    **kw: Any,
) -> Any:
    """A selectbox (or radio / segmented_control / select_slider) whose value lives in ``?name=``."""
    by_text = {str(o): o for o in options}
    parsed = parse_choice(name, st.query_params.get(name), list(by_text), str(default))
    _init(name, Parsed(by_text[parsed.value], parsed.problem))
    if st.session_state[name] not in options:
        st.session_state[name] = default
    make = getattr(container, widget)
    if widget == "select_slider":
        value = make(label, options=list(options), key=name, format_func=format_func, **kw)
    else:
        value = make(label, list(options), key=name, format_func=format_func, **kw)
    _after(name, value, str(value), container)
    return value


def toggle(name: str, label: str, default: bool, *, container: Any = st, **kw: Any) -> bool:
    """A toggle whose value lives in ``?name=1|0``."""
    _init(name, parse_bool(name, st.query_params.get(name), default))
    value = container.toggle(label, key=name, **kw)
    _after(name, value, "1" if value else "0", container)
    return value


def set_state(**values: Any) -> None:
    """Callback for preset buttons: set several controls at once (before their widgets are drawn)."""
    for name, value in values.items():
        st.session_state[name] = value
        st.session_state.get(_PROBLEMS, {}).pop(name, None)


def app_chrome() -> Translator:
    """Sidebar language switch and presentation toggle (drawn by app.py on every page)."""
    select(
        "lang",
        "Language / 语言",
        LANGS,
        "en",
        container=st.sidebar,
        format_func=lambda code: {"en": "English", "zh": "中文"}[code],
        widget="radio",
        horizontal=True,
    )
    tr_ = tr()
    toggle("present", tr_("app.presentation"), False, container=st.sidebar, help=tr_("app.presentation_help"))
    if presenting():
        st.html(PRESENTATION_CSS)
    return tr_
