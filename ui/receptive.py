"""Streamlit helpers of the Receptive Field page: the famous networks' tables and the phone-proof layer editor."""

from __future__ import annotations

from typing import Callable, Sequence

import pandas as pd
import streamlit as st

from ui import chrome, widgets
from dsconv.i18n import t
from dsconv.receptive.famous import analyse, end_point_name, networks
from dsconv.receptive.stacks import Layer

# On a phone Streamlit stacks columns one under another, which would separate the editor's k/s/d/p header from
# its number inputs (they have collapsed labels). Keep each editor row on one line instead, and drop the +/-
# steppers on narrow screens so the four inputs fit a 390 px screen.
EDITOR_CSS = """
<style>
.st-key-rf_editor [data-testid="stHorizontalBlock"] { flex-wrap: nowrap !important; gap: 0.35rem !important; }
.st-key-rf_editor [data-testid="stColumn"] { min-width: 0 !important; width: auto !important; flex: 1 1 0 !important; }
.st-key-rf_editor [data-testid="stColumn"]:first-child { flex: 0.45 1 0 !important; }
@media (max-width: 640px) {
  .st-key-rf_editor [data-testid="stNumberInput"] button { display: none !important; }
  .st-key-rf_editor [data-testid="stNumberInput"] input { padding-left: 0.4rem !important; padding-right: 0.2rem !important; }
}
</style>
"""


COVERAGE_ANCHOR = "coverage-map"


def jump_link(label: str, anchor: str) -> None:
    """A link that scrolls to a section of this page (its subheader's ``anchor``)."""
    st.markdown(f"[{label}](#{anchor})")


def famous_tables(key: str, size: int, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-layer rows (TF-Slim padding) and the end points' RF, effective stride and padding at ``size``."""
    net = networks()[key]
    rows = analyse(net, size)
    col = lambda name: t(f"rf.famous.col.{name}", lang)  # noqa: E731
    layers = pd.DataFrame([
        {col("name"): r.layer.name, col("kind"): r.layer.kind, "k": r.layer.kernel_size, "s": r.layer.stride,
         col("padding"): str(r.layer.padding), col("out"): r.size_out, col("rf"): r.rf, col("stride"): r.stride,
         col("eff_padding"): r.padding}
        for r in rows
    ])
    ends = pd.DataFrame([
        {col("end_point"): end_point_name(net, r.layer), col("rf"): r.rf, col("stride"): r.stride,
         col("eff_padding"): r.padding}
        for r in rows if r.layer.end_point
    ])
    return layers, ends


def layer_editor(n: int, params: Sequence[tuple], on_change: Callable[[], None]) -> list[Layer]:
    """``n`` rows of k / s / d / p number inputs (URL-bound as ``k1``, ``s1`` …) under one header row."""
    tr = chrome.tr()
    st.html(EDITOR_CSS)
    layers = []
    with st.container(key="rf_editor"):
        widths = [0.5, 1, 1, 1, 1]
        header = st.columns(widths)
        header[0].markdown("**#**")
        for col, (p, param, _, _) in zip(header[1:], params):
            col.markdown(f"**{p}**", help=tr("param." + param))
        for i in range(1, n + 1):
            cols = st.columns(widths, vertical_alignment="center")
            cols[0].markdown(f"**{i}**")
            values = [widgets.number(f"{p}{i}", tr("rf.layer_param", param=param, i=i), *rng, default, container=col,
                                label_visibility="collapsed", on_change=on_change)
                      for col, (p, param, rng, default) in zip(cols[1:], params)]
            layers.append(Layer(*values))
    return layers


def drop_unused_layer_params(used: int, drop_n: bool = False) -> None:
    """The URL describes only the layers in use: remove ``k``/``s``/``d``/``p`` params beyond ``used`` (and ``n``)."""
    for key in list(st.query_params):
        if (key == "n" and drop_n) or (key[:1] in "ksdp" and key[1:].isdigit() and int(key[1:]) > used):
            st.query_params.pop(key, None)
