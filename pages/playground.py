"""Convolution playground: set a Conv2d, watch its kernel slide over every input channel, see the wiring and costs."""

from contextlib import nullcontext

import pandas as pd
import streamlit as st

from ui.export import download_figure
from ui import browser, chrome, widgets
from dsconv.conv.sliding import sliding_gif
from dsconv.conv.arithmetic import (ConvSpec, SpecError, conv_cost, depthwise_separable, output_size,
                               separable_ratio, standard_counterpart, valid_groups)
from dsconv.conv.code import conv_code, conv_keras_snippet, conv_snippet
from dsconv.conv.names import kind_key
from dsconv.figures.channels import stage_figure
from dsconv.figures.playground import wiring_figure


# Figures are cached as resources: cache_data would unpickle (and re-validate) 64 plotly frames per run.
# 256 entries (~0.4 MB each, <= ~100 MB): a class moving k (1-7) and in_channels (1-16) touches ~112 specs;
# with 64 the LRU kept evicting what the next student asked for (bench/students.py).
@st.cache_resource(max_entries=256, show_spinner=False)
def channels_fig(spec: ConvSpec, size: int, view: str, oc: int, lang: str, font: int, width: int, max_px: int):
    return stage_figure(spec, size, view, oc, lang, font, width, max_px)


@st.cache_resource(max_entries=256, show_spinner=False)
def wiring_fig(spec: ConvSpec, separable: bool, lang: str, height: int, font: int):
    return wiring_figure(spec, separable, lang, height, font)


@st.cache_data(max_entries=64, show_spinner=False)
def gif_bytes(spec: ConvSpec, size: int, title: str) -> bytes:
    return sliding_gif(spec, size, title=title)


tr = chrome.tr()
lang = chrome.lang()
font = chrome.fig_font(14)
present = chrome.presenting()
st.title(tr("pg.title"))
if not present:
    st.markdown(tr("pg.intro"))

# --- controls: on a projector folded into a popover beside the layer's kind, so picture and controls fit 1280×720 ---
head = st.columns([5, 1], vertical_alignment="center") if present else [st]
with head[1] if present else nullcontext():
    box = chrome.controls(tr("app.controls"), key="pg_controls")
row = box.columns(4)
size = widgets.slider("size", tr("param.input_size"), 3, 32, 8, container=row[0])
cin = widgets.slider("cin", tr("param.in_channels"), 1, 16, 3, container=row[1])
cout = widgets.slider("cout", tr("param.out_channels"), 1, 32, 8, container=row[2])
k = widgets.slider("k", tr("param.kernel_size"), 1, 7, 3, container=row[3])
row = box.columns(4)
s = widgets.slider("s", tr("param.stride"), 1, 3, 1, container=row[0])
p = widgets.slider("p", tr("param.padding"), 0, 3, 1, container=row[1])
d = widgets.slider("d", tr("param.dilation"), 1, 4, 1, container=row[2])
oc = widgets.slider("oc", tr("pg.watch"), 0, cout - 1, 0, container=row[3], help=tr("pg.watch_help")) if cout > 1 else 0
row = box.columns([2, 1, 1])
dws = widgets.toggle("dws", tr("pg.dws"), False, container=row[1], help=tr("pg.dws_help"))
gfree = widgets.toggle("gfree", tr("pg.gfree"), False, container=row[2], help=tr("pg.gfree_help"))
choices = valid_groups(cin, cout)
if gfree:
    g = widgets.number("gtyped", tr("pg.gtyped"), 0, 64, 1, container=row[0])
else:  # a stepper over the legal values only; a single legal value shows as a disabled box (and says why)
    one = len(choices) == 1
    g = widgets.select("g", tr("pg.groups_stepper"), choices, 1, container=row[0], disabled=one,
                  widget="selectbox" if one else "select_slider", format_func=lambda v: f"{v} · {tr(kind_key(cin, v, k))}")
    if one:
        row[0].caption(tr("pg.groups_only_one", cin=cin, cout=cout))
if dws:
    box.caption(tr("pg.dws_groups_note", cin=cin))

spec = ConvSpec(cin, cout, k, stride=s, padding=p, dilation=d, groups=g)
dw, pw = depthwise_separable(spec)
try:
    (dw if dws else spec).validate(size, size)
    ok = True
except SpecError as err:
    ok = False
    st.error(err.message(lang), icon="🚫")
    st.caption(tr("pg.fix_hint"))

