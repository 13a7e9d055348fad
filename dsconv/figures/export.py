"""Figure export for slides: PNG through kaleido (headless Chromium, offline) and self-contained HTML.

PNG needs the ``kaleido`` package and a Chromium-based browser on this machine (``$DSCONV_CHROMIUM``,
``$BROWSER_PATH`` or one on ``PATH``); HTML (plotly.js inlined) always works and opens offline.
"""

from __future__ import annotations

import io
import os
import shutil
from functools import lru_cache

import plotly.graph_objects as go

PNG_WIDTH = 1600  # slide-friendly defaults: 16:9 at 1600 px wide, rendered at 2x for projectors
PNG_HEIGHT = 900
PNG_SCALE = 2


class ExportError(RuntimeError):
    """PNG export is not possible here (no kaleido or no browser) or the renderer failed."""


def figure_html(fig: go.Figure) -> bytes:
    """``fig`` as a standalone HTML page with plotly.js embedded (no network needed to open it)."""
    return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")


@lru_cache(maxsize=1)
def browser_path() -> str | None:
    """The Chromium-based browser kaleido will drive, or ``None`` when there is none."""
    for candidate in (os.environ.get("DSCONV_CHROMIUM"), os.environ.get("BROWSER_PATH")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@lru_cache(maxsize=1)
def png_available() -> bool:
    """True when kaleido is installed and a browser for it exists (cheap check, no rendering)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return browser_path() is not None


def for_slide(fig: go.Figure) -> go.Figure:
    """A still copy of ``fig`` for a slide: no Play/Pause buttons, no frame slider, small margins.

    The picture is the figure as the page first shows it (its base data); a still image cannot play.
    """
    still = go.Figure(fig)
    still.frames = ()
    titled = bool(still.layout.title.text)
    still.layout.updatemenus, still.layout.sliders = (), ()  # update_layout(updatemenus=[]) keeps them
    still.update_layout(margin={"l": 10, "r": 10, "b": 10, "t": 60 if titled else 10})
    return still


def slide_width(fig: go.Figure, height: int) -> int:
    """16:9 for ordinary charts; for a square grid (equal axis scales, e.g. the receptive-field map) the height
    plus room for labels and a colour bar, so the picture is not a small square in a wide empty canvas."""
    equal = any(getattr(fig.layout[name], "scaleanchor", None) for name in fig.layout if name.startswith(("xaxis", "yaxis")))
    return int(height + 140) if equal else PNG_WIDTH


def trim_margins(png: bytes, pad: int = 24) -> bytes:
    """Crop the uniform background around the picture, keeping ``pad`` pixels (kaleido renders at a fixed
    16:9 size, so a square figure would otherwise be mostly empty margin on a slide)."""
    from PIL import Image, ImageChops

    image = Image.open(io.BytesIO(png)).convert("RGB")
    background = Image.new("RGB", image.size, image.getpixel((0, 0)))
    box = ImageChops.difference(image, background).getbbox()
    if box is None:  # blank: nothing to crop to
        return png
    left, top, right, bottom = box
    cropped = image.crop((max(left - pad, 0), max(top - pad, 0), min(right + pad, image.width),
                          min(bottom + pad, image.height)))
    out = io.BytesIO()
    cropped.save(out, format="PNG", optimize=True)
    return out.getvalue()


def figure_png(fig: go.Figure, width: int | None = None, height: int | None = None, scale: float = PNG_SCALE,
               *, trim: bool = True) -> bytes:
    """``fig`` as a still PNG for slides (see ``for_slide``), rendered by kaleido in headless Chromium (a few
    seconds; never touches the network); ``trim`` crops the empty margin around it."""
    if not png_available():
        raise ExportError("PNG export needs the kaleido package and a Chromium browser")
    import kaleido

    os.environ.setdefault("BROWSER_PATH", browser_path() or "")
    height = height or fig.layout.height or PNG_HEIGHT
    opts = {"format": "png", "width": width or fig.layout.width or slide_width(fig, height), "height": height,
            "scale": scale}
    try:
        # mathjax=False: no MathJax download attempt (the figures use no LaTeX), so it stays offline.
        png = kaleido.calc_fig_sync(for_slide(fig), opts=opts, kopts={"mathjax": False})
    except Exception as exc:  # kaleido/choreographer raise many types (browser crash, timeout)
        raise ExportError(f"PNG export failed: {exc}") from exc
    return trim_margins(png, pad=int(12 * scale)) if trim else png
