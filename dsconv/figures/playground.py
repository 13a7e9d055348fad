"""Playground figures: the kernel sliding over the padded input (plotly frames) and the groups wiring."""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dsconv.animation import Frame, Sliding, fmt, sliding
from dsconv.arithmetic import ConvSpec, depthwise_separable
from dsconv.i18n import t
from dsconv.wiring import connection_mask, edges

TAP = "#d62728"
PAD = "rgba(150,150,150,0.55)"
SPEEDS = (("pg.anim.slow", 900), ("pg.anim.play", 450), ("pg.anim.fast", 150))
GROUP_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


def _rects(cells: list[tuple[float, float]], half: float = 0.5) -> tuple[list, list]:
    """x, y of closed squares around ``(col, row)`` centres, separated by None (one scatter trace)."""
    xs: list = []
    ys: list = []
    for c, r in cells:
        xs += [c - half, c + half, c + half, c - half, c - half, None]
        ys += [r - half, r - half, r + half, r + half, r - half, None]
    return xs, ys


def _grid_lines(rows: int, cols: int) -> tuple[list, list]:
    """Cell borders of a rows x cols grid as one None-separated line trace."""
    xs: list = []
    ys: list = []
    for r in range(rows + 1):
        xs += [-0.5, cols - 0.5, None]
        ys += [r - 0.5, r - 0.5, None]
    for c in range(cols + 1):
        xs += [c - 0.5, c - 0.5, None]
        ys += [-0.5, rows - 0.5, None]
    return xs, ys


def _signed(v: float) -> str:
    return f"({fmt(v)})" if v < 0 else fmt(v)


def products_text(sl: Sliding, frame: Frame, lang: str) -> str:
    """The arithmetic of one output cell: products of the shown channel, per-channel sums, bias, total."""
    k = sl.spec.kernel_size
    shown = sl.group_channels.start
    lines = []
    taps = [tap for tap in frame.taps if tap.channel == shown]
    for i in range(k):
        row = [f"{fmt(tap.x)}×{_signed(tap.w)}" for tap in taps if tap.i == i]
        lines.append(" + ".join(row))
    sums = frame.channel_sums()
    target = f"y[{sl.out_channel},{frame.row},{frame.col}]"
    bias = f" + b({fmt(frame.bias)})" if sl.bias is not None else ""
    if len(sums) == 1:
        lines[-1] += f"{bias} = <b>{fmt(frame.value)}</b>"
        lines.insert(0, t("pg.anim.sum_one", lang, target=target))
    else:
        lines.insert(0, t("pg.anim.sum_channel", lang, target=target, channel=shown, partial=fmt(sums[shown])))
        parts = [_signed(v) for v in sums.values()]
        chunks = [" + ".join(parts[i : i + 8]) for i in range(0, len(parts), 8)]
        lines.append(t("pg.anim.sum_group", lang, n=len(sums)) + " " + " +<br>".join(chunks) + f"{bias} = <b>{fmt(frame.value)}</b>")
    return "<br>".join(lines)


def _frame_traces(sl: Sliding, index: int, lang: str, zmax: float) -> list[dict]:
    """The traces that change per frame (plain dicts: plotly's validation of 64 frames is slow).

    Taps, kernel extent, output so far, current output cell, the arithmetic text.
    """
    frame = sl.frames[index]
    shown = sl.group_channels.start
    taps = [tap for tap in frame.taps if tap.channel == shown]
    tx, ty = _rects([(tap.col, tap.row) for tap in taps], 0.45)
    span = sl.spec.effective_kernel
    c0, r0 = taps[0].col, taps[0].row
    wx = [c0 - 0.5, c0 + span - 0.5, c0 + span - 0.5, c0 - 0.5, c0 - 0.5]
    wy = [r0 - 0.5, r0 - 0.5, r0 + span - 0.5, r0 + span - 0.5, r0 - 0.5]
    w_out = sl.out.shape[2]
    rows_shown = math.ceil(len(sl.frames) / w_out)
    z: list[list] = [[None] * w_out for _ in range(rows_shown)]
    text = [[""] * w_out for _ in range(rows_shown)]
    for f in sl.frames[: index + 1]:
        z[f.row][f.col] = round(f.value, 4)
        text[f.row][f.col] = fmt(round(f.value, 1))
    ox, oy = _rects([(frame.col, frame.row)], 0.5)
    skip = "skip"
    return [
        dict(type="scatter", x=tx, y=ty, mode="lines", fill="toself", fillcolor="rgba(214,39,40,0.30)",
             line=dict(color=TAP, width=3), hoverinfo=skip, name=t("pg.anim.taps", lang)),
        dict(type="scatter", x=wx, y=wy, mode="lines", line=dict(color=TAP, width=1.5, dash="dot"), hoverinfo=skip,
             name=t("pg.anim.window", lang)),
        dict(type="heatmap", z=z, text=text, texttemplate="%{text}" if w_out <= 12 else "", colorscale="RdBu",
             zmid=0, zmin=-zmax, zmax=zmax, showscale=False, xaxis="x2", yaxis="y2",
             hovertemplate="y[%{y},%{x}] = %{z:.2f}<extra></extra>"),
        dict(type="scatter", x=ox, y=oy, mode="lines", line=dict(color=TAP, width=4), xaxis="x2", yaxis="y2",
             hoverinfo=skip),
        dict(type="scatter", x=[0.5], y=[0.5], mode="text", text=[products_text(sl, frame, lang)], xaxis="x3",
             yaxis="y3", hoverinfo=skip, textfont=dict(color="#111")),
    ]


