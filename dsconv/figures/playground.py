"""Playground figures: the groups wiring (the kernel sliding over every channel is in ``channels``)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dsconv.arithmetic import ConvSpec, depthwise_separable
from dsconv.i18n import t
from dsconv.wiring import connection_mask, edges

GROUP_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


def _bipartite(fig: go.Figure, columns: list[tuple[str, int]], links: list[list[tuple[int, int, int]]],
               col: int, font_size: int) -> None:
    """Draw node columns (label, count) and the links between consecutive columns, coloured by group."""
    def ypos(i: int, count: int) -> float:
        return 1 - (i + 0.5) / count

    for stage, edge_list in enumerate(links):
        by_group: dict[int, tuple[list, list]] = {}
        n_left, n_right = columns[stage][1], columns[stage + 1][1]
        for i, o, g in edge_list:
            xs, ys = by_group.setdefault(g, ([], []))
            xs += [stage, stage + 1, None]
            ys += [ypos(i, n_left), ypos(o, n_right), None]
        for g, (xs, ys) in by_group.items():
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip",
                                     line=dict(color=GROUP_COLORS[g % len(GROUP_COLORS)], width=1.5)), 1, col)
    for x, (label, count) in enumerate(columns):
        fig.add_trace(go.Scatter(x=[x] * count, y=[ypos(i, count) for i in range(count)], mode="markers+text",
                                 marker=dict(size=max(6, min(16, 260 // max(count, 1))), color="#444"),
                                 text=[str(i) for i in range(count)] if count <= 16 else None,
                                 textposition="middle left" if x == 0 else "middle right",
                                 hovertemplate=f"{label} %{{text}}<extra></extra>"), 1, col)
        fig.add_annotation(x=x, y=1.06, text=f"<b>{label}</b>", showarrow=False, xref=f"x{col}", yref=f"y{col}",
                           font=dict(size=font_size))


def _mask_heatmap(fig: go.Figure, spec: ConvSpec, col: int) -> None:
    """The (out x in) connection matrix coloured by group (blank = weight that does not exist)."""
    mask = connection_mask(spec)
    per_out = spec.out_channels // spec.groups
    z = [[(o // per_out) % len(GROUP_COLORS) if mask[o, i] else None for i in range(spec.in_channels)]
         for o in range(spec.out_channels)]
    scale = [[j / max(1, len(GROUP_COLORS) - 1), c] for j, c in enumerate(GROUP_COLORS)]
    fig.add_trace(go.Heatmap(z=z, colorscale=scale, zmin=0, zmax=len(GROUP_COLORS) - 1, showscale=False, xgap=1,
                             ygap=1, hovertemplate="out %{y} ← in %{x}<extra></extra>"), 1, col)
    fig.update_yaxes(autorange="reversed", scaleanchor=f"x{col}", row=1, col=col)


def wiring_figure(spec: ConvSpec, separable: bool = False, lang: str = "en", height: int = 420,
                  font_size: int = 14) -> go.Figure:
    """Which input channels feed which output channels: bipartite wires + the weight's block matrix."""
    if separable:
        dw, pw = depthwise_separable(spec)
        fig = make_subplots(rows=1, cols=3, column_widths=[0.5, 0.2, 0.3], horizontal_spacing=0.06,
                            subplot_titles=("", t("pg.wire.matrix_dw", lang, shape=str(dw.weight_shape)),
                                            t("pg.wire.matrix_pw", lang, shape=str(pw.weight_shape))))
        columns = [(t("pg.wire.input", lang), spec.in_channels), (t("pg.wire.dw", lang), spec.in_channels),
                   (t("pg.wire.pw", lang), spec.out_channels)]
        _bipartite(fig, columns, [edges(dw), edges(pw)], 1, font_size)
        _mask_heatmap(fig, dw, 2)
        _mask_heatmap(fig, pw, 3)
    else:
        fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.08,
                            subplot_titles=("", t("pg.wire.matrix", lang, shape=str(spec.weight_shape))))
        columns = [(t("pg.wire.input", lang), spec.in_channels), (t("pg.wire.output", lang), spec.out_channels)]
        _bipartite(fig, columns, [edges(spec)], 1, font_size)
        _mask_heatmap(fig, spec, 2)
    fig.update_xaxes(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=False)
    fig.update_yaxes(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=False)
    fig.update_xaxes(range=[-0.35, len(columns) - 0.65], row=1, col=1)
    fig.update_yaxes(range=[-0.02, 1.12], row=1, col=1)
    fig.update_annotations(font_size=font_size)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), showlegend=False,
                      font=dict(size=font_size), plot_bgcolor="white")
    return fig
