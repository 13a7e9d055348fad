"""Convolution playground: set a Conv2d, watch its kernel slide over every input channel, see the wiring and costs."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from ui import browser, chrome, layout, session, widgets
from ui.stage import stage as stage_view
from dsconv.conv.arithmetic import (ConvSpec, SpecError, conv_cost, depthwise_separable, output_size,
                               separable_ratio, standard_counterpart, valid_groups)
from dsconv.conv.code import conv_code, conv_keras_snippet, conv_snippet
from dsconv.conv.names import kind_key
from dsconv.figures.playground import wiring_figure, wiring_key
from dsconv.figures.stage import view_payload
from dsconv.figures.stage_image import GIF_FRAMES, stage_gif, stage_png


@st.cache_data(max_entries=256, show_spinner=False)
def stage_data(spec: ConvSpec, size: int, view: str, oc: int, lang: str) -> dict:
    return view_payload(spec, size, view, oc, lang)


@st.cache_resource(max_entries=256, show_spinner=False)
def wiring_fig(spec: ConvSpec, separable: bool, lang: str, height: int, font: int):
    return wiring_figure(spec, separable, lang, height, font)


@st.cache_data(max_entries=64, show_spinner=False)
def gif_bytes(spec: ConvSpec, size: int, view: str, oc: int, lang: str, title: str) -> bytes:
    return stage_gif(stage_data(spec, size, view, oc, lang), title=title)  # the payload the page already drew


@st.cache_data(max_entries=64, show_spinner=False)
def png_bytes(spec: ConvSpec, size: int, view: str, oc: int, lang: str, title: str) -> bytes:
    return stage_png(stage_data(spec, size, view, oc, lang), title=title)


tr = chrome.tr()
lang = chrome.lang()
font = chrome.fig_font(14)
present = chrome.presenting()
picture = browser.picture_view()
phone = not present and "Mobi" in st.context.headers.get("User-Agent", "") and "iPad" not in st.context.headers.get("User-Agent", "")
st.html(layout.QUICK_RERUN_CSS)
if not present:
    st.title(tr("pg.title"))
if not (present or phone):
    st.markdown(tr("pg.intro"))


@st.fragment
def body() -> None:
    """The settings and everything drawn from them. A setting reruns only this (not the app's navigation,
    sidebar and title), so the picture follows a slider at once (issue 21: slider → picture latency)."""
    # --- controls: never over the picture. On a projector a strip beside the stage (a change shows as it happens);
    # on a phone the four that matter most, then the picture, then the rest folded; elsewhere above the picture ---
    if present:
        strip, pic = st.columns([1, 3.3], gap="medium")
        strip.subheader(tr("pg.title"))  # in the strip: the stage starts at the top of the screen
        main = more = strip.container(key="pg_controls")
    elif phone:
        main, pic = st.container(key="pg_controls"), st.container()
        more = st.expander(tr("stage.more_settings"))
    else:
        main = more = st.container(key="pg_controls")
        pic = st.container()


    def row(box, n: int) -> list:
        """n places for controls: one row that wraps on a wide page (a flex row, not columns: fewer blocks to
        redraw on each change), one above the other in a strip or on a phone."""
        return [box if present or phone else box.container(horizontal=True, gap="medium")] * n


    r1 = row(main, 4)
    cin = widgets.slider("cin", tr("param.in_channels"), 1, 16, 4, container=r1[0])
    cout = widgets.slider("cout", tr("param.out_channels"), 1, 32, 8, container=r1[1])
    k = widgets.slider("k", tr("param.kernel_size"), 1, 7, 3, container=r1[2])
    gbox = r1[3].container()  # filled below, once the channels decide the legal groups
    r2 = row(more, 4)
    size = widgets.slider("size", tr("param.input_size"), 3, 32, 8, container=r2[0])
    s = widgets.slider("s", tr("param.stride"), 1, 3, 1, container=r2[1])
    p = widgets.slider("p", tr("param.padding"), 0, 3, 1, container=r2[2])
    d = widgets.slider("d", tr("param.dilation"), 1, 4, 1, container=r2[3])
    r3 = row(more, 3)
    oc = widgets.slider("oc", tr("pg.watch"), 0, cout - 1, 0, container=r3[0], help=tr("pg.watch_help")) if cout > 1 else 0
    dws = widgets.toggle("dws", tr("pg.dws"), False, container=r3[1], help=tr("pg.dws_help"))
    gfree = widgets.toggle("gfree", tr("pg.gfree"), False, container=r3[2], help=tr("pg.gfree_help"))
    choices = valid_groups(cin, cout)
    if gfree:
        g = widgets.number("gtyped", tr("pg.gtyped"), 0, 64, 1, container=gbox)
    else:  # a stepper over the legal values only; a single legal value shows as a disabled box (and says why)
        one = len(choices) == 1
        g = widgets.select("g", tr("pg.groups_stepper"), choices, 1, container=gbox, disabled=one,
                      widget="selectbox" if one else "select_slider", format_func=lambda v: f"{v} · {tr(kind_key(cin, v, k))}")
        if one:
            gbox.caption(tr("pg.groups_only_one", cin=cin, cout=cout))
    if dws:
        more.caption(tr("pg.dws_groups_note", cin=cin))

    spec = ConvSpec(cin, cout, k, stride=s, padding=p, dilation=d, groups=g)
    dw, pw = depthwise_separable(spec)
    try:
        (dw if dws else spec).validate(size, size)
        ok = True
    except SpecError as err:
        ok = False
        pic.error(err.message(lang), icon="🚫")
        pic.caption(tr("pg.fix_hint"))

    if ok:
        # --- 1. kernel sliding over every input channel: the stage ---
        if not present:  # on a projector the title says it, and the intro follows the picture
            pic.subheader(tr("pg.sec.sliding"))
        if dws:
            head = pic.columns([3, 2], vertical_alignment="center")
            view = widgets.select("stage", tr("pg.stage"), ["dw", "pw", "std"], "dw", widget="radio", horizontal=True,
                             format_func=lambda v: tr(f"pg.stage.{v}"), container=head[0])
            std_w, sep_w = replace(spec, groups=1).weight_count, dw.weight_count + pw.weight_count
            head[1].markdown(tr("stage.weight_counts", k=k, cin=cin, cout=cout, std=std_w, sep=sep_w, pct=sep_w / std_w))
        else:
            view = "conv"
            (more if present else pic).markdown(tr("pg.kind_now", kind=tr(kind_key(cin, g, k)), g=g, shape=spec.weight_shape))
        payload = stage_data(spec, size, view, oc, lang)
        with pic.container(key="ui_picture_pg"):
            stage_view(payload, key="pg_stage", present=present, picture=picture)
        notes = [tr("pg.sliding_caption")]
        if d > 1:
            notes.append(tr("pg.sliding_dilated", d=d, k=k, e=spec.effective_kernel))
        n_lanes = len(payload["lanes"])
        notes.append(tr(f"pg.sliding_{payload['kind']}", n=n_lanes, o=oc, cin=cin, cout=cout))
        pic.caption(" ".join(notes))
        if present:
            st.markdown(tr("pg.intro"))
        if dws:
            st.markdown(tr("pg.dws_weights", k=k, cin=cin, cout=cout, std=std_w, sep=sep_w, pct=sep_w / std_w))
        dl = [st.container(horizontal=True, vertical_alignment="center")] * 3  # one row: no column blocks to redraw
        title = tr("pg.gif_title", layer=conv_code(dw if dws else spec), size=size)
        dl[0].download_button(tr("export.gif"), data=lambda: gif_bytes(spec, size, view, oc, lang, title),
                              file_name="kernel_sliding.gif", mime="image/gif", key="pg_gif", on_click="ignore",
                              icon=":material/gif_box:")
        dl[1].download_button(tr("stage.export_png"), data=lambda: png_bytes(spec, size, view, oc, lang, title),
                              file_name="kernel_sliding.png", mime="image/png", key="pg_png", on_click="ignore",
                              icon=":material/image:")
        if payload["ho"] * payload["wo"] > GIF_FRAMES:
            dl[2].caption(tr("stage.gif_capped", shown=GIF_FRAMES, total=payload["ho"] * payload["wo"]))
        browser.share(None, key="pg")

        # --- 2. groups wiring ---
        st.subheader(tr("pg.sec.wiring"))
        st.plotly_chart(wiring_fig(wiring_key(spec), dws, lang, chrome.fig_height(420), font), key="pg_wiring")
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
        tiles = st.container(horizontal=True, gap="medium")  # one row of metrics that wraps on a narrow screen
        tiles.metric(tr("term.output_shape"), str(costs[-1][1].out_shape))
        for label, mine, std_value in (("term.params", mine_params, ref.params), ("term.macs", mine_macs, ref.macs)):
            tiles.metric(tr(label), f"{mine:,}", tr("pg.cost.of_standard", pct=mine / std_value), delta_color="off",
                       delta_arrow="off")
        for name, c in costs:
            tiles.metric(tr("pg.cost.weight_of", name=name) if dws else tr("term.weight_shape"), str(c.weight_shape))
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
        # one after the other, not tabs: a tab panel looks for focusable children on every rerun (react-aria
        # walks every highlighted token: ~10 ms of each slider step); full width keeps the
        # lines whole (side by side they were cut)
        st.markdown(f"**{tr('code.pytorch')}**")
        st.code(conv_snippet(spec, size, dws), language="python")
        st.markdown(f"**{tr('code.keras')}**")
        st.code(conv_keras_snippet(spec, size, dws), language="python")
        st.caption(tr("code.keras_note"))
    session.snapshot_page()  # a fragment run skips app.py's snapshot: the page's settings as they are now


body()
st.info(tr("pg.explain"))
