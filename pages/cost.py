"""Cost Compare: params, MACs, memory and measured latency of standard / grouped / DW+PW / dilated convs."""

from contextlib import nullcontext

import pandas as pd
import streamlit as st

from ui.export import download_figure
from ui import browser, chrome, session, tables, widgets
from dsconv.cost.variants import (
    DEFAULT_PRESET,
    PRESET_NAMES,
    PRESETS,
    CompareConfig,
    compare,
    comparison_rows,
    formula_ratio,
    layer_repr,
    ratio,
    shape_text,
    sweep,
)
from dsconv.cost.counters import count
from dsconv.cost.counters.table import counter_rows, depthwise_bias_share
from dsconv.cost.counters.tools import FVCORE_MAX_MACS, PACKAGES
from dsconv.figures.cost import ratio_bars, sweep_figure, variant_label
from dsconv.cost.latency import default_device, measure, speedup_verdict, timing_rows

REPEATS, BUDGET_S = 15, 1.0  # per variant: at most ~1 s of timed runs, so a classroom server stays responsive

tr, lang = chrome.tr(), chrome.lang()
font = chrome.fig_font(13)


def show_table(df: pd.DataFrame) -> None:
    """An HTML table: every column visible without a scroll bar, and it grows with the projector font."""
    tables.table(df, index=True)


present = chrome.presenting()
st.title(tr("cost.title"))
head = st.columns([5, 1], vertical_alignment="center") if present else [st]  # on a projector: intro | Controls
head[0].caption(tr("cost.intro"))


def _apply_preset() -> None:
    widgets.set_state(**PRESETS[st.session_state["preset"]].config.controls())


session.load_preset("cost", "preset", lambda name: PRESETS[name].config.controls(), PRESET_NAMES, DEFAULT_PRESET)

with head[1] if present else nullcontext():  # folded into a popover on a projector, so the chart fits 1280×720
    box = chrome.controls(tr("app.controls"), key="cost_controls")
preset = PRESETS[
    widgets.select(
        "preset", tr("cost.preset"), PRESET_NAMES, DEFAULT_PRESET, format_func=lambda p: tr(f"cost.preset.{p}"),
        widget="radio", horizontal=True, on_change=_apply_preset, container=box,
    )
]
row1, row2 = box.columns(4), box.columns(4)
d0 = CompareConfig()
cfg = CompareConfig.from_controls(
    cin=widgets.slider("cin", tr("param.in_channels"), 1, 512, d0.in_channels, container=row1[0]),
    cout=widgets.slider("cout", tr("param.out_channels"), 1, 512, d0.out_channels, container=row1[1]),
    k=widgets.slider("k", tr("param.kernel_size"), 1, 9, d0.kernel_size, container=row1[2]),
    size=widgets.slider("size", tr("param.input_size"), 8, 224, d0.size, container=row1[3]),
    g=widgets.number("g", tr("param.groups"), 1, 512, d0.groups, container=row2[0]),
    d=widgets.slider("d", tr("param.dilation"), 1, 8, d0.dilation, container=row2[1]),
    s=widgets.slider("s", tr("param.stride"), 1, 4, d0.stride, container=row2[2]),
)
row2[3].caption(tr("cost.padding_note"))

results = compare(cfg)
labels = {v: variant_label(v, cfg, lang) for v in results}
fig = ratio_bars(results, cfg, lang, height=370 if present else chrome.fig_height(440), font_size=font)


def show_errors() -> None:
    """Each illegal variant's rule and numbers."""
    for variant, res in results.items():
        if not res.ok:
            st.error(tr("cost.illegal", variant=labels[variant], message=res.error.message(lang)))


def show_chart() -> None:
    """The ratio bars with their export and share buttons."""
    st.plotly_chart(fig, key="cost_bars")
    download_figure(fig, "cost_compare", key="cost_bars_download")
    browser.share(fig, key="cost")


if present:  # on a projector the picture comes first, right under its controls (fits 1280×720)
    show_errors()
    show_chart()

# --- the preset's own layers, exactly as its source wrote them ---
# (expanded while the controls still hold the preset's values, so the panel never contradicts them)
with st.expander(tr("cost.panel.title", preset=tr(f"cost.preset.{preset.name}")), expanded=cfg == preset.config):
    st.caption(tr("cost.panel.input", shape=shape_text(preset.in_shape)))
    for col, row in zip(st.columns(len(preset.rows)), preset.table()):
        col.metric(tr(row.label_key), f"{row.params:,}", border=False)
        col.caption(" → ".join(layer_repr(x) for x in row.layers))
        col.caption(f"{tr('cost.col.macs')}: {row.macs:,} · {tr('cost.col.out_shape')}: {shape_text(row.out_shape)}")
    if preset.name in ("seed_book", "seed_mnist"):
        st.info(tr(f"cost.note.{preset.name}"))

