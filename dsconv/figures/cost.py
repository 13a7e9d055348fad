"""Figures of the Cost Compare page: cost ratios to the standard conv, and sweeps of the MAC ratio."""

from __future__ import annotations

import plotly.graph_objects as go

from dsconv.cost.variants import VARIANTS, CompareConfig, Sweep, VariantResult, ratio
from dsconv.i18n import t

COLORS = {"standard": "#7f7f7f", "grouped": "#1f77b4", "dw_separable": "#d62728", "dilated": "#2ca02c"}
LOG_TICKS = [m * 10.0**e for e in range(-5, 4) for m in (1, 2, 5)]  # 1-2-5 ticks, no bare minor digits
METRICS: tuple[tuple[str, str], ...] = (
    ("params", "cost.chart.metric.params"),
    ("macs", "cost.chart.metric.macs"),
    ("activations", "cost.chart.metric.activations"),
    ("intensity", "cost.chart.metric.intensity"),
)


def variant_label(variant: str, cfg: CompareConfig, lang: str) -> str:
    """The variant's display name, with its groups / dilation."""
    return t(f"cost.variant.{variant}", lang, g=cfg.groups, d=cfg.dilation)


def ratio_bars(
    results: dict[str, VariantResult], cfg: CompareConfig, lang: str, height: int = 420, font_size: int = 13
) -> go.Figure:
    """Grouped bars: each variant's params, MACs, activations and intensity divided by the standard conv's (log y)."""
    fig = go.Figure()
    names = [t(key, lang) for _, key in METRICS]
    for variant in VARIANTS:
        values = [ratio(results, variant, attr) for attr, _ in METRICS]
        absolute = [getattr(results[variant].cost, attr) if results[variant].ok else None for attr, _ in METRICS]
        text = [f"{v:.3g}×" if v is not None else "" for v in values]
        custom = [f"{a:,.2f}" if isinstance(a, float) else (f"{a:,}" if a is not None else "-") for a in absolute]
        fig.add_bar(
            name=variant_label(variant, cfg, lang),
            x=names,
            y=values,
            text=text,
            textposition="outside",
            customdata=custom,
            marker_color=COLORS[variant],
            hovertemplate="%{x}: %{y:.4g}× (%{customdata})<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(
        barmode="group",
        title=t("cost.chart.title", lang),
        height=height,
        font=dict(size=font_size),
        yaxis=dict(type="log", title=t("cost.chart.ratio", lang), tickvals=LOG_TICKS, tickformat="~g"),
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0, font=dict(size=font_size)),
        margin=dict(l=60, r=20, t=60, b=40),
        uniformtext_minsize=9,
    )
    fig.add_hline(y=1, line_dash="dot", line_color="#444")
    return fig


def sweep_figure(sweep: Sweep, cfg: CompareConfig, lang: str, height: int = 340, font_size: int = 13) -> go.Figure:
    """Counted MAC ratio of each variant along one control, the 1/N + 1/k² formula dashed, the current point marked."""
    fig = go.Figure()
    xs = list(sweep.xs)
    for variant, ys in sweep.ratios.items():
        fig.add_scatter(
            x=xs,
            y=list(ys),
            mode="lines+markers",
            name=variant_label(variant, cfg, lang),
            line=dict(color=COLORS[variant]),
            connectgaps=False,
        )
    fig.add_scatter(
        x=xs,
        y=list(sweep.formula),
        mode="lines",
        name=t("cost.sweep.formula", lang),
        line=dict(color="#000", dash="dash"),
    )
    i = xs.index(sweep.current)
    current = [ys[i] for ys in sweep.ratios.values() if ys[i] is not None]
    fig.add_scatter(
        x=[sweep.current] * len(current),
        y=current,
        mode="markers",
        name=t("cost.sweep.current", lang),
        marker=dict(size=14, symbol="circle-open", color="#000", line=dict(width=3)),
    )
    fig.add_vline(x=sweep.current, line_dash="dot", line_color="#999")
    fig.update_layout(
        title=t(f"cost.sweep.{sweep.param}", lang),
        height=height,
        font=dict(size=font_size),
        xaxis=dict(
            title=sweep.param,
            type="log" if sweep.param == "out_channels" else "linear",
            tickvals=[x for x in (1, 2, 4, 8, 16, 32, 64, 128, 256, 512) if x <= xs[-1]] if sweep.param == "out_channels" else xs,
        ),
        yaxis=dict(title=t("cost.chart.ratio", lang), type="log", tickvals=LOG_TICKS, tickformat="~g"),
        legend=dict(orientation="h", yanchor="top", y=-0.28, xanchor="left", x=0, font=dict(size=font_size)),
        margin=dict(l=60, r=20, t=50, b=40),
    )
    return fig