if ok:
    # --- 1. kernel sliding over every input channel ---
    if not present:  # on a projector the title says it, and the intro follows the picture
        st.subheader(tr("pg.sec.sliding"))
    if dws:
        view = widgets.select("stage", tr("pg.stage"), ["dw", "pw", "std"], "dw", widget="radio", horizontal=True,
                         format_func=lambda v: tr(f"pg.stage.{v}"), container=head[0])
    else:
        view = "conv"
        head[0].markdown(tr("pg.kind_now", kind=tr(kind_key(cin, g, k)), g=g, shape=spec.weight_shape))
    # the figure's cells are sized for the width it will get: projector, phone / tablet (by user agent), desktop
    mobile = any(m in st.context.headers.get("User-Agent", "") for m in ("Mobi", "Android", "iPad", "Tablet"))
    width, most = (1800, 270) if present else (420, 900) if mobile else (1100, 620)
    fig, stage = channels_fig(spec, size, view, oc, lang, font, width, most)
    st.plotly_chart(fig, key="pg_sliding", config={"displaylogo": False, "scrollZoom": False})
    notes = [tr("pg.sliding_caption")]
    if d > 1:
        notes.append(tr("pg.sliding_dilated", d=d, k=k, e=spec.effective_kernel))
    notes.append(tr(f"pg.sliding_{stage.kind}", n=len(stage.lanes) + len(stage.hidden), o=oc, cin=cin, cout=cout))
    if stage.truncated:
        notes.append(tr("pg.sliding_capped", shown=stage.frames, total=stage.total_cells))
    st.caption(" ".join(notes))
    if present:
        st.markdown(tr("pg.intro"))
    if dws:
        std_w, sep_w = k * k * cin * cout, k * k * cin + cin * cout
        st.markdown(tr("pg.dws_weights", k=k, cin=cin, cout=cout, std=std_w, sep=sep_w, pct=sep_w / std_w))
    dl = st.columns(2)
    title = tr("pg.gif_title", layer=conv_code(dw if dws else spec), size=size)
    dl[0].download_button(tr("export.gif"), data=lambda: gif_bytes(dw if dws else spec, size, title),
                          file_name="kernel_sliding.gif", mime="image/gif", key="pg_gif", on_click="ignore",
                          icon=":material/gif_box:")
    download_figure(fig, "kernel_sliding", key="pg_fig_html", container=dl[1])
    browser.share(fig, key="pg")

    # --- 2. groups wiring ---
    st.subheader(tr("pg.sec.wiring"))
    st.plotly_chart(wiring_fig(spec, dws, lang, chrome.fig_height(420), font), key="pg_wiring")
    if dws:
        st.caption(tr("pg.wiring_caption_dws", cin=cin, cout=cout))
    else:
        st.caption(tr("pg.wiring_caption", g=g, per_in=cin // g, per_out=cout // g, shape=spec.weight_shape))

    # --- 3. shapes and counts ---
    st.subheader(tr("pg.sec.cost"))
    std = standard_counterpart(spec)
    parts = [(tr("term.depthwise"), dw), (tr("term.pointwise"), pw)] if dws else [(tr("pg.cost.chosen"), spec)]
    h_in = [size, output_size(dw, size, size)[0]]
    costs = [(name, conv_cost(c, h)) for (name, c), h in zip(parts, h_in)]
    mine_params, mine_macs = sum(c.params for _, c in costs), sum(c.macs for _, c in costs)
    ref = conv_cost(std, size)
    cols = st.columns(3)
    cols[0].metric(tr("term.output_shape"), str(costs[-1][1].out_shape))
    for col, label, mine, std_value in ((cols[1], "term.params", mine_params, ref.params),
                                        (cols[2], "term.macs", mine_macs, ref.macs)):
        col.metric(tr(label), f"{mine:,}", tr("pg.cost.of_standard", pct=mine / std_value), delta_color="off",
                   delta_arrow="off")
    cols = st.columns(3)
    for col, (name, c) in zip(cols, costs):
        col.metric(tr("pg.cost.weight_of", name=name) if dws else tr("term.weight_shape"), str(c.weight_shape))
    rows = [(name, c.out_shape, c.weight_shape, c.params, c.macs) for name, c in costs]
    if dws:
        rows.append((tr("pg.cost.chosen_dws"), costs[-1][1].out_shape, "", mine_params, mine_macs))
    rows.append((tr("pg.cost.standard"), ref.out_shape, ref.weight_shape, ref.params, ref.macs))
    rows.append((tr("pg.cost.ratio"), "", "", f"{mine_params / ref.params:.4f}", f"{mine_macs / ref.macs:.4f}"))
    table = pd.DataFrame(rows, columns=[tr("pg.cost.layer"), tr("term.output_shape"), tr("term.weight_shape"),
                                        tr("term.params"), tr("term.macs")]).astype(str)
    st.table(table.set_index(tr("pg.cost.layer")))
    st.caption(tr("pg.cost.standard_note", e=spec.effective_kernel))
    if dws:
        st.markdown(tr("pg.cost.formula", n=cout, k=k, ratio=separable_ratio(cout, k)))
        if d > 1:
            st.caption(tr("pg.cost.formula_dilated", d=d, e=spec.effective_kernel))
    st.caption(tr("pg.cost.explain"))

    # --- 4. code ---
    st.subheader(tr("pg.sec.code"))
    tab_torch, tab_keras = st.tabs([tr("code.pytorch"), tr("code.keras")])
    tab_torch.code(conv_snippet(spec, size, dws), language="python")
    tab_keras.code(conv_keras_snippet(spec, size, dws), language="python")
    tab_keras.caption(tr("code.keras_note"))

st.info(tr("pg.explain"))