# --- side-by-side table and chart ---
if not present:
    show_errors()
show_table(pd.DataFrame(comparison_rows(results, cfg, lang)))
st.caption(tr("cost.table.caption"))
if not present:
    show_chart()

# --- the formula next to the counts ---
st.subheader(tr("cost.formula.title"))
counted = ratio(results, "dw_separable", "macs")
f1, f2, f3 = st.columns([1, 1, 2])
f1.metric(tr("cost.formula.predicted"), f"{formula_ratio(cfg):.4f}")
f2.metric(tr("cost.formula.counted"), f"{counted:.4f}" if counted is not None else "—")
f1.caption(tr("cost.formula.values", n=cfg.out_channels, k=cfg.kernel_size))
with f3:
    st.latex(r"\frac{k^2 C_{in} + C_{in} N}{k^2 C_{in} N} = \frac{1}{N} + \frac{1}{k^2}")
    st.caption(tr("cost.formula.explain") if counted is not None else tr("cost.formula.na"))

# --- what the FLOP counters report (each library really runs; cached per configuration) ---
st.subheader(tr("cost.counters.title"))
st.caption(tr("cost.counters.intro"))


@st.cache_data(max_entries=256, show_spinner=False)
def _counts(specs: tuple, in_shape: tuple) -> dict:
    return count(specs, in_shape)


in_shape = (cfg.in_channels, cfg.size, cfg.size)
figures = {v: _counts(res.specs, in_shape) for v, res in results.items() if res.ok}
show_table(pd.DataFrame(counter_rows(results, figures, in_shape, labels, lang)))
st.markdown(tr("cost.counters.twice"))
share = depthwise_bias_share(results, in_shape)
st.markdown(tr("cost.counters.bias_sentence", share=share) if share is not None else tr("cost.counters.bias_none"))
shown = [f for per in figures.values() for f in per.values()]
versions = ", ".join(sorted({f"{PACKAGES[f.tool]} {f.version}" for f in shown if f.version}))
whys = sorted({f.why for f in shown if f.source == "rule"})
if whys:
    why = "; ".join(tr("cost.counters.why.too_big", limit=FVCORE_MAX_MACS) if w == "too_big"
                    else tr("cost.counters.why.failed", error=w) for w in whys)
    st.caption(tr("cost.counters.rule_note", why=why, versions=versions))
else:
    st.caption(tr("cost.counters.versions", versions=versions))

# --- sweeps ---
st.subheader(tr("cost.sweep.title"))
s1, s2 = st.columns(2)
s1.plotly_chart(sweep_figure(sweep(cfg, "out_channels"), cfg, lang, chrome.fig_height(340), font), key="cost_sweep_cout")
s2.plotly_chart(sweep_figure(sweep(cfg, "kernel_size"), cfg, lang, chrome.fig_height(340), font), key="cost_sweep_k")
st.caption(tr("cost.sweep.explain"))

# --- measured latency ---
st.subheader(tr("cost.measure.title"))
device = default_device()


@st.cache_data(max_entries=64, show_spinner=False)
def _measure(controls: tuple, device: str, _progress=None) -> dict:
    """Timings per configuration and device, cached across sessions (one measurement per config)."""
    return measure(CompareConfig(*controls), device, repeats=REPEATS, budget_s=BUDGET_S, progress=_progress)


key = (cfg.in_channels, cfg.out_channels, cfg.kernel_size, cfg.size, cfg.groups, cfg.dilation, cfg.stride)
measured = st.session_state.setdefault("cost_timings", {})
st.caption(tr("cost.measure.help", budget=BUDGET_S))
if st.button(tr("cost.measure.button", device=device), key="measure", type="primary"):
    bar = st.progress(0.0, text=tr("cost.measure.running", variant=""))
    measured[key] = _measure(key, device, _progress=lambda f, _: bar.progress(min(f, 1.0)))
    bar.empty()
if key in measured:
    timings = measured[key]
    mac_ratios = {v: ratio(results, v, "macs") for v in results}
    show_table(pd.DataFrame(timing_rows(timings, mac_ratios, labels, lang)))
    st.caption(tr("cost.measure.device", device=device))
    verdict = speedup_verdict(timings, mac_ratios["dw_separable"])
    if verdict == "slower":
        dw_intensity = results["dw_separable"].cost.stage(0).intensity
        st.warning(tr("cost.measure.differ", dw=dw_intensity, std=results["standard"].cost.intensity))
    elif verdict:
        st.info(tr(f"cost.measure.{verdict}"))
