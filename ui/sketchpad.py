"""A drawing canvas that fits its column: pointer (mouse, pen, touch) strokes, always-visible Undo and Clear.

Built with ``st.components.v2`` (inline JS in ``sketchpad.js``). It returns the strokes, not pixels:
``{"w", "h", "pen", "paths"}`` in canvas pixels, and :func:`canvas_image` redraws them on the server with
the same round-cap brush used to replay pen digits (:mod:`dsconv.handwriting.render`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from dsconv.i18n import t

from dsconv.handwriting.render import draw_strokes
from dsconv.handwriting.strokes import StrokeProblem, Strokes, read_strokes
from dsconv.plaintext import plain
from ui import server
from ui.chrome import lang

REFERENCE = 280  # the pen width slider is in pixels of a canvas this wide; smaller canvases scale it
CSS = """
.sketchpad { width: 100%; max-width: 100%; }
.sketchpad .bar { display: flex; gap: 0.5rem; margin-bottom: 0.4rem; }
.sketchpad button { min-height: 2.5rem; padding: 0 0.9rem; font: inherit; font-size: 1rem; border-radius: 0.5rem;
  border: 1px solid rgba(128,128,128,0.5); background: var(--st-secondary-background-color, #f0f2f6);
  color: var(--st-text-color, #31333f); cursor: pointer; }
.sketchpad button:disabled { opacity: 0.45; cursor: default; }
.sketchpad canvas { display: block; touch-action: none; border-radius: 0.3rem; cursor: crosshair; }
.sketchpad.big .bar { gap: 1rem; margin-bottom: 0.8rem; }
.sketchpad.big button { min-height: 3.6rem; padding: 0 1.6rem; font-size: 1.7rem; }
"""


@st.cache_resource
def _component():
    """Register the component once per process."""
    js = (Path(__file__).with_name("sketchpad.js")).read_text(encoding="utf-8")
    return st.components.v2.component("dsconv_sketchpad", js=js, css=CSS)


def sketchpad(key: str, pen: int, undo: str, clear: str, max_side: int = REFERENCE, reset: int = 0,
              initial: dict | None = None, screen: float = 0.0, big: bool = False) -> dict | None:
    """Mount the canvas; returns the last strokes sent by the browser, else ``initial`` (a drawing kept from an
    earlier visit, redrawn when the canvas mounts). ``screen`` > 0 also caps the side at that fraction of the
    window's height (a projector: the canvas grows with the screen); ``big`` enlarges Undo and Clear."""
    state = st.session_state.get(key)
    kept = state.get("strokes") if isinstance(state, dict) else None
    result = _component()(
        key=key,
        data={"pen": pen, "undo": undo, "clear": clear, "max": max_side, "reference": REFERENCE,
              "reset": reset, "initial": kept or initial, "screen": screen, "big": big},
        default={"strokes": None},
        on_strokes_change=lambda: None,
    )
    get = result.get if hasattr(result, "get") else lambda name, default=None: getattr(result, name, default)
    rejected = get(server.REJECTED, None)  # the server refused the raw value (too long or too deep to parse)
    if isinstance(rejected, dict):
        st.error(plain(t("guard.value.too_big", lang(), **rejected)), icon=":material/block:")
        return None
    value = get("strokes", None)
    if not isinstance(value, dict):
        value = initial if isinstance(initial, dict) else None  # a drawing kept from an earlier visit
    read = read_strokes(value)
    if isinstance(read, StrokeProblem):  # checked before any drawing: one message, no work
        st.error(plain(read.message(lang())), icon=":material/block:")
        return None
    return value if isinstance(read, Strokes) else None


def canvas_image(value: dict | None) -> np.ndarray | None:
    """The strokes redrawn as an H x W x 4 RGBA canvas (white on black); None when nothing usable was sent.

    Values outside :data:`dsconv.handwriting.strokes.LIMITS` are never drawn (:func:`sketchpad` says why)."""
    read = read_strokes(value)
    if not isinstance(read, Strokes):
        return None
    return draw_strokes(list(read.paths), read.pen, (read.h, read.w))


def to_value(paths: list[Any], pen: float, side: int = REFERENCE) -> dict:
    """The value the browser sends for ``paths`` (used by tests and benchmarks to inject a drawing)."""
    return {"w": side, "h": side, "pen": pen, "paths": [[list(map(float, pt)) for pt in p] for p in paths]}
