"""The kernel sliding over every input channel at once (plotly frames: play, pause, speed and a step slider).

One tile per drawn input channel: the padded input with the kernel's taps, the channel's k x k weight
slice, the products x·w and the partial sum Σ x·w. The output map fills in cell by cell; under it the
output cell is written out as Σ partial sums + bias. A row of chips at the top shows every input
channel in the wiring view's group colours: channels of other groups are faded and crossed out.

Everything lives in one square-celled data coordinate system (cell (r, c) of a grid at (ox, oy) spans
x ∈ [ox+c-½, ox+c+½], y ∈ [oy+r, oy+r+1]), and a frame only re-sends what moves: the taps (bars, whose
width and height are in data units, so two small integers per tap), the product and sum texts and a
two-rectangle cover that hides the output cells not yet computed. Figures are plain dicts (plotly's
validation of 64 frames is slow); the page wraps them with ``_validate=False``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import plotly.graph_objects as go

from dsconv.conv.sliding import fmt
from dsconv.conv.arithmetic import ConvSpec
from dsconv.conv.stages import Stage, conv_stage, dw_pw_stages
from dsconv.figures.playground import GROUP_COLORS
from dsconv.i18n import t

TAP = "#d62728"
SPEEDS = (("pg.anim.slow", 1100), ("pg.anim.play", 550), ("pg.anim.fast", 180))
SKIP = "skip"


class SpecFigure(go.Figure):
    """A ``go.Figure`` around a ready plain-dict spec.

    plotly validates every frame when a Figure is built (~300 ms for 64 frames, even with
    ``_validate=False``); Streamlit and ``plotly.io`` read a figure through ``to_dict()``, so this one
    hands them the spec as built. ``layout`` is a real (validated) layout for code that reads sizes.
    """

    def __init__(self, spec: dict) -> None:
        super().__init__(layout={k: v for k, v in spec["layout"].items() if k not in ("sliders", "updatemenus")})
        self._spec = spec

    def to_dict(self) -> dict:
        return {"data": self._spec["data"], "layout": self._spec["layout"], "frames": self._spec["frames"]}

    def to_plotly_json(self) -> dict:
        return self.to_dict()


def group_color(g: int, alpha: float = 1.0) -> str:
    """The wiring view's colour of group ``g`` (as rgba, so it can be faded)."""
    h = GROUP_COLORS[g % len(GROUP_COLORS)].lstrip("#")
    r, gg, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{gg},{b},{alpha})"


def _num(v: float) -> str:
    """A value in one cell: at most one decimal, none from 10 on (so it fits the cell)."""
    v = float(v)
    return fmt(round(v)) if abs(v) >= 10 else fmt(round(v, 1))


def _nums(values: np.ndarray, decimals: int = 1) -> list[list[str]]:
    """Row-wise texts of a 2-D array like ``_num`` (decimals places, none from 10 on), vectorised."""
    v = np.asarray(values, dtype=float)
    r = np.where(np.abs(v) >= 10, np.round(v), np.round(v, decimals)) if decimals == 1 else np.round(v, decimals)
    r = np.where(r == 0, 0.0, r)  # no "-0"
    return np.vectorize(lambda x: f"{x:g}", otypes=[object])(r).tolist()


def _signed(v: float) -> str:
    s = fmt(round(float(v), 2))
    return f"({s})" if v < 0 else s


def _box(ox: int, oy: int, rows: int, cols: int) -> tuple[list, list]:
    """Closed outline of a rows x cols grid at (ox, oy), None-terminated."""
    x0, x1, y0, y1 = ox - 0.5, ox + cols - 0.5, oy, oy + rows
    return [x0, x1, x1, x0, x0, None], [y0, y0, y1, y1, y0, None]


