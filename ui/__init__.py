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


def _leave_legacy_pages_mode() -> None:
    """Make app.py's navigation (sidebar, language switch) apply on every page from the first request.

    Streamlit runs ``pages/*.py`` directly (legacy multipage mode, no app.py) until some session has run
    app.py's ``st.navigation`` once per process, so a fresh server whose first request was a shared
    link such as ``/playground?k=5`` showed that page without the app's sidebar and settings. Turn the
    legacy mode off and rerun, so app.py always builds the page.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        ctx = get_script_run_ctx()
        if ctx is not None and ctx.page_script_hash not in ("", ctx.pages_manager.main_script_hash):
            st.rerun()  # a page other than app.py was started directly: start over through app.py


# Presentation mode (projector): larger text in the main area only (the sidebar keeps its size), full
# width, and fewer controls: help icons and toolbar actions are hidden (the sidebar's expand arrow stays;
# figure downloads stay, for the teacher's slides). Code, tables and formulas grow like the text. Figures grow
# through fig_height() / fig_font(); plotly's tick labels, axis titles and titles get a
# projector-sized minimum here, since not every figure sets its own fonts.
PRESENTATION_CSS = """
<style>
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 2.5rem 2.5rem 4rem !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, li, td, th),
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stTable"] :is(td, th),
[data-testid="stMain"] [data-testid="stAlertContainer"] p { font-size: 1.6rem !important; line-height: 1.45 !important; }
:is([data-testid="stMain"], [data-testid="stPopoverBody"]) [data-testid="stWidgetLabel"] p { font-size: 1.35rem !important; }
:is([data-testid="stMain"], [data-testid="stPopoverBody"]) [data-testid="stSliderThumbValue"],
:is([data-testid="stMain"], [data-testid="stPopoverBody"]) [data-testid="stSliderTickBar"] { font-size: 1.3rem !important; }
[data-testid="stPopoverBody"] { width: min(94vw, 1500px) !important; max-width: 94vw !important; }
[data-testid="stPopoverBody"] [data-testid="stCaptionContainer"] { font-size: 1.3rem !important; }
[data-testid="stPopoverBody"] :is([data-testid="stSelectbox"] input, [data-testid="stNumberInput"] input,
  [data-testid="stMarkdownContainer"] p) { font-size: 1.35rem !important; }
