"""Receptive Field page: a layer-stack editor, RF growth per layer, exact coverage map, growth animation, effective RF."""

import pandas as pd
import streamlit as st

from ui.export import download_figure
from ui import browser, chrome, session, tables, widgets
from dsconv.receptive.coverage import effective_rf, erf_seeds, growth_frames, holes_inside
from dsconv.figures.receptive import coverage_figure, erf_figure, growth_animation, rf_growth_chart
from dsconv.receptive.famous import networks
from dsconv.receptive.field import receptive_field
from dsconv.receptive.stacks import (
    COVERAGE_BUDGET, DEFAULT_PRESET, DILATION_RANGE, FAMOUS, FAMOUS_SIZE, KERNEL_RANGE, MAX_LAYERS, PADDING_RANGE,
    PRESETS, SIZE_RANGE, STRIDE_RANGE, LayerError, Stack, centre_output, coverage_ok, output_sizes,
    widget_values,
)
from ui.receptive import COVERAGE_ANCHOR, drop_unused_layer_params, famous_tables, jump_link, layer_editor

ERF_SEEDS, ERF_CHANNELS = 32, 4  # 32 seeds: the average is smooth enough to see its shape
PARAMS = (("k", "kernel_size", KERNEL_RANGE, 3), ("s", "stride", STRIDE_RANGE, 1),
          ("d", "dilation", DILATION_RANGE, 1), ("p", "padding", PADDING_RANGE, 0))
tr = chrome.tr()
FONT = chrome.fig_height(13)  # figure text grows with the figures in presentation mode


def preset_values(name: str) -> dict:
    """Every control's value for preset ``name`` (output position at the centre); a famous net sets the size only."""
    if name in FAMOUS:
        return {"size": FAMOUS_SIZE}
    oy, ox = centre_output(PRESETS[name])
    return {**widget_values(PRESETS[name]), "oy": oy, "ox": ox}


def apply_preset() -> None:
    """Preset control callback: load the preset's layers into the layer controls."""
    if st.session_state["preset"] in PRESETS or st.session_state["preset"] in FAMOUS:
        widgets.set_state(**preset_values(st.session_state["preset"]))


def mark_custom() -> None:
    """Layer control callback: the stack no longer matches the preset."""
    st.session_state["preset"] = "custom"


def seed_from_url() -> None:
    """On arriving: ``?preset=`` loads its layers unless the URL sets a control explicitly; layer values in the
    URL without a preset make the stack "custom"."""
    if not session.fresh_arrival("rf"):
        return
    loaded = session.apply_url_preset("preset", preset_values, (*PRESETS, *FAMOUS), None)
    if loaded is None and "preset" not in st.query_params and any(k in st.query_params for k in widget_values(PRESETS[DEFAULT_PRESET])):
        st.session_state["preset"] = "custom"


# 128 entries: three kernel sizes x three layers x three dilations is already 81 stacks, and a class tries them all.
@st.cache_data(max_entries=128)
def coverage_data(key: tuple, oy: int, ox: int) -> list:
    """Exact path counts after each layer for output ``(oy, ox)`` (one backward pass per layer)."""
    return growth_frames(Stack.from_key(key), oy, ox)


@st.cache_data(max_entries=128)
def erf_data(key: tuple):
    """Effective RF of the centre output (random weights averaged over several seeds; fewer for heavy stacks)."""
    stack = Stack.from_key(key)
    return effective_rf(stack, seeds=erf_seeds(stack, ERF_CHANNELS, ERF_SEEDS), channels=ERF_CHANNELS)


# Figures are cached as objects (cache_resource, never mutated): unpickling a plotly figure costs more than drawing it.
@st.cache_resource(max_entries=128)
def growth_chart(key: tuple, lang: str, height: int):
    """RF size per layer, this stack vs. dilation 1."""
    stack = Stack.from_key(key)
    return rf_growth_chart(receptive_field(stack.specs()), receptive_field(stack.undilated().specs()), lang, height, FONT)


@st.cache_resource(max_entries=128)
def pictures(key: tuple, oy: int, ox: int, lang: str, height: int) -> tuple:
    """Coverage and growth figures plus (RF, reached, holes) for one stack and output position."""
    frames = coverage_data(key, oy, ox)
    last = frames[-1]
    stats = (last.rf.size, int((last.counts > 0).sum()), holes_inside(last.counts, last.rf, oy, ox))
    return coverage_figure(last.counts, last.rf, oy, ox, lang, height, FONT), growth_animation(frames, lang, height, FONT), stats


@st.cache_resource(max_entries=128)
def erf_picture(key: tuple, lang: str, height: int):
    """Effective RF beside the theoretical RF square of the centre output."""
    stack = Stack.from_key(key)
    c = centre_output(stack)[0]
    return erf_figure(erf_data(key), receptive_field(stack.specs())[-1], c, c, lang, height, FONT)


st.title(tr("rf.title"))
st.caption(tr("rf.intro"))
seed_from_url()
# On a projector the chart takes the width and every control (presets too) folds into one popover.
folded = None
head = st.columns([1, 4], vertical_alignment="center") if chrome.presenting() else [st.container()]
if chrome.presenting():
    with head[0]:
        folded = chrome.controls(tr("app.controls"), key="rf_controls")
with head[-1]:
    jump_link(tr("rf.jump_coverage"), COVERAGE_ANCHOR)  # the most telling picture, one click away
