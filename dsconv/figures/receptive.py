"""Figures of the Receptive Field page: RF growth per layer, coverage (path counts), growth animation, effective RF."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly import colors as px_colors
from plotly.subplots import make_subplots

from dsconv.receptive.coverage import GrowthFrame, rf_box
from dsconv.i18n import t
from dsconv.receptive.field import RFLayer

CURRENT = "#d62728"
UNDILATED = "#1f77b4"
COUNT_SCALE = "Viridis"
EMPTY = "#e4e4e4"  # input pixels that no path reaches
# Inferno starts at "#000004", a colour Streamlit's frontend swaps for a theme colour (its placeholder
# "#000001".."#0000NN" scheme), which paints zeros purple: start at plain black instead.
ERF_SCALE = ["#000000", *px_colors.sequential.Inferno[1:]]


def rf_growth_chart(
    rfs: Sequence[RFLayer], undilated: Sequence[RFLayer], lang: str = "en", height: int = 360, font: int = 13
) -> go.Figure:
    """RF size after each layer (0 = the input pixel itself) for the stack and for the same stack with dilation 1."""
    x = list(range(len(rfs) + 1))
    deep = len(rfs) > 10  # famous networks: numbers on every point would overlap; hover shows them
    fig = go.Figure()
    for name, layers, colour, dash in (
        (t("rf.curve_dilation1", lang), undilated, UNDILATED, "dash"),
        (t("rf.curve_current", lang), rfs, CURRENT, "solid"),
    ):
        y = [1] + [rf.size for rf in layers]
        fig.add_scatter(
            x=x, y=y, name=name, mode="lines+markers" if deep else "lines+markers+text", text=[str(v) for v in y],
            textposition="top left" if colour == CURRENT else "bottom right", textfont=dict(color=colour),
            line=dict(color=colour, dash=dash, width=3), marker=dict(size=9),
        )
    fig.update_layout(
        height=height, font=dict(size=font), margin=dict(l=10, r=10, t=40, b=10), template="plotly_white",
        title=t("rf.chart_title", lang),
        xaxis=dict(title=t("rf.col_layer", lang), tickmode="linear", dtick=5 if deep else 1),
        yaxis=dict(title=t("rf.col_rf", lang), range=[0, max(r.size for r in [*rfs, *undilated]) * 1.15 + 1]),
        legend=dict(yanchor="top", y=0.98, x=0.02, xanchor="left", bgcolor="rgba(255,255,255,0.8)"),
    )
    return fig


def _grid_axes(fig: go.Figure, size: int, row: int | None = None, col: int | None = None) -> None:
    """Square pixel axes over ``[-0.5, size - 0.5]``, row 0 at the top."""
    where = dict(row=row, col=col) if row else {}
    fig.update_xaxes(range=[-0.5, size - 0.5], constrain="domain", showgrid=False, zeroline=False, **where)
    fig.update_yaxes(
        range=[size - 0.5, -0.5], scaleanchor="x" if not row else f"x{'' if col == 1 else col}",
        constrain="domain", showgrid=False, zeroline=False, **where,
    )


def _rf_square(rf: RFLayer, oy: int, ox: int, colour: str = CURRENT, **where: object) -> dict:
    """The theoretical RF of output ``(oy, ox)`` as a dashed rectangle shape (pixel edges)."""
    y0, y1, x0, x1 = rf_box(rf, oy, ox)
    return dict(
        type="rect", x0=x0 - 0.5, x1=x1 + 0.5, y0=y0 - 0.5, y1=y1 + 0.5,
        line=dict(color=colour, width=3, dash="dash"), **where,
    )


def _count_heatmap(counts: np.ndarray, lang: str, showscale: bool = True) -> go.Heatmap:
    """Path counts on a log colour scale; pixels no path reaches are left blank (the holes)."""
    z = np.where(counts > 0, np.log10(np.maximum(counts, 1)), np.nan).astype(np.float32)
    top = max(float(np.nanmax(z)) if np.isfinite(z).any() else 0.0, 1e-9)
    ticks = [v for v in range(int(np.floor(top)) + 1)]
    n = counts.shape[0]
    return go.Heatmap(
        z=z, customdata=counts, zmin=0, zmax=top, colorscale=COUNT_SCALE, showscale=showscale,
        xgap=1 if n <= 32 else 0, ygap=1 if n <= 32 else 0,
        colorbar=dict(title=t("rf.paths", lang), len=0.8, tickvals=ticks, ticktext=[f"{10**v:,}" for v in ticks]),
        hovertemplate=t("rf.hover_count", lang) + "<extra></extra>",
    )


def coverage_figure(counts: np.ndarray, rf: RFLayer, oy: int, ox: int, lang: str = "en", height: int = 460, font: int = 13) -> go.Figure:
    """Input grid coloured by the number of paths to output ``(oy, ox)``, with its theoretical RF square."""
    size = counts.shape[0]
    fig = go.Figure(_count_heatmap(counts, lang))
    fig.add_shape(**_rf_square(rf, oy, ox))
    _grid_axes(fig, size)
    fig.update_layout(
        height=height, font=dict(size=font), margin=dict(l=45, r=10, t=40, b=30), plot_bgcolor=EMPTY,
        title=t("rf.coverage_title", lang, oy=oy, ox=ox),
    )
    return fig


def growth_animation(frames: Sequence[GrowthFrame], lang: str = "en", height: int = 460, font: int = 13) -> go.Figure:
    """Plotly frames, one per layer: the region one unit covers grows as layers are stacked (play or step)."""
    size = frames[0].counts.shape[0]

    def frame_title(f: GrowthFrame) -> str:
        return t("rf.growth_frame", lang, layer=f.layers, size=f.rf.size, oy=f.oy, ox=f.ox)

    def heat(f: GrowthFrame) -> go.Heatmap:
        frac = np.where(f.counts > 0, f.counts / f.counts.max(), np.nan).astype(np.float32)
        return go.Heatmap(
            z=frac, zmin=0, zmax=1, colorscale=COUNT_SCALE, showscale=False,
            xgap=1 if size <= 32 else 0, ygap=1 if size <= 32 else 0,
            hovertemplate=t("rf.hover_share", lang) + "<extra></extra>",
        )

    names = [str(f.layers) for f in frames]
    first = frames[0]
    fig = go.Figure(
        data=[heat(first)],
        frames=[
            go.Frame(data=[heat(f)], name=name, layout=dict(shapes=[_rf_square(f.rf, f.oy, f.ox)], title=frame_title(f)))
            for f, name in zip(frames, names)
        ],
    )
    fig.add_shape(**_rf_square(first.rf, first.oy, first.ox))
    _grid_axes(fig, size)
    step_args = dict(mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0))
    fig.update_layout(
        height=height, font=dict(size=font), margin=dict(l=45, r=10, t=40, b=110), plot_bgcolor=EMPTY, title=frame_title(first),
        updatemenus=[dict(
            type="buttons", showactive=False, direction="left", x=0, y=-0.1, xanchor="left", yanchor="top",
            buttons=[
                dict(label="▶ " + t("rf.play", lang), method="animate",
                     args=[None, dict(mode="immediate", fromcurrent=True, frame=dict(duration=900, redraw=True), transition=dict(duration=0))]),
                dict(label=t("rf.pause", lang), method="animate", args=[[None], step_args]),
            ],
        )],
        sliders=[dict(
            active=0, x=0.32, len=0.68, y=-0.1, yanchor="top", pad=dict(t=0),
            currentvalue=dict(prefix=t("rf.col_layer", lang) + ": "),
            steps=[dict(label=name, method="animate", args=[[name], step_args]) for name in names],
        )],
    )
    return fig


def erf_figure(erf: np.ndarray, rf: RFLayer, oy: int, ox: int, lang: str = "en", height: int = 420, font: int = 13) -> go.Figure:
    """Effective RF heatmap beside the theoretical RF (uniform square), same axes, same output unit."""
    size = erf.shape[0]
    y0, y1, x0, x1 = rf_box(rf, oy, ox)
    yy, xx = np.mgrid[0:size, 0:size]
    theory = ((yy >= y0) & (yy <= y1) & (xx >= x0) & (xx <= x1)).astype(np.float32)
    erf = erf.astype(np.float32)
    fig = make_subplots(
        rows=1, cols=2, horizontal_spacing=0.06,
        subplot_titles=(t("rf.erf_panel", lang), t("rf.theory_panel", lang, size=rf.size)),
    )
    hover = t("rf.hover_erf", lang) + "<extra></extra>"
    fig.add_trace(go.Heatmap(z=erf, zmin=0, zmax=1, colorscale=ERF_SCALE, hovertemplate=hover,
                             colorbar=dict(title="|∂y/∂x|", x=1.0, len=0.8)), row=1, col=1)
    fig.add_trace(go.Heatmap(z=theory, zmin=0, zmax=1, colorscale=ERF_SCALE, showscale=False, hovertemplate=hover), row=1, col=2)
    for col in (1, 2):
        fig.add_shape(**_rf_square(rf, oy, ox, colour="#2ca02c"), row=1, col=col)
        _grid_axes(fig, size, row=1, col=col)
    fig.update_layout(height=height, font=dict(size=font), margin=dict(l=45, r=10, t=40, b=30), plot_bgcolor="black")
    fig.update_annotations(font_size=font + 2)
    return fig
