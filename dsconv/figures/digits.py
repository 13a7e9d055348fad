"""Draw-a-digit figures: probability bars, per-layer activation grids, saliency overlay, preprocessing steps."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from PIL import Image

from dsconv.conv.ledger import shape_text
from dsconv.handwriting.preprocess import Preprocessed
from dsconv.i18n import t
from dsconv.mnist.inference import ComparisonRow, LayerActivation, Prediction

TOP = "#d62728"
OTHER = "#9aa5b1"
GREY_SCALE = [[0.0, "black"], [1.0, "white"]]  # explicit: plotly.js itself has no "gray" scale name
RED_BLUE_SCALE = [[0.0, "#2166ac"], [0.5, "#f7f7f7"], [1.0, "#b2182b"]]  # negative blue, zero white, positive red
SALIENCY_SCALE = [[0.0, "rgba(255,60,0,0)"], [0.25, "rgba(255,60,0,0.25)"], [1.0, "rgba(255,220,0,0.95)"]]
STAGE_KEYS = {
    "standard": "term.standard",
    "depthwise": "term.depthwise",
    "grouped": "term.grouped",
    "pointwise": "term.pointwise",
}


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts without plotly's per-property validation (it dominated the page's rerun time).

    The dicts are checked once, in the tests, by building them again with validation on.
    """
    return go.Figure(dict(data=data, layout=layout), _validate=False)


def probability_bars(pred: Prediction, lang: str = "en", height: int = 260, font: int = 13) -> go.Figure:
    """Bar chart of all ten class probabilities; the predicted digit in red."""
    bar = dict(
        type="bar",
        x=[str(d) for d in range(10)],
        y=pred.probs,
        marker=dict(color=[TOP if d == pred.digit else OTHER for d in range(10)]),
        text=[f"{p:.0%}" if p >= 0.01 else "" for p in pred.probs],
        textposition="outside",
        hovertemplate=t("draw.fig.prob_hover", lang) + "<extra></extra>",
    )
    layout = dict(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        title=dict(text=t("draw.fig.probs_title", lang), font=dict(size=font + 1)),
        font=dict(size=font),
        xaxis=dict(title=dict(text=t("draw.fig.digit", lang)), type="category", tickmode="array",
                   tickvals=[str(d) for d in range(10)], ticktext=[str(d) for d in range(10)], tickangle=0),
        yaxis=dict(title=dict(text=t("draw.fig.probability", lang)), range=[0, 1.12], tickformat=".0%"),
        showlegend=False,
    )
    return _figure([bar], layout)


def mosaic(maps: np.ndarray, cols: int, gap: int = 1) -> np.ndarray:
    """Tile C x H x W maps into one array (NaN gaps between tiles), each map scaled by its own max |value|."""
    c, h, w = maps.shape
    rows = math.ceil(c / cols)
    out = np.full((rows * (h + gap) - gap, cols * (w + gap) - gap), np.nan, dtype=np.float32)
    peaks = np.abs(maps).reshape(c, -1).max(axis=1)
    for i in range(c):
        r, q = divmod(i, cols)
        scale = peaks[i] if peaks[i] > 0 else 1.0
        out[r * (h + gap) : r * (h + gap) + h, q * (w + gap) : q * (w + gap) + w] = maps[i] / scale
    return out


def layer_title(act: LayerActivation, lang: str, shown: int) -> str:
    """``dw · grouped conv (groups=6) · 12×18×18 · 60 params`` plus how many maps are shown."""
    stage = t(STAGE_KEYS[act.stage], lang)
    detail = t(
        "draw.fig.layer_detail",
        lang,
        k=act.kernel_size,
        dilation=act.dilation,
        groups=act.groups,
        in_channels=act.in_channels,
        out_channels=act.out_channels,
    )
    shape = shape_text(act.out_shape)
    text = t("draw.fig.layer_title", lang, name=act.name, stage=stage, detail=detail, shape=shape, params=f"{act.params:,}")
    if shown < act.out_channels:
        text += " " + t("draw.fig.shown_of", lang, shown=shown, total=act.out_channels)
    return text


def _axis_pair(i: int, domain_x: list[float], domain_y: list[float]) -> dict:
    """Layout entries for the i-th (1-based) hidden x/y axis pair, square pixels, on the given domains."""
    suffix = "" if i == 1 else str(i)
    return {
        f"xaxis{suffix}": dict(domain=domain_x, visible=False, anchor=f"y{suffix}", constrain="domain", constraintoward="left"),
        f"yaxis{suffix}": dict(
            domain=domain_y, visible=False, anchor=f"x{suffix}", scaleanchor=f"x{suffix}", constrain="domain", constraintoward="top"
        ),
    }


def _title(text: str, x: float, y: float, font: int = 12) -> dict:
    """A panel title placed in paper coordinates (what make_subplots would do, without its cost)."""
    return dict(text=text, x=x, y=y, xref="paper", yref="paper", xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=font))