preset = widgets.select("preset", tr("rf.preset"), ["custom", *PRESETS, *FAMOUS], DEFAULT_PRESET,
                   widget="segmented_control", format_func=lambda name: tr(f"rf.preset.{name}"), required=True,
                   on_change=apply_preset, container=folded or st)
famous = preset if preset in FAMOUS else None

left, right = (folded, st.container()) if folded else st.columns([2, 3], gap="large")
with left:
    size = widgets.slider("size", tr("param.input_size"), *SIZE_RANGE, 32, on_change=None if famous else mark_custom)
    if famous:  # read-only: the network's receptive-field path, named as in its source
        layers = list(FAMOUS[famous].layers)
        st.caption(tr(f"rf.famous.{famous}.about"))
    else:
        n = widgets.slider("n", tr("rf.layers"), 1, MAX_LAYERS, 4, on_change=mark_custom)
        layers = layer_editor(n, PARAMS, mark_custom)
    drop_unused_layer_params(0 if famous else len(layers), drop_n=bool(famous))

stack = Stack(size, tuple(layers))
try:
    sizes = output_sizes(stack)
except LayerError as error:
    right.error(tr("rf.layer_error", layer=error.layer, message=error.error.message(chrome.lang())), icon="🚫")
    right.info(tr("rf.fix_hint"))
    st.stop()

rfs, rfs_d1 = receptive_field(stack.specs()), receptive_field(stack.undilated().specs())
with right:
    st.subheader(tr("rf.section_growth"))
    height = min(chrome.fig_height(330), 340) if folded else chrome.fig_height(330)  # fits under the title at 1280x720
    st.plotly_chart(growth_chart(stack.key(), chrome.lang(), height), key="rf_chart", theme=None)
    table = pd.DataFrame(
        [(tr("rf.input_row"), size, 1, 1, 1, 0.0)]
        + [(str(i), out, rf.size, rf1.size, rf.jump, rf.start) for i, (out, rf, rf1) in enumerate(zip(sizes, rfs, rfs_d1), 1)],
        columns=[tr(f"rf.col_{c}") for c in ("layer", "out", "rf", "rf_d1", "jump", "start")],
    )
    tables.data(table, key="rf_table")
    st.caption(tr("rf.table_note"))
if famous:
    layer_rows, end_rows = famous_tables(famous, size, chrome.lang())
    st.subheader(tr("rf.famous.section", name=networks()[famous].title, size=size))
    c1, c2 = (st.container(), st.container()) if folded else st.columns([3, 2])  # enlarged tables need the width
    tables.data(layer_rows, key="rf_famous_layers", container=c1)
    tables.data(end_rows, key="rf_famous_ends", container=c2)
    st.caption(tr("rf.famous.note"))
st.markdown(tr("rf.formulas"))
st.latex(r"r_l = r_{l-1} + d_l(k_l-1)\,j_{l-1} \qquad j_l = j_{l-1}\,s_l \qquad"
         r"\mathrm{start}_l = \mathrm{start}_{l-1} + \Big(\tfrac{d_l(k_l-1)}{2} - p_l\Big)\,j_{l-1}")
st.markdown(tr("rf.growth_explain"))

st.subheader(tr("rf.section_coverage"), anchor=COVERAGE_ANCHOR)
if not coverage_ok(stack):
    st.info(tr("rf.coverage_limited", size=size, layers=len(layers), work=f"{size * size * len(layers):,}",
               budget=f"{COVERAGE_BUDGET:,}"), icon=":material/speed:")
else:
    last = sizes[-1]
    if last > 1:
        c1, c2 = st.columns(2)
        oy = widgets.slider("oy", tr("rf.oy"), 0, last - 1, (last - 1) // 2, container=c1)
        ox = widgets.slider("ox", tr("rf.ox"), 0, last - 1, (last - 1) // 2, container=c2)
    else:
        oy = ox = 0
        st.caption(tr("rf.one_output"))
    height = chrome.fig_height(460)
    cov_fig, anim_fig, (rf_size, reached, holes) = pictures(stack.key(), oy, ox, chrome.lang(), height)
    m1, m2, m3 = st.columns(3)
    m1.metric(tr("rf.metric_rf"), f"{rf_size}×{rf_size}")
    m2.metric(tr("rf.metric_reached"), reached)
    m3.metric(tr("rf.metric_holes"), holes)
    c1, c2 = st.columns(2)
    with c1:
        st.plotly_chart(cov_fig, key="rf_coverage", theme=None)
        download_figure(cov_fig, "receptive_field", key="dl_rf_coverage")
        browser.share(cov_fig, key="rf", theme=None)
    with c2:
        st.markdown(f"**{tr('rf.section_animation')}**")
        st.plotly_chart(anim_fig, key="rf_growth", theme=None)
        download_figure(anim_fig, "receptive_field_growth", key="dl_rf_growth")
    st.markdown(tr("rf.coverage_explain"))
    st.caption(tr("rf.animation_explain"))

    st.subheader(tr("rf.section_erf"))
    st.plotly_chart(erf_picture(stack.key(), chrome.lang(), chrome.fig_height(420)), key="rf_erf", theme=None)
    st.markdown(tr("rf.erf_explain", seeds=erf_seeds(stack, ERF_CHANNELS, ERF_SEEDS), channels=ERF_CHANNELS))
