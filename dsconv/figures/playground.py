"""Playground figures: the groups wiring (the kernel sliding over every channel is in ``channels``)."""

from __future__ import annotations

import plotly.graph_objects as go

from dsconv.conv.arithmetic import ConvSpec, depthwise_separable
from dsconv.i18n import t
from dsconv.conv.wiring import connection_mask, edges

GROUP_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


def _bipartite(columns: list[tuple[str, int]], links: list[list[tuple[int, int, int]]], font_size: int
               ) -> tuple[list[dict], list[dict]]:
    """Node columns (label, count) and the links between consecutive columns, coloured by group: traces, labels."""
    def ypos(i: int, count: int) -> float:
        return 1 - (i + 0.5) / count

    traces: list[dict] = []
    for stage, edge_list in enumerate(links):
        by_group: dict[int, tuple[list, list]] = {}
        n_left, n_right = columns[stage][1], columns[stage + 1][1]
        for i, o, g in edge_list:
            xs, ys = by_group.setdefault(g, ([], []))
            xs += [stage, stage + 1, None]
            ys += [ypos(i, n_left), ypos(o, n_right), None]
        for g, (xs, ys) in by_group.items():
            traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", hoverinfo="skip",
                               line=dict(color=GROUP_COLORS[g % len(GROUP_COLORS)], width=1.5)))
    labels = []
    for x, (label, count) in enumerate(columns):
        traces.append(dict(type="scatter", x=[x] * count, y=[ypos(i, count) for i in range(count)],
                           mode="markers+text", marker=dict(size=max(6, min(16, 260 // max(count, 1))), color="#444"),
                           text=[str(i) for i in range(count)] if count <= 16 else None,
                           textposition="middle left" if x == 0 else "middle right",
                           hovertemplate=f"{label} %{{text}}<extra></extra>"))
        labels.append(dict(x=x, y=1.06, text=f"<b>{label}</b>", showarrow=False, xref="x", yref="y",
                           font=dict(size=font_size)))
    return traces, labels


def _shape(spec: ConvSpec) -> str:
    """The weight shape with the kernel written as k: the wiring depends on channels and groups only, so the
    figure stays the same (and is not redrawn) when the kernel, stride, padding or dilation change."""
    return f"({spec.out_channels}, {spec.in_channels // spec.groups}, k, k)"


def wiring_key(spec: ConvSpec) -> ConvSpec:
    """The one spec the wiring figure of ``spec`` depends on (channels and groups): a cache key."""
    return ConvSpec(spec.in_channels, spec.out_channels, 1, groups=spec.groups)


def _mask_heatmap(spec: ConvSpec, axis: int) -> dict:
    """The (out x in) connection matrix coloured by group (blank = weight that does not exist)."""
    mask = connection_mask(spec).tolist()
    per_out = spec.out_channels // spec.groups
    z = [[(o // per_out) % len(GROUP_COLORS) if mask[o][i] else None for i in range(spec.in_channels)]
         for o in range(spec.out_channels)]
    scale = [[j / max(1, len(GROUP_COLORS) - 1), c] for j, c in enumerate(GROUP_COLORS)]
    return dict(type="heatmap", z=z, colorscale=scale, zmin=0, zmax=len(GROUP_COLORS) - 1, showscale=False, xgap=1,
                ygap=1, hovertemplate="out %{y} ← in %{x}<extra></extra>", xaxis=f"x{axis}", yaxis=f"y{axis}")


def wiring_figure(spec: ConvSpec, separable: bool = False, lang: str = "en", height: int = 420,
                  font_size: int = 14) -> go.Figure:
    """Which input channels feed which output channels: bipartite wires + the weight's block matrix.

    Built from plain dicts (``make_subplots`` and trace validation took ~60 ms of a page rerun).
    """
    if separable:
        dw, pw = depthwise_separable(spec)
        columns = [(t("pg.wire.input", lang), spec.in_channels), (t("pg.wire.dw", lang), spec.in_channels),
                   (t("pg.wire.pw", lang), spec.out_channels)]
        links = [edges(dw), edges(pw)]
        mats = [(dw, t("pg.wire.matrix_dw", lang, shape=_shape(dw))),
                (pw, t("pg.wire.matrix_pw", lang, shape=str(pw.weight_shape)))]
        domains = [(0.0, 0.47), (0.53, 0.7), (0.76, 1.0)]
    else:
        columns = [(t("pg.wire.input", lang), spec.in_channels), (t("pg.wire.output", lang), spec.out_channels)]
        links = [edges(spec)]
        mats = [(spec, t("pg.wire.matrix", lang, shape=_shape(spec)))]
        domains = [(0.0, 0.56), (0.64, 1.0)]
    traces, annotations = _bipartite(columns, links, font_size)
    axis = dict(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=False)
    layout: dict = dict(height=height, margin=dict(l=10, r=10, t=40, b=10), showlegend=False,
                        font=dict(size=font_size), plot_bgcolor="white",
                        xaxis=dict(axis, domain=domains[0], range=[-0.35, len(columns) - 0.65]),
                        yaxis=dict(axis, range=[-0.02, 1.12]))
    for n, ((mat, title), dom) in enumerate(zip(mats, domains[1:]), start=2):
        traces.append(_mask_heatmap(mat, n))
        layout[f"xaxis{n}"] = dict(axis, domain=dom, anchor=f"y{n}", constrain="domain")
        layout[f"yaxis{n}"] = dict(axis, anchor=f"x{n}", autorange="reversed", scaleanchor=f"x{n}",
                                   constrain="domain")
        annotations.append(dict(x=(dom[0] + dom[1]) / 2, y=1.0, xref="paper", yref="paper", yanchor="bottom",
                                text=title, showarrow=False, font=dict(size=font_size)))
    layout["annotations"] = annotations
    return go.Figure(data=traces, layout=layout, _validate=False)
