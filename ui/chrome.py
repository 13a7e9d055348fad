"""Page chrome every page shares: the language, presentation (projector) mode, its CSS and figure sizes."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dsconv.i18n import Translator, normalise_lang
from dsconv.urlstate import parse_bool

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
[data-testid="stMain"] [data-testid="stPlotlyChart"] :is(.xtick, .ytick) text { font-size: 20px !important; }
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


# Always: on narrow screens (phones, tablets in portrait) a row of page links above every page, so changing page is one tap
# (the sidebar's menu takes three: open, pick, close); hidden where the sidebar is beside the page.
BASE_CSS = """
<style>
.st-key-phone_nav { gap: 0.25rem 0.35rem !important; flex-wrap: wrap !important; margin-top: -1rem; }
.st-key-phone_nav [data-testid="stPageLink"] a { padding: 0.2rem 0.45rem; min-height: 2.75rem; border: 1px solid rgba(49, 51, 63, 0.15); }
.st-key-phone_nav [data-testid="stPageLink"] a[aria-current="page"] { background: rgba(151, 166, 195, 0.25); }
@media (min-width: 900px) { .st-key-phone_nav { display: none !important; } }  /* under 900 px the sidebar starts closed (ui/browser.py) */
.st-key-ui_sidebar_watch { display: none !important; }
[data-testid="stMain"] [data-testid="stButton"] button :is(p, [data-testid="stMarkdownContainer"]) {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
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


def fig_font(base: int = 14) -> int:
    """Font size in pixels for text inside figures, larger in presentation mode (readable from the back)."""
    return int(round(base * 1.45)) if presenting() else base


def controls(label: str, *, key: str) -> Any:
    """Where a page puts its controls: inline normally; folded into a popover in presentation mode, so the
    page's picture and its controls fit one projector screen (1280×720)."""
    if presenting():
        return st.popover(label, icon=":material/tune:", key=key)
    return st.container(key=key)
