"""Screen-size rules every page shares: tablets and phones (two sliders a row, whole toggle labels, tables that
wrap), projectors and touch screens (no plotly toolbar over a chart's title). CSS only: app.py adds ``CSS`` to
every page; a page whose reruns are quick adds ``QUICK_RERUN_CSS`` itself."""

from __future__ import annotations

# - plotly's toolbar (zoom, pan, download) floats over the top right of a chart, where the titles are; the
#   pages offer downloads and sharing themselves, so it is hidden everywhere.
# - 640-1100 px (a tablet, a half-screen window): a row of sliders (columns, or a horizontal container's elements)
#   wraps to two a row; a toggle's label wraps
#   instead of being cut ("Depth…"); HTML tables wrap their cells instead of running off the right.
# - below 900 px the sortable tables give way to their HTML copy (tables.data draws both), which wraps.
CSS = """
<style>
[data-testid="stPlotlyChart"] .modebar-container { display: none !important; }
[data-testid="stMain"] [data-testid="stCheckbox"] :is(label, p) {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMain"] [data-testid="stTable"] :is(td, th) { white-space: normal !important; overflow-wrap: anywhere; }
[data-testid="stMain"] [data-testid="stTable"] table { width: 100% !important; }
[class*="st-key-ui_narrow_table"] { display: none !important; }
@media (max-width: 900px) {
  [class*="st-key-ui_narrow_table"] { display: block !important; }
  [class*="st-key-ui_wide_table"] { display: none !important; }
}
@media (min-width: 640px) and (max-width: 1100px) {
  [data-testid="stMain"] [data-testid="stHorizontalBlock"]:has(> :is([data-testid="stColumn"], [data-testid="stElementContainer"], [data-testid="stLayoutWrapper"]) :is([data-testid="stSlider"], [data-testid="stCheckbox"])) {
    flex-wrap: wrap !important; row-gap: 0.5rem !important; }
  [data-testid="stMain"] [data-testid="stHorizontalBlock"]:has(> :is([data-testid="stColumn"], [data-testid="stElementContainer"], [data-testid="stLayoutWrapper"]) :is([data-testid="stSlider"], [data-testid="stCheckbox"]))
    > :is([data-testid="stColumn"], [data-testid="stElementContainer"], [data-testid="stLayoutWrapper"]) { flex: 1 1 calc(50% - 1rem) !important; min-width: calc(50% - 1rem) !important; }
}
</style>
"""

# A page whose reruns take a few tens of ms (the Playground): Streamlit's "stale" fade would still mark every element
# at the start of a rerun and unmark it at the end, two repaints of the whole page per slider step that a projector
# shows as flicker. The page adds this itself, so it applies only while that page is shown. (`content-visibility:
# auto` below the picture saved a little more, but text it skips reads as "" through innerText until scrolled to.)
QUICK_RERUN_CSS = """
<style>
[data-testid="stMain"] [data-stale="true"] { opacity: 1 !important; transition: none !important; }
</style>
"""
