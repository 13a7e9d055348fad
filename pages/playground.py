"""Convolution playground: set a Conv2d, watch the kernel slide, see the groups wiring, shapes and costs."""

import pandas as pd
import streamlit as st

import ui
import ui.export
from dsconv.animation import MAX_FRAMES, sliding_gif
from dsconv.arithmetic import (ConvSpec, SpecError, conv_cost, depthwise_separable, output_size,
                               separable_ratio, standard_counterpart, valid_groups)
from dsconv.codegen import conv_snippet
from dsconv.figures.playground import sliding_figure, wiring_figure


# Figures are cached as resources: cache_data would unpickle (and re-validate) 64 plotly frames per run.
@st.cache_resource(max_entries=64, show_spinner=False)
def sliding_fig(spec: ConvSpec, size: int, lang: str, height: int, font: int):
    return sliding_figure(spec, size, lang, height, font)


@st.cache_resource(max_entries=64, show_spinner=False)
def wiring_fig(spec: ConvSpec, separable: bool, lang: str, height: int, font: int):
    return wiring_figure(spec, separable, lang, height, font)


@st.cache_data(max_entries=64, show_spinner=False)
def gif_bytes(spec: ConvSpec, size: int) -> bytes:
    return sliding_gif(spec, size)


tr = ui.tr()
lang = ui.lang()
font = 20 if ui.presenting() else 14
st.title(tr("pg.title"))
st.markdown(tr("pg.intro"))

# --- controls ---
row = st.columns(4)
size = ui.slider("size", tr("param.input_size"), 3, 32, 8, container=row[0])
cin = ui.slider("cin", tr("param.in_channels"), 1, 16, 3, container=row[1])
cout = ui.slider("cout", tr("param.out_channels"), 1, 32, 8, container=row[2])
k = ui.slider("k", tr("param.kernel_size"), 1, 7, 3, container=row[3])
row = st.columns(4)
s = ui.slider("s", tr("param.stride"), 1, 3, 1, container=row[0])
p = ui.slider("p", tr("param.padding"), 0, 3, 1, container=row[1])
d = ui.slider("d", tr("param.dilation"), 1, 4, 1, container=row[2])
with row[3]:
    dws = ui.toggle("dws", tr("pg.dws"), False, help=tr("pg.dws_help"))
    gfree = ui.toggle("gfree", tr("pg.gfree"), False, help=tr("pg.gfree_help"))
    if gfree:
        g = ui.number("gtyped", tr("pg.gtyped"), 0, 64, 1)
    else:
        g = ui.select("g", tr("param.groups"), valid_groups(cin, cout), 1)
if dws:
    st.caption(tr("pg.dws_groups_note", cin=cin))

spec = ConvSpec(cin, cout, k, stride=s, padding=p, dilation=d, groups=g)
dw, pw = depthwise_separable(spec)
shown = dw if dws else spec  # the conv whose kernel slides
try:
    shown.validate(size, size)
    ok = True
except SpecError as err:
    ok = False
    st.error(err.message(lang), icon="🚫")
    st.caption(tr("pg.fix_hint"))

if ok:
    # --- 1. kernel sliding ---
    st.subheader(tr("pg.sec.sliding"))
    fig = sliding_fig(shown, size, lang, ui.fig_height(480), font)
    st.plotly_chart(fig, key="pg_sliding", config={"displaylogo": False})
    notes = [tr("pg.sliding_caption")]
    if d > 1:
        notes.append(tr("pg.sliding_dilated", d=d, k=k, e=shown.effective_kernel))
    if dws:
        notes.append(tr("pg.sliding_dws"))
    elif cin // g > 1:
        per = cin // g
        notes.append(tr("pg.sliding_multi", n=per, first=0, last=per - 1))
    h_out, w_out = output_size(shown, size, size)
    if h_out * w_out > MAX_FRAMES:
        notes.append(tr("pg.sliding_capped", shown=MAX_FRAMES, total=h_out * w_out))
    st.caption(" ".join(notes))
    dl = st.columns(2)
    dl[0].download_button(tr("export.gif"), data=lambda: gif_bytes(shown, size), file_name="kernel_sliding.gif",
                          mime="image/gif", key="pg_gif", on_click="ignore", icon=":material/gif_box:")
    ui.export.download_figure(fig, "kernel_sliding", key="pg_fig_html", container=dl[1])
    ui.share(fig, key="pg")

    # --- 2. groups wiring ---
    st.subheader(tr("pg.sec.wiring"))
    st.plotly_chart(wiring_fig(spec if not dws else dw, dws, lang, ui.fig_height(420), font), key="pg_wiring")
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
    cols = st.columns(4)
    cols[0].metric(tr("term.output_shape"), str(costs[-1][1].out_shape))
    cols[1].metric(tr("term.weight_shape"), " + ".join(str(c.weight_shape) for _, c in costs))
    for col, label, mine, std_value in ((cols[2], "term.params", mine_params, ref.params),
                                        (cols[3], "term.macs", mine_macs, ref.macs)):
        col.metric(tr(label), f"{mine:,}", tr("pg.cost.of_standard", pct=mine / std_value), delta_color="off",
                   delta_arrow="off")
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
    st.code(conv_snippet(spec, size, dws), language="python")

st.info(tr("pg.explain"))
