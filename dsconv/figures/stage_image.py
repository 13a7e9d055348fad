"""The stage drawn on the server (pillow) for slides: a PNG of one output cell, a GIF of the first cells.

The same data (``stage_payload``) and the same layout rules as ui/stage.js: one tile per drawn input channel
(padded input with the taps, the weight slice, the products, the partial sum), the output map as large as an
input, and the equation. The GIF animates every drawn channel.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache

from dsconv.figures.stage import fmt

GIF_FRAMES = 64  # output cells in a GIF (a 32x32 map would be 1,024 frames)
WIDTH, HEIGHT = 1600, 900  # a 16:9 slide
GAP, CHIPS_H = 0.8, 1.4


def _font(size: float, bold: bool = False):
    return _load_font(max(6, int(size)), bold)


@lru_cache(maxsize=256)
def _load_font(size: int, bold: bool):
    from PIL import ImageFont

    names = (["DejaVuSans-Bold.ttf"] if bold else []) + ["DejaVuSans.ttf", "wqy-microhei.ttc",
                                                         "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


@dataclass(frozen=True)
class Layout:
    """Cell size ``u`` (px), tile columns and where the output map sits (``right``, ``below`` or ``none``)."""

    u: float
    cols: int
    place: str
    n_pad: int
    tile_w: float
    tile_h: float
    grid_w: float
    grid_h: float
    width: float  # in cells
    height: float


def layout(d: dict, width: int = WIDTH, height: int = HEIGHT) -> Layout:
    """The arrangement with the largest cells that fits ``width`` x ``height`` (as stage.js does)."""
    n_pad, k, lanes, dw = d["n"] + 2 * d["p"], d["k"], len(d["lanes"]), d["kind"] == "dw"
    kc = max(k, 3.2)
    right_h = 0.8 + k + 0.8 + k + 1.2
    tile_w = n_pad + 0.5 + kc + (0.6 + d["n"] if dw else 0)
    tile_h = 1.2 + max(n_pad, right_h, d["n"] + 2.4 if dw else 0)
    out_w, out_h = max(n_pad, 6), 1.2 + n_pad + 2.6
    best = None
    for cols in range(1, lanes + 1):
        rows = math.ceil(lanes / cols)
        gw, gh = cols * tile_w + (cols - 1) * GAP, rows * tile_h + (rows - 1) * GAP
        for place in (("none",) if dw else ("right", "below")):
            w, h = gw, CHIPS_H + gh
            if place == "right":
                w, h = gw + GAP * 1.5 + out_w, CHIPS_H + max(gh, out_h)
            elif place == "below":
                w, h = max(gw, out_w), CHIPS_H + gh + GAP + out_h
            u = min(width / w, height / h)
            if best is None or u > best.u + 1e-9:
                best = Layout(u, cols, place, n_pad, tile_w, tile_h, gw, gh, w, h)
    return best


def _lane_frame(d: dict, j: int, f: int) -> tuple[list, float]:
    """Taps (kernel i, j, padded row, col, x, w, x·w) of drawn channel ``j`` at output cell ``f``, and their sum."""
    r, c = divmod(f, d["wo"])
    k, n, p = d["k"], d["n"], d["p"]
    taps, total = [], 0.0
    for i in range(k):
        for jj in range(k):
            pr, pc = r * d["s"] + i * d["d"], c * d["s"] + jj * d["d"]
            ir, ic = pr - p, pc - p
            x = d["x"][j][ir * n + ic] if 0 <= ir < n and 0 <= ic < n else 0.0
            w = d["w"][j][i * k + jj]
            taps.append((i, jj, pr, pc, x, w, x * w))
            total += x * w
    return taps, total


class _Painter:
    """Draws one frame of the stage onto a pillow image (cell units -> pixels)."""

    def __init__(self, d: dict, lay: Layout, top: int, margin: int) -> None:
        self.d, self.lay, self.top, self.margin = d, lay, top, margin

    def px(self, x: float, y: float) -> tuple[float, float]:
        return self.margin + x * self.lay.u, self.top + y * self.lay.u

    def box(self, x: float, y: float, w: float = 1, h: float = 1, inset: float = 0.03) -> tuple:
        x0, y0 = self.px(x + inset, y + inset)
        x1, y1 = self.px(x + w - inset, y + h - inset)
        return (x0, y0, x1, y1)

    def num(self, dr, x: float, y: float, text: str, size: float = 1.0) -> None:
        digits = sum(ch.isdigit() for ch in text)
        em = max(0.64, 0.64 * digits + 0.36 * (len(text) - digits))
        f = _font(min(0.68, 0.86 / em) * size * self.lay.u)
        dr.text(self.px(x + size / 2, y + size / 2), text, fill="#111", font=f, anchor="mm")

    def label(self, dr, x: float, y: float, text: str, size: float, room: float, color: str = "#222",
              bold: bool = False) -> None:
        f = _font(size * self.lay.u, bold)
        while f.size > 7 and f.getlength(text) > room * self.lay.u:
            f = _font(f.size - 1, bold)
        dr.text(self.px(x, y), text, fill=color, font=f, anchor="ls")

    def tile_origin(self, j: int) -> tuple[float, float]:
        col, row = j % self.lay.cols, j // self.lay.cols
        return col * (self.lay.tile_w + GAP), CHIPS_H + row * (self.lay.tile_h + GAP)

    def out_origin(self, j: int) -> tuple[float, float]:
        d, lay = self.d, self.lay
        if d["kind"] == "dw":
            x, y = self.tile_origin(j)
            return x + lay.n_pad + 0.5 + max(d["k"], 3.2) + 0.6, y + 1.2
        if lay.place == "right":
            return lay.grid_w + GAP * 1.5, CHIPS_H + 1.2
        return 0.0, CHIPS_H + lay.grid_h + GAP + 1.2

    def draw(self, dr, f: int) -> None:
        d, lay = self.d, self.lay
        lab, k, n, p = d["labels"], d["k"], d["n"], d["p"]
        per = d["cin"] // d["g"]
        chip = min(1.0, lay.width * 0.45 / d["cin"])
        active = set(d["lanes"])
        for c in range(d["cin"]):
            g = 0 if d["kind"] == "pw" else c // per
            color = d["colors"][g % len(d["colors"])]
            dr.rectangle(self.box(c * chip * 1.1, 0.2, chip, chip, 0), fill=color if c in active else "#dddddd")
        self.label(dr, d["cin"] * chip * 1.1 + 0.4, 0.2 + chip * 0.8, lab["chips"], 0.62,
                   lay.width - d["cin"] * chip * 1.1 - 0.4)
        sums = []
        z = (n if d["kind"] == "dw" else lay.n_pad) / max(d["ho"], d["wo"])
        r0, c0 = divmod(f, d["wo"])
        for j, c in enumerate(d["lanes"]):
            ox, oy = self.tile_origin(j)
            g = 0 if d["kind"] == "pw" else c if d["kind"] == "dw" else c // per
            color = d["colors"][g % len(d["colors"])]
            dr.rounded_rectangle(self.box(ox - 0.25, oy - 0.15, lay.tile_w + 0.5, lay.tile_h + 0.2, 0),
                                 radius=int(0.3 * lay.u), outline=color, width=max(2, int(0.1 * lay.u)))
            self.label(dr, ox, oy + 0.85, lab["tiles"][j], 0.8, lay.tile_w, color, bold=True)
            gy = oy + 1.2
            for r in range(lay.n_pad):
                for cc in range(lay.n_pad):
                    ir, ic = r - p, cc - p
                    pad = not (0 <= ir < n and 0 <= ic < n)
                    dr.rectangle(self.box(ox + cc, gy + r), fill="#d9d9d9" if pad else "#dbe9f6", outline="#9aa4b2")
                    if not pad:
                        self.num(dr, ox + cc, gy + r, fmt(d["x"][j][ir * n + ic]))
            taps, total = _lane_frame(d, j, f)
            sums.append(total)
            rx, wy = ox + lay.n_pad + 0.5, gy + 0.8
            self.label(dr, rx, wy - 0.2, lab["weights"][j], 0.6, max(k, 3.2))
            py = wy + k + 0.8
            self.label(dr, rx, py - 0.2, lab["products"], 0.6, max(k, 3.2))
            for i, jj, pr, pc, x, w, prod in taps:
                dr.rectangle(self.box(rx + jj, wy + i), fill="#fff4d6" if w >= 0 else "#e8e0ff", outline="#9aa4b2")
                self.num(dr, rx + jj, wy + i, fmt(w))
                dr.rectangle(self.box(rx + jj, py + i), fill="#ffffff", outline="#9aa4b2")
                self.num(dr, rx + jj, py + i, fmt(prod))
                dr.rectangle(self.box(ox + pc, gy + pr, inset=0.06), outline="#d62728", width=max(2, int(0.12 * lay.u)))
            self.label(dr, rx, py + k + 0.85, "Σ = " + fmt(total), 0.75, max(k, 3.2), bold=True)
            if d["kind"] == "dw":
                self._output(dr, j, [j], sums, f, z, r0, c0)
        if d["kind"] != "dw":
            qx, qy = self.out_origin(0)
            self.label(dr, qx, qy - 0.35, lab["out"][0], 0.8, max(n, 6), bold=True)
            self._output(dr, 0, list(range(len(d["lanes"]))), sums, f, z, r0, c0)

    def _output(self, dr, j: int, lanes: list[int], sums: list[float], f: int, z: float, r0: int, c0: int) -> None:
        d = self.d
        oi = d["outs"].index(d["lane_out"][j])
        qx, qy = self.out_origin(j)
        for i, v in enumerate(d["y"][oi]):
            r, c = divmod(i, d["wo"])
            done = i <= f
            dr.rectangle(self.box(qx + c * z, qy + r * z, z, z, 0.03 * z), fill="#fdd49e" if done else "#ffffff",
                         outline="#9aa4b2")
            if done:
                self.num(dr, qx + c * z, qy + r * z, fmt(v), z)
        dr.rectangle(self.box(qx + c0 * z, qy + r0 * z, z, z, 0.04), outline="#d62728", width=max(2, int(0.14 * self.lay.u)))
        b = d["bias"][oi]
        part = sum(sums[lane] for lane in lanes)
        eq = d["labels"]["eq"].replace("{o}", str(d["outs"][oi])).replace("{r}", str(r0)).replace("{c}", str(c0))
        side = d["n"] if d["kind"] == "dw" else self.lay.n_pad
        room = side + 0.2 if d["kind"] == "dw" else max(side, 6)
        self.label(dr, qx, qy + side + 0.95, eq, 0.7, room)
        line = f"= {fmt(part)} {'−' if b < 0 else '+'} {fmt(abs(b))} = {fmt(d['y'][oi][f])}"
        self.label(dr, qx, qy + side + 2.0, line, 0.85, room, bold=True)


def _frames(d: dict, frames: list[int], title: str, width: int, height: int):
    from PIL import Image, ImageDraw

    margin = 24
    head = _font(34) if title else None
    top = margin + (head.size + 18 if title else 0)
    lay = layout(d, width - 2 * margin, height - top - margin)
    w, h = int(lay.width * lay.u) + 2 * margin, int(lay.height * lay.u) + top + margin
    painter = _Painter(d, lay, top, margin)
    for f in frames:
        im = Image.new("RGB", (w, h), "white")
        dr = ImageDraw.Draw(im)
        if title:
            font = head
            while font.size > 14 and font.getlength(title) > w - 2 * margin:
                font = _font(font.size - 2)
            dr.text((margin, margin), title, fill="#111", font=font)
        painter.draw(dr, f)
        yield im


def stage_png(d: dict, frame: int = 0, title: str = "", width: int = WIDTH * 2, height: int = HEIGHT * 2) -> bytes:
    """One output cell of the stage as a slide-sized PNG (drawn at 2x for projectors)."""
    im = next(_frames(d, [frame], title, width, height))
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def stage_gif(d: dict, title: str = "", duration_ms: int = 600, frames: int = GIF_FRAMES) -> bytes:
    """The first ``frames`` output cells as an animated GIF: every drawn channel's taps, products and sums move."""
    count = min(frames, d["ho"] * d["wo"])
    images = [im.convert("P", palette=1, colors=64) for im in _frames(d, list(range(count)), title, WIDTH, HEIGHT)]
    buf = io.BytesIO()
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:], duration=duration_ms, loop=0)
    return buf.getvalue()