def activation_grid(
    acts: list[LayerActivation], lang: str = "en", cols: int = 12, max_channels: int = 24, tile_px: int = 56, font: int = 12
) -> go.Figure:
    """One row per conv layer: its feature maps as a grid of small heatmaps (red > 0 > blue), titled with shape and params.

    Built as one dict (axis domains by hand, no ``make_subplots``) so it stays cheap on every rerun.
    """
    tiles = [a.maps[:max_channels] for a in acts]
    title_px = 16 + font
    heights = [math.ceil(len(m) / cols) * tile_px + title_px for m in tiles]
    total = sum(heights)
    data, layout, annotations = [], {}, []
    top = 1.0
    for i, (act, maps) in enumerate(zip(acts, tiles), start=1):
        suffix = "" if i == 1 else str(i)
        bottom = max(0.0, top - heights[i - 1] / total)
        title_y = top - title_px / total
        layout.update(_axis_pair(i, [0.0, 1.0], [bottom, title_y - 0.002]))
        annotations.append(_title(layer_title(act, lang, len(maps)), 0.0, title_y, font))
        data.append(
            dict(
                type="heatmap",
                z=mosaic(maps, min(cols, len(maps)))[::-1],
                colorscale=RED_BLUE_SCALE,
                zmin=-1,
                zmax=1,
                showscale=False,
                hoverinfo="skip",
                xaxis=f"x{suffix}",
                yaxis=f"y{suffix}",
            )
        )
        top = bottom
    layout.update(height=total + 20, margin=dict(l=5, r=5, t=10, b=5), annotations=annotations, plot_bgcolor="white")
    return _figure(data, layout)


def saliency_overlay(image: np.ndarray, sal: np.ndarray, lang: str = "en", height: int = 300, font: int = 12) -> go.Figure:
    """The 28x28 input in grey, and again with the saliency (|gradient|) in transparent-to-yellow on top."""
    grey = dict(type="heatmap", z=image[::-1], colorscale=GREY_SCALE, zmin=0, zmax=1, showscale=False, hoverinfo="skip")
    heat = dict(
        type="heatmap",
        z=sal[::-1],
        colorscale=SALIENCY_SCALE,
        zmin=0,
        zmax=1,
        showscale=False,
        hovertemplate=t("draw.fig.saliency_hover", lang) + "<extra></extra>",
        xaxis="x2",
        yaxis="y2",
    )
    layout = {**_axis_pair(1, [0.0, 0.48], [0.0, 0.9]), **_axis_pair(2, [0.52, 1.0], [0.0, 0.9])}
    layout.update(
        height=height,
        margin=dict(l=5, r=5, t=10, b=5),
        annotations=[_title(t("draw.fig.input", lang), 0.0, 0.92, font), _title(t("draw.fig.saliency", lang), 0.52, 0.92, font)],
    )
    return _figure([grey, {**grey, "xaxis": "x2", "yaxis": "y2"}, heat], layout)


def step_images(pre: Preprocessed, size: int = 112) -> list[tuple[str, np.ndarray]]:
    """(i18n caption key, uint8 image) for raw -> cropped -> stroke evened -> 20x20 -> centred 28x28, each at ``size`` px."""
    steps = [("draw.step.raw", pre.raw, Image.Resampling.BILINEAR)]
    if not pre.empty:
        steps += [
            ("draw.step.cropped", pre.cropped, Image.Resampling.BILINEAR),
            *([("draw.step.evened", pre.evened.astype(np.float32), Image.Resampling.BILINEAR)] if pre.evened is not None else []),
            ("draw.step.boxed", pre.boxed, Image.Resampling.NEAREST),
            ("draw.step.centred", pre.centred, Image.Resampling.NEAREST),
        ]
    out = []
    for key, arr, resample in steps:
        img = Image.fromarray((np.clip(arr, 0, 1) * 255).astype(np.uint8))
        h, w = arr.shape
        scale = size / max(h, w)
        img = np.asarray(img.resize((max(1, round(w * scale)), max(1, round(h * scale))), resample))
        square = np.zeros((size, size), dtype=np.uint8)  # every step the same square, so a thin 1 is not stretched
        top, left = (size - img.shape[0]) // 2, (size - img.shape[1]) // 2
        square[top : top + img.shape[0], left : left + img.shape[1]] = img
        out.append((key, square))
    return out


def comparison_frame(rows: list[ComparisonRow], lang: str = "en") -> pd.DataFrame:
    """The side-by-side table: model, predicted digit, confidence, params, MACs."""
    return pd.DataFrame(
        {
            t("draw.cmp.model", lang): [r.label for r in rows],
            t("draw.cmp.digit", lang): [str(r.digit) for r in rows],
            t("draw.cmp.confidence", lang): [f"{r.confidence:.1%}" for r in rows],
            t("term.params", lang): [f"{r.params:,}" for r in rows],
            t("term.macs", lang): [f"{r.macs:,}" for r in rows],
        }
    )