def sliding_figure(spec: ConvSpec, size: int, lang: str = "en", height: int = 480, font_size: int = 14) -> go.Figure:
    """The kernel sliding over the padded input and the output filling cell by cell (Play/Pause/speed/slider)."""
    sl = sliding(spec, size)
    zmax = 2.5 * max(1e-9, max(abs(f.value) for f in sl.frames))  # > max: colours stay light, text readable
    texts = [products_text(sl, f, lang) for f in sl.frames]
    lines = max(text.count("<br>") + 1 for text in texts)
    text_px = int(lines * font_size * 1.45) + 16  # the arithmetic gets the room it needs (k rows + sums)
    n, p = sl.padded_size, spec.padding
    h_out, w_out = sl.out.shape[1:]
    shown = sl.group_channels.start
    show_values = n <= 14
    fig = make_subplots(
        rows=2, cols=2, specs=[[{}, {}], [{"colspan": 2}, None]], row_heights=[height, text_px],
        column_widths=[max(n, 4), max(w_out, n * 0.6, 4)], horizontal_spacing=0.08,
        vertical_spacing=40 / (height + text_px),
        subplot_titles=(t("pg.anim.input_title", lang, channel=shown, n=n),
                        t("pg.anim.output_title", lang, channel=sl.out_channel, h=h_out, w=w_out), ""),
    )
    xs = sl.x[shown]
    z = [[float(xs[r - p, c - p]) if p <= r < p + size and p <= c < p + size else None for c in range(n)] for r in range(n)]
    fig.add_trace(go.Heatmap(z=z, colorscale="Blues", zmin=-3, zmax=20, showscale=False,
                             hovertemplate="x[%{y},%{x}] = %{z}<extra></extra>"), 1, 1)
    pad_cells = [(c, r) for r in range(n) for c in range(n) if not (p <= r < p + size and p <= c < p + size)]
    px, py = _rects(pad_cells, 0.5)
    fig.add_trace(go.Scatter(x=px or [None], y=py or [None], mode="lines", fill="toself", fillcolor=PAD,
                             fillpattern=dict(shape="/", fgcolor="rgba(90,90,90,0.5)"), line=dict(width=0),
                             hoverinfo="skip", name=t("pg.anim.padding", lang)), 1, 1)
    gx, gy = _grid_lines(n, n)
    fig.add_trace(go.Scatter(x=gx, y=gy, mode="lines", line=dict(color="#888", width=0.7), hoverinfo="skip"), 1, 1)
    if show_values:
        cells = [(c, r) for r in range(n) for c in range(n)]
        fig.add_trace(go.Scatter(x=[c for c, _ in cells], y=[r - 0.08 for _, r in cells], mode="text",
                                 text=[fmt(z[r][c]) if z[r][c] is not None else "0" for c, r in cells],
                                 textfont=dict(color="#333"), hoverinfo="skip"), 1, 1)
    ox, oy = _grid_lines(h_out, w_out)
    fig.add_trace(go.Scatter(x=ox, y=oy, mode="lines", line=dict(color="#888", width=0.7), hoverinfo="skip"), 1, 2)
    static = len(fig.data)
    first = _frame_traces(sl, 0, lang, zmax)
    moving = list(range(static, static + len(first)))
    names = [f"{f.row},{f.col}" for f in sl.frames]
    frames = [dict(name=names[i], traces=moving, data=_frame_traces(sl, i, lang, zmax))
              for i in range(len(sl.frames))]

    def play(duration: int) -> list:
        return [None, {"frame": {"duration": duration, "redraw": True}, "transition": {"duration": 0},
                       "fromcurrent": True, "mode": "immediate"}]

    buttons = [dict(label=t(key, lang), method="animate", args=play(ms)) for key, ms in SPEEDS]
    buttons.append(dict(label=t("pg.anim.pause", lang), method="animate",
                        args=[[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate",
                                       "transition": {"duration": 0}}]))
    steps = [dict(label=name, method="animate",
                  args=[[name], {"frame": {"duration": 0, "redraw": True}, "mode": "immediate", "transition": {"duration": 0}}])
             for name in names]
    fig.update_layout(
        height=height + text_px + 40, margin=dict(l=10, r=10, t=40, b=10), font=dict(size=font_size),
        showlegend=False,
        plot_bgcolor="white")
    controls = dict(
        updatemenus=[dict(type="buttons", direction="right", buttons=buttons, x=0, y=-0.02, xanchor="left",
                          yanchor="top", pad=dict(t=0, r=10), showactive=True, font=dict(size=font_size))],
        sliders=[dict(steps=steps, active=0, x=0.42, len=0.58, y=-0.02, yanchor="top", pad=dict(t=0, b=0),
                      currentvalue=dict(prefix=f"y[{sl.out_channel}, ", suffix="]", font=dict(size=font_size)),
                      font=dict(color="rgba(0,0,0,0)"), ticklen=0, minorticklen=0,
                      transition=dict(duration=0))],
    )
    fig.update_xaxes(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=False)
    fig.update_yaxes(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=False)
    fig.update_annotations(font_size=font_size)
    fig.update_layout(
        xaxis=dict(range=[-0.6, n - 0.4], constrain="domain"),
        yaxis=dict(range=[n - 0.4, -0.6], scaleanchor="x", constrain="domain"),
        xaxis2=dict(range=[-0.6, w_out - 0.4], constrain="domain"),
        yaxis2=dict(range=[h_out - 0.4, -0.6], scaleanchor="x2", constrain="domain"),
        xaxis3=dict(range=[0, 1], visible=False),
        yaxis3=dict(range=[0, 1], visible=False),
    )
    whole = fig.to_dict()
    return go.Figure(data=whole["data"] + first, layout={**whole["layout"], **controls}, frames=frames,
                     _validate=False)


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