[data-testid="stMain"] h1, [data-testid="stMain"] h1 span { font-size: 3.6rem !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h2 span { font-size: 2.7rem !important; }
[data-testid="stMain"] h3, [data-testid="stMain"] h3 span { font-size: 2.1rem !important; }
[data-testid="stMain"] h4, [data-testid="stMain"] h4 span { font-size: 1.8rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.5rem !important; }
[data-testid="stMain"] [data-testid="stMetricValue"] :is(div, p) { font-size: 3.6rem !important; line-height: 1.2 !important; }
[data-testid="stMain"] [data-testid="stPageLink"] [data-testid="stMarkdownContainer"] p { font-size: 1.7rem !important; }
[data-testid="stMain"] :is([data-testid="stSelectbox"] input, [data-testid="stNumberInput"] input,
  [data-testid="stButton"] p) { font-size: 1.35rem !important; }
[data-testid="stMain"] [data-testid="stPlotlyChart"] :is(.xtick, .ytick) text { font-size: 19px !important; }
[data-testid="stMain"] [data-testid="stPlotlyChart"] :is(.xtitle, .ytitle, .g-xtitle text, .g-ytitle text) {
  font-size: 21px !important; }
[data-testid="stMain"] [data-testid="stPlotlyChart"] .gtitle { font-size: 26px !important; }
[data-testid="stMain"] [data-testid="stCode"] :is(pre, code) { font-size: 1.35rem !important; line-height: 1.45 !important; }
[data-testid="stMain"] .katex { font-size: 2rem !important; }
[data-testid="stMain"] [data-testid="stTable"] :is(td, th) { padding: 0.35rem 0.6rem !important; }
@media (max-width: 1366px) {  /* a 1280- or 1366-px projector: wide tables (Cost, famous nets) must still fit without a scroll */
  [data-testid="stMain"] [data-testid="stTable"] :is(td, th),
  [data-testid="stMain"] [data-testid="stTable"] [data-testid="stMarkdownContainer"] p {
    font-size: 1.3rem !important; }
  [data-testid="stMain"] [data-testid="stTable"] :is(td, th) { padding: 0.3rem 0.4rem !important; }
}
[data-testid="stMain"] [data-testid="stDownloadButton"] p { font-size: 1.1rem !important; }
[data-testid="stMain"] :is([data-testid="stTooltipIcon"]:not(:has(button, a)), [data-testid="stElementToolbar"]),
  [data-testid="stToolbarActions"] { display: none !important; }
</style>
"""


# Always: on narrow screens (phones) a row of page links above every page, so changing page is one tap
# (the sidebar's menu takes three: open, pick, close); hidden where the sidebar is beside the page.
BASE_CSS = """
<style>
.st-key-phone_nav { gap: 0.25rem 0.35rem !important; flex-wrap: wrap !important; margin-top: -1rem; }
.st-key-phone_nav [data-testid="stPageLink"] a { padding: 0.2rem 0.45rem; min-height: 2.75rem; border: 1px solid rgba(49, 51, 63, 0.15); }
.st-key-phone_nav [data-testid="stPageLink"] a[aria-current="page"] { background: rgba(151, 166, 195, 0.25); }
@media (min-width: 736px) { .st-key-phone_nav { display: none !important; } }
.st-key-ui_sidebar_watch { display: none !important; }
[data-testid="stMain"] [data-testid="stButton"] button :is(p, [data-testid="stMarkdownContainer"]) {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>
"""


def phone_nav(pages: Sequence[Any]) -> None:
    """One-tap page links for phones (CSS shows them only below Streamlit's 736 px sidebar breakpoint)."""
    with st.container(key="phone_nav", horizontal=True):
        for page in pages:
            st.page_link(page, label=page.title, icon=page.icon)


def blank_missing(df: "pd.DataFrame") -> "pd.DataFrame":
    """Empty cells read blank, not "None"/"nan"/"<NA>" (in every language); numbers get thousands separators."""
    import pandas as pd

    def cell(v: Any) -> Any:
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            return ""
        if isinstance(v, bool):
            return v
        if isinstance(v, int) or (hasattr(v, "dtype") and getattr(v.dtype, "kind", "") in "iu"):
            return f"{int(v):,}"
        return v

    return df.astype(object).map(cell)


def table(df: "pd.DataFrame", *, index: bool = False, container: Any = st) -> None:
    """A read-only table as HTML (``st.table``): it wraps instead of scrolling, grows with the presentation
    font (a canvas-drawn ``st.dataframe`` does not) and shows empty cells blank."""
    shown = blank_missing(df)
    if index:
        shown = shown.set_index(shown.columns[0])
    container.table(shown, hide_index=not index)


def data(df: "pd.DataFrame", *, key: str | None = None, container: Any = st, **kwargs: Any) -> None:
    """A table learners can sort and scroll (``st.dataframe``); on a projector the enlarged HTML :func:`table`."""
    if presenting():
        table(df, container=container)
    else:
        container.dataframe(df, hide_index=True, key=key, **kwargs)


def share(fig: Any = None, *, key: str, **chart: Any) -> None:
    """One line per page with a picture: Copy link / Copy picture link / Just the picture (see ui.browser)."""
    from ui.browser import share as _share

    _share(fig, key=key, **chart)


def controls(label: str, *, key: str) -> Any:
    """Where a page puts its controls: inline normally; folded into a popover in presentation mode, so the
    page's picture and its controls fit one projector screen (1280×720)."""
    if presenting():
        return st.popover(label, icon=":material/tune:", key=key)
    return st.container(key=key)


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


def fig_font(base: int = 14) -> int:
    """Font size in pixels for text inside figures, larger in presentation mode (readable from the back)."""
    return int(round(base * 1.45)) if presenting() else base


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
        # select() keeps the default as its URL text; toggle()'s default is 0/1 and its value a bool
        if value == problem.default or str(value) == str(problem.default):
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
    _restore_choice(name, options, default)
    on_change = kw.pop("on_change", None)
    if on_change is not None:
        kw["on_change"] = _unless_only_relabelled(name, options, default, on_change)
    labels = _resend_if_relabelled(name, options, format_func)
    make = getattr(container, widget)
    if widget == "select_slider":
        value = make(label, options=list(options), key=name, format_func=format_func, **kw)
    else:
        value = make(label, list(options), key=name, format_func=format_func, **kw)
    st.session_state.setdefault(_LABELS, {})[name] = (labels, value)
    _after(name, value, str(value), container)
    return value


def choice(name: str, label: str, options: Sequence[Any], *, container: Any = st,
           format_func: Callable[[Any], str] = str, **kw: Any) -> Any:
    """A selectbox kept in the session only (not the URL) that survives its labels changing (language, edits)."""
    options = list(options)
    if name in st.session_state:
        _restore_choice(name, options, options[0])
    labels = _resend_if_relabelled(name, options, format_func)
    value = container.selectbox(label, options, key=name, format_func=format_func, **kw)
    st.session_state.setdefault(_LABELS, {})[name] = (labels, value)
    return value


_LABELS = "_choice_labels"  # per select(): {label shown last run: option index}, and the value shown


def _resend_if_relabelled(name: str, options: Sequence[Any], format_func: Callable[[Any], str]) -> dict[str, int]:
    """This run's {label: option index}; when the labels changed (language, edits), re-send the value to the browser."""
    labels = {format_func(o): i for i, o in enumerate(options)}
    if name in st.session_state and labels != st.session_state.get(_LABELS, {}).get(name, (labels, None))[0]:
        st.session_state[name] = st.session_state[name]
    return labels


def _restore_choice(name: str, options: Sequence[Any], default: Any) -> bool:
    """Map a stale label back to its option; True if the value was only relabelled (same option as before).

    Streamlit's selectbox/radio send their value as the *label*: after a language switch the browser
    sends the old language's label, which no longer matches and arrives as a plain string (a traceback
    in any page that indexes with it). The labels shown last run turn it back into the option.
    """
    value = st.session_state.get(name)
    if value in options:
        return False
    labels, shown = st.session_state.get(_LABELS, {}).get(name, ({}, None))
    index = labels.get(value) if isinstance(value, str) else None
    restored = options[index] if index is not None and index < len(options) else default
    st.session_state[name] = restored
    return restored == shown


def _unless_only_relabelled(name: str, options: Sequence[Any], default: Any, callback: Callable) -> Callable:
    """``callback`` for on_change, skipped when the "change" was only the labels changing language."""

    def changed(*args: Any, **kwargs: Any) -> None:
        if not _restore_choice(name, options, default):
            callback(*args, **kwargs)

    return changed


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
    st.html(BASE_CSS)
    toggle("present", tr_("app.presentation"), False, container=st.sidebar, help=tr_("app.presentation_help"))
    if presenting():
        # Projector: collapse the sidebar (the toggle stays reachable through its arrow) and enlarge.
        st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
        st.html(PRESENTATION_CSS)
    return tr_


# Last, so that the rerun it may raise cannot leave a half-initialised `ui` to sessions importing it concurrently.
_leave_legacy_pages_mode()