def _cover(ox: int, oy: int, h: int, w: int, r: int, c: int) -> tuple[list, list]:
    """Two rectangles over the cells after (r, c) in row-major order: the not-yet-computed output."""
    xs: list = []
    ys: list = []
    if c + 1 < w:
        xs += [ox + c + 0.5, ox + w - 0.5, ox + w - 0.5, ox + c + 0.5, ox + c + 0.5, None]
        ys += [oy + r, oy + r, oy + r + 1, oy + r + 1, oy + r, None]
    if r + 1 < h:
        xs += [ox - 0.5, ox + w - 0.5, ox + w - 0.5, ox - 0.5, ox - 0.5, None]
        ys += [oy + r + 1, oy + r + 1, oy + h, oy + h, oy + r + 1, None]
    return xs or [None], ys or [None]


class _Layout:
    """Where each tile, mini-grid and output map sits (integer origins)."""

    def __init__(self, st: Stage, cols: int | None = None) -> None:
        k, n = st.spec.kernel_size, st.padded_size
        self.k, self.n = k, n
        self.h_out, self.w_out = st.out.shape[1:]
        self.dw = st.kind == "dw"
        self.more = st.kind == "dw" and st.spec.in_channels > len(st.lanes) or bool(st.hidden)
        tiles = len(st.lanes) + (1 if self.more else 0)
        self.tile_w = n + k + 3 + (self.w_out + 2 if self.dw else 0)
        self.tile_h = 2 + max(n, 2 * k + 3, self.h_out if self.dw else 0) + 1
        self.cols = cols or min(tiles, 2 if self.dw else 3)
        self.rows = -(-tiles // self.cols)
        self.top = 3  # below the channel chips
        self.out_x = self.cols * self.tile_w + 1  # output map of conv / pw
        self.width = self.out_x + (0 if self.dw else self.w_out + 1)
        self.height = self.top + self.rows * self.tile_h

    def tile(self, j: int) -> tuple[int, int]:
        return (j % self.cols) * self.tile_w, self.top + (j // self.cols) * self.tile_h

    def input_at(self, j: int) -> tuple[int, int]:
        ox, oy = self.tile(j)
        return ox, oy + 1

    def weight_at(self, j: int) -> tuple[int, int]:
        ox, oy = self.input_at(j)
        return ox + self.n + 1, oy + 1

    def product_at(self, j: int) -> tuple[int, int]:
        ox, oy = self.weight_at(j)
        return ox, oy + self.k + 1

    def output_at(self, j: int) -> tuple[int, int]:
        if self.dw:
            ox, oy = self.weight_at(j)
            return ox + self.k + 2, oy - 1 + 1
        return self.out_x, self.top + 1


def _heat(z, text, ox: int, oy: int, colorscale, zmin: float, zmax: float, font: int, hover: str | None = None) -> dict:
    return dict(type="heatmap", z=z, text=text, texttemplate="%{text}", textfont=dict(size=font, color="#222"),
                x0=ox, dx=1, y0=oy + 0.5, dy=1, colorscale=colorscale, zmin=zmin, zmax=zmax, showscale=False,
                xgap=1, ygap=1, hoverinfo=SKIP if hover is None else None, hovertemplate=hover)


def _input_scale(st: Stage) -> tuple[list, float, float, float]:
    """Colorscale with grey at the bottom for padding cells (given the sentinel value below the data)."""
    lo, hi = float(st.x.min()), float(st.x.max())
    span = max(hi - lo, 1e-9)
    pad = lo - span / 8
    scale = [[0, "#c9c9c9"], [0.11, "#c9c9c9"], [0.111, "#f7fbff"], [1, "#9ecae1"]]
    return scale, pad, pad, hi


def _arith(st: Stage, f: int, lang: str) -> str:
    """The output cell (or cells, depthwise) written as Σ partial sums + bias."""
    r, c = (int(v) for v in st.cells[f])
    partial = st.partial[f]
    if st.kind == "dw":
        parts = []
        for j, ch in enumerate(st.lanes):
            b = f" + b {_signed(st.bias_of(ch))}" if st.bias is not None else ""
            parts.append(f"y[{ch},{r},{c}] = {_signed(partial[j])}{b} = <b>{fmt(round(st.value(f, ch), 2))}</b>")
        lines = [t("ch.arith_dw", lang)] + ["    ".join(parts[i : i + 2]) for i in range(0, len(parts), 2)]
        return "<br>".join(lines)
    o = st.lane_out[0]
    terms = [f"{t('ch.ch', lang)} {ch}: {_signed(partial[j])}" for j, ch in enumerate(st.lanes)]
    if st.hidden:
        terms.append(t("ch.more_sum", lang, n=len(st.hidden), s=_signed(st.hidden_sum[f])))
    if st.bias is not None:
        terms.append(f"b: {_signed(st.bias_of(o))}")
    lines = [" + ".join(terms[i : i + 3]) for i in range(0, len(terms), 3)]  # short lines: phones
    head = t("ch.arith", lang, target=f"y[{o},{r},{c}]", n=len(st.lanes) + len(st.hidden))
    return "<br>".join([head, " +<br>".join(lines) + f" = <b>{fmt(round(st.value(f, o), 2))}</b>"])


def _fit(st: Stage, cell_px: int, width_px: int, max_px: int) -> tuple[_Layout, int]:
    """The tile columns that give the largest cells within ``width_px`` x ``max_px``, and that cell size."""
    best: tuple[float, _Layout] | None = None
    tiles = len(st.lanes) + 1
    for cols in range(1, min(4, tiles) + 1):
        lay = _Layout(st, cols)
        if cols > 1 and lay.cols * (lay.rows - 1) >= tiles:
            continue
        size = min(cell_px, width_px / (lay.width + 1.1), max_px / (lay.height + 0.6))
        if best is None or size > best[0] + 0.5:
            best = (size, lay)
    assert best is not None
    return best[1], max(8, int(best[0]))


def channels_figure(st: Stage, lang: str = "en", cell_px: int = 28, font_size: int = 14,
                    width_px: int = 1100, max_px: int = 560) -> SpecFigure:
    """Every drawn input channel with its taps, weights, products and partial sum; the output filling in.

    ``width_px`` is the width the chart is expected to get and ``max_px`` the most the drawing may take
    in height: the tiles are arranged in the columns that give the largest cells (at most ``cell_px``).
    """
    L, cell_px = _fit(st, cell_px, width_px, max_px)
    k, n, p = L.k, L.n, st.spec.padding
    small = max(7, min(int(font_size * 0.75), int(cell_px * 0.45)))  # "-0.5" fits one cell
    label_font = max(9, int(font_size * 0.8))
    cell_text = small >= 8
    static: list[dict] = []
    top: list[dict] = []
    titles_x: list = []
    titles_y: list = []
    titles: list = []

    def title(x: float, y: float, text: str) -> None:
        titles_x.append(x)
        titles_y.append(y)
        titles.append(text)

    # channel chips: every input channel in its group colour; channels not read are faded and crossed out
    cin = st.spec.in_channels
    read = set(st.lanes) | set(st.hidden)
    # a heatmap, not bars: plotly's animation of the taps (a bar trace) re-lays out every bar trace of the axes
    ncol = len(GROUP_COLORS)
    chip_z = [[st.group_of_input(c) % ncol + (0 if c in read else ncol) for c in range(cin)]]
    zmax = 2 * ncol - 1  # values 0..ncol-1: read channels of group v; ncol..: the same colours, faded
    chip_scale = [[min(1.0, max(0.0, (v + d) / zmax)), group_color(v % ncol, 1.0 if v < ncol else 0.18)]
                  for v in range(2 * ncol) for d in (-0.5, 0.5)]
    static.append(dict(type="heatmap", z=chip_z, x0=0, dx=1, y0=0.5, dy=1, zmin=0, zmax=zmax,
                       colorscale=chip_scale, showscale=False, xgap=2, ygap=0, hoverinfo=SKIP,
                       text=[[str(c) if c in read else f"<s>{c}</s>" for c in range(cin)]], texttemplate="%{text}",
                       textfont=dict(size=small, color="#111")))
    if st.kind == "dw":
        chips = t("ch.chips_dw", lang, n=cin)
    else:
        o = st.lane_out[0]
        chips = t("ch.chips", lang, g=st.group_of_output(o), groups=st.spec.groups, o=o, n=len(read),
                  first=min(read), last=max(read))
    title(cin - 0.3, 0.5, chips)

    scale, pad_value, zmin, zmax = _input_scale(st)
    wmax = max(1e-9, float(np.abs(st.weight).max())) * 2.2
    taps_x: list[int] = []
    taps_base: list[int] = []
    prod_x: list = []
    prod_y: list = []
    sum_x: list = []
    sum_y: list = []
    frame_lines_x: list = []
    frame_lines_y: list = []
    for j, ch in enumerate(st.lanes):
        o = st.lane_out[j]
        ix, iy = L.input_at(j)
        g = st.group_of_input(ch)
        xs = st.x[ch]
        z = np.full((n, n), pad_value)
        z[p : p + st.size, p : p + st.size] = xs
        text = [["0" if not (p <= r < p + st.size and p <= c < p + st.size) else _num(z[r, c]) for c in range(n)]
                for r in range(n)] if cell_text else None
        static.append(_heat(z.round(3).tolist(), text, ix, iy, scale, zmin, zmax, small,
                            f"x[{ch}, %{{y}}, %{{x}}]<extra></extra>" if False else None))
        bx, by = _box(ix, iy, n, n)
        frame_lines_x += bx
        frame_lines_y += by
        w_slice = st.weight[o, ch % (st.spec.in_channels // st.spec.groups)]
        wx, wy = L.weight_at(j)
        static.append(_heat(w_slice.tolist(), [[fmt(v) for v in row] for row in w_slice.tolist()] if cell_text else None,
                            wx, wy, "RdBu",
                            -wmax, wmax, small))
        px_, py_ = L.product_at(j)
        static.append(_heat([[0] * k] * k, None, px_, py_, [[0, "#fafafa"], [1, "#fafafa"]], 0, 1, small))
        for i in range(k):
            for jj in range(k):
                prod_x.append(px_ + jj)
                prod_y.append(py_ + i + 0.5)
        sum_x.append(px_ - 0.5)
        sum_y.append(py_ + k + 0.6)
        label = t({"dw": "ch.tile_dw", "pw": "ch.tile_pw"}.get(st.kind, "ch.tile"), lang, ch=ch)
        title(ix - 0.5, iy - 0.45, f"<b>{label}</b>")
        title(wx - 0.5, wy - 0.45, t("ch.w", lang, o=o, c=ch % (st.spec.in_channels // st.spec.groups)))
        title(px_ - 0.5, py_ - 0.45, "x·w")
        static.append(dict(type="scatter", x=bx, y=by, mode="lines", line=dict(color=group_color(g), width=3),
                           hoverinfo=SKIP))
    if L.more:
        j = len(st.lanes)
        ox, oy = L.input_at(j)
        extra = st.hidden if st.kind != "dw" else tuple(range(len(st.lanes), cin))
        title(ox - 0.5, oy + 0.5, f"<b>{t('ch.more', lang, n=len(extra), first=extra[0], last=extra[-1])}</b>")
        if st.kind != "dw":
            sum_x.append(ox - 0.5)
            sum_y.append(oy + 2)
    # output maps: all values drawn once, a per-frame cover hides the cells not yet computed
    outs = st.watched
    omax = max(1e-9, float(np.abs(st.out[list(outs)]).max())) * 2.2
    for idx, o in enumerate(outs):
        ox, oy = L.output_at(idx)
        vals = st.out[o]
        txt = [[_num(v) for v in row] for row in vals.tolist()] if cell_text else None
        static.append(_heat(vals.round(3).tolist(), txt, ox, oy, "RdBu", -omax, omax, small))
        title(ox - 0.5, oy - 0.45, f"<b>{t('ch.out', lang, o=o, h=L.h_out, w=L.w_out)}</b>")
    dynamic_at = len(static)

    # tap positions of frame f = these offsets + stride * (col, row): vectorised, as are the texts
    s_, d_ = st.spec.stride, st.spec.dilation
    origins = np.array([L.input_at(j) for j in range(len(st.lanes))])  # (L, 2)
    grid = np.arange(k) * d_
    off_x = (origins[:, 0, None, None] + grid[None, None, :] + 0 * grid[None, :, None]).reshape(-1)
    off_y = (origins[:, 1, None, None] + grid[None, :, None] + 0 * grid[None, None, :]).reshape(-1)
    # a 1x1 kernel has one product per channel, equal to its partial sum: same decimals, so they agree
    all_prods = _nums(st.products.reshape(st.frames, -1), 2 if k == 1 else 1) if cell_text else None
    partial_sign = "ch.partial"
    sums_all = [[t(partial_sign, lang, s=v) for v in row] for row in _nums(st.partial, 2)]
    hidden_all = [t(partial_sign, lang, s=row[0]) for row in _nums(st.hidden_sum[:, None], 2)]

    def frame_data(f: int) -> list[dict]:
        r, c = (int(v) for v in st.cells[f])
        tx = (off_x + c * s_).tolist()
        tb = (off_y + r * s_).tolist()
        prods = all_prods[f] if all_prods is not None else [""] * len(tx)
        sums = list(sums_all[f])
        if L.more and st.kind != "dw":
            sums.append(hidden_all[f])
        cx: list = []
        cy: list = []
        mx: list = []
        my: list = []
        for idx in range(len(outs)):
            ox, oy = L.output_at(idx)
            a, b = _cover(ox, oy, L.h_out, L.w_out, r, c)
            cx += a
            cy += b
            a, b = _box(ox + c, oy + r, 1, 1)
            mx += a
            my += b
        sc = "scatter"
        return [dict(type="bar", x=tx, base=tb), dict(type=sc, text=prods), dict(type=sc, text=sums),
                dict(type=sc, x=cx, y=cy), dict(type=sc, x=mx, y=my), dict(type=sc, text=[_arith(st, f, lang)])]

    first = frame_data(0)
    ntaps = len(first[0]["x"])
    dynamic = [
        dict(type="bar", x=first[0]["x"], base=first[0]["base"], y=[1] * ntaps, width=0.92, hoverinfo=SKIP,
             marker=dict(color="rgba(214,39,40,0.28)", line=dict(color=TAP, width=2.5))),
        dict(type="scatter", x=prod_x, y=prod_y, mode="text", text=first[1]["text"], hoverinfo=SKIP,
             textfont=dict(size=small, color="#111")),
        dict(type="scatter", x=sum_x, y=sum_y, mode="text", text=first[2]["text"], textposition="middle right",
             hoverinfo=SKIP, textfont=dict(size=label_font, color="#111")),
        dict(type="scatter", x=first[3]["x"], y=first[3]["y"], mode="lines", fill="toself", hoverinfo=SKIP,
             fillcolor="white", line=dict(width=0)),
        dict(type="scatter", x=first[4]["x"], y=first[4]["y"], mode="lines", line=dict(color=TAP, width=4),
             hoverinfo=SKIP),
        dict(type="scatter", x=[0], y=[1], mode="text", text=first[5]["text"], textposition="bottom right",
             xaxis="x2", yaxis="y2", hoverinfo=SKIP, textfont=dict(size=font_size, color="#111")),
    ]
    top.append(dict(type="scatter", x=titles_x, y=titles_y, mode="text", text=titles, textposition="middle right",
                    hoverinfo=SKIP, textfont=dict(size=label_font, color="#333")))
    traces = list(range(dynamic_at, dynamic_at + len(dynamic)))
    names = [f"{int(r)},{int(c)}" for r, c in st.cells]
    frames = [dict(name=names[f], traces=traces, data=frame_data(f)) for f in range(st.frames)]

    arith_lines = max(text.count("<br>") for text in (fr["data"][5]["text"][0] for fr in frames)) + 1
    text_px = int(arith_lines * font_size * 1.5) + 14
    main_px = int(max(160, (L.height + 0.6) * cell_px))
    controls_px = 30 + font_size * 3
    total = main_px + text_px + controls_px
    split = (text_px + controls_px) / total

    def animate(names_: list | None, duration: int) -> list:
        return [names_, {"frame": {"duration": duration, "redraw": True}, "transition": {"duration": 0},
                         "fromcurrent": True, "mode": "immediate"}]

    buttons = [dict(label=t(key, lang), method="animate", args=animate(None, ms)) for key, ms in SPEEDS]
    buttons.append(dict(label=t("pg.anim.pause", lang), method="animate",
                        args=[[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate",
                                       "transition": {"duration": 0}}]))
    steps = [dict(label=name, method="animate", args=animate([name], 0)) for name in names]
    axis = dict(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=False)
    layout = dict(
        height=total, margin=dict(l=8, r=8, t=8, b=8), font=dict(size=font_size), showlegend=False,
        plot_bgcolor="white", barmode="overlay", dragmode=False,
        xaxis=dict(axis, range=[-0.8, L.width + 0.3], constrain="domain"),
        yaxis=dict(axis, range=[L.height + 0.3, -0.3], scaleanchor="x", constrain="domain", domain=[split, 1]),
        xaxis2=dict(axis, range=[0, 1], anchor="y2", visible=False),
        yaxis2=dict(axis, range=[0, 1], domain=[controls_px / total, split - 0.01], visible=False),
        updatemenus=[dict(type="buttons", direction="right", buttons=buttons, x=0, y=0, xanchor="left",
                          yanchor="bottom", pad=dict(t=0, r=6, b=2), showactive=True, font=dict(size=font_size))],
        sliders=[dict(steps=steps, active=0, x=0.45, len=0.55, y=0, yanchor="bottom", xanchor="left",
                      pad=dict(t=0, b=0), currentvalue=dict(prefix=f"{t('ch.cell', lang)} (", suffix=")", font=dict(size=font_size, color="#222")),
                      font=dict(color="rgba(0,0,0,0)"), ticklen=0, minorticklen=0, transition=dict(duration=0))],
    )
    return SpecFigure(dict(data=static + dynamic + top, layout=layout, frames=frames))


STAGES = ("conv", "dw", "pw", "std")  # the Playground's views: your conv; DW+PW mode: stage 1, stage 2, standard


def stage_of(spec: ConvSpec, size: int, view: str, out_channel: int = 0) -> Stage:
    """The stage a Playground view animates: ``conv`` (spec as set), ``dw`` / ``pw`` (its DW+PW replacement)
    or ``std`` (the standard conv with the same k, dilation and output shape, groups = 1)."""
    if view == "conv":
        return conv_stage(spec, size, out_channel)
    if view == "std":
        return conv_stage(replace(spec, groups=1), size, out_channel)
    dw, pw = dw_pw_stages(spec, size, out_channel)
    return dw if view == "dw" else pw


def stage_figure(spec: ConvSpec, size: int, view: str, out_channel: int = 0, lang: str = "en", font_size: int = 14,
                 width_px: int = 1100, max_px: int = 560) -> tuple[SpecFigure, Stage]:
    """The figure of one Playground view and the stage it draws (for the captions)."""
    st = stage_of(spec, size, view, out_channel)
    return channels_figure(st, lang, cell_px=int(font_size * 2), font_size=font_size, width_px=width_px,
                           max_px=max_px), st
