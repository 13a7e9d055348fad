"""The kernel-sliding stage as compact data: what the browser (ui/stage.js) and the exports draw.

One stage (``dsconv.conv.stages``) becomes plain JSON: the drawn input channels (every channel of the watched
output's group), each one's k x k weight slice, the bias and torch's output map of each watched output channel,
plus the geometry (stride, padding, dilation) and the translated labels. The browser computes the taps, the
products x·w and the partial sums of any output cell from these, so playback, stepping and linking need no
rerun; the numbers it shows are checked against ``torch.nn.functional.conv2d`` by the browser tests.
"""

from __future__ import annotations

import json

import numpy as np

from dsconv.conv.arithmetic import ConvSpec
from dsconv.conv.stages import Stage, stage_of
from dsconv.figures.playground import GROUP_COLORS
from dsconv.i18n import t

MAX_CHANNELS = 16  # the Playground's in_channels limit: every channel of a group is drawn


def fmt(v: float) -> str:
    """A number as the stage writes it: at most two decimals, no trailing zeros, no "-0" (same as stage.js)."""
    r = round(float(v), 2) + 0.0
    return str(int(r)) if r == int(r) else f"{r:g}"


def _flat(a: np.ndarray) -> list:
    """Row-major values rounded to 4 decimals, integers written without a decimal point (smaller JSON)."""
    r = np.round(np.asarray(a, dtype=float).ravel(), 4) + 0.0
    return [int(v) if v == int(v) else float(v) for v in r.tolist()]


def lane_weights(stage: Stage) -> np.ndarray:
    """(L, k, k): the weight slice each drawn channel is multiplied by."""
    per = stage.spec.in_channels // stage.spec.groups
    return np.stack([stage.weight[o, c % per] for c, o in zip(stage.lanes, stage.lane_out)])


def labels(stage: Stage, lang: str) -> dict:
    """Every text the stage draws, translated (titles per channel, the chips line, the equation, the controls)."""
    spec, o = stage.spec, stage.lane_out[0]
    tile = {"conv": "ch.tile", "pw": "ch.tile_pw", "dw": "ch.tile_dw"}[stage.kind]
    h, w = stage.out.shape[1:]
    if stage.kind == "dw":
        chips = t("ch.chips_dw", lang, n=spec.in_channels)
    elif stage.kind == "pw":
        chips = t("stage.chips_pw", lang, n=spec.in_channels, o=o)
    else:
        g = stage.group_of_output(o)
        per = spec.in_channels // spec.groups
        chips = t("ch.chips", lang, g=g, groups=spec.groups, first=g * per, last=(g + 1) * per - 1, o=o)
    out = {
        "tiles": [t(tile, lang, ch=c) for c in stage.lanes],
        "weights": [t("stage.weights", lang, o=oo, c=c % (spec.in_channels // spec.groups))
                    for c, oo in zip(stage.lanes, stage.lane_out)],
        "products": t("stage.products", lang),
        "out": [t("ch.out", lang, o=oo, h=h, w=w) for oo in stage.watched],
        "chips": chips,
        "eq": t("stage.eq_dw" if stage.kind == "dw" else "stage.eq", lang, o="{o}", r="{r}", c="{c}"),
        "cell": t("stage.cell", lang, f="{f}", n="{n}"),
    }
    out.update({k: t(f"stage.{k}", lang) for k in ("play", "pause", "step", "back", "first", "last", "speed",
                                                   "scrub", "hint", "hint_focus")})
    return out


def stage_payload(stage: Stage, lang: str = "en") -> dict:
    """The JSON the stage component draws (a few KB at typical settings)."""
    spec = stage.spec
    watched = stage.watched
    data = {
        "kind": stage.kind,
        "n": stage.size, "p": spec.padding, "s": spec.stride, "d": spec.dilation, "k": spec.kernel_size,
        "ho": int(stage.out.shape[1]), "wo": int(stage.out.shape[2]),
        "cin": spec.in_channels, "cout": spec.out_channels, "g": spec.groups,
        "lanes": list(stage.lanes), "lane_out": list(stage.lane_out), "outs": list(watched),
        "x": [_flat(stage.x[c]) for c in stage.lanes],
        "w": [_flat(w) for w in lane_weights(stage)],
        "bias": [stage.bias_of(o) for o in watched],
        "y": [_flat(stage.out[o]) for o in watched],
        "hidden": list(stage.hidden),
        "colors": list(GROUP_COLORS),
        "labels": labels(stage, lang),
    }
    data["key"] = json.dumps([stage.kind, spec.in_channels, spec.out_channels, spec.kernel_size, spec.stride,
                              spec.padding, spec.dilation, spec.groups, stage.size, list(watched)])
    return data


def view_payload(spec: ConvSpec, size: int, view: str, out_channel: int = 0, lang: str = "en") -> dict:
    """The stage payload of a Playground view (``conv``, ``dw``, ``pw`` or ``std``), every channel drawn."""
    stage = stage_of(spec, size, view, out_channel, max_frames=1, max_lanes=MAX_CHANNELS)
    return stage_payload(stage, lang)
