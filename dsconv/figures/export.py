"""Figure export for slides: PNG through kaleido (headless Chromium, offline) and self-contained HTML.

PNG needs the ``kaleido`` package and a Chromium-based browser on this machine (``$DSCONV_CHROMIUM``,
``$BROWSER_PATH`` or one on ``PATH``); HTML (plotly.js inlined) always works and opens offline.
"""

from __future__ import annotations

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


def figure_png(fig: go.Figure, width: int | None = None, height: int | None = None, scale: float = PNG_SCALE) -> bytes:
    """``fig`` rendered to PNG by kaleido in headless Chromium (a few seconds; never touches the network)."""
    if not png_available():
        raise ExportError("PNG export needs the kaleido package and a Chromium browser")
    import kaleido

    os.environ.setdefault("BROWSER_PATH", browser_path() or "")
    opts = {
        "format": "png",
        "width": width or fig.layout.width or PNG_WIDTH,
        "height": height or fig.layout.height or PNG_HEIGHT,
        "scale": scale,
    }
    try:
        # mathjax=False: no MathJax download attempt (the figures use no LaTeX), so it stays offline.
        return kaleido.calc_fig_sync(fig, opts=opts, kopts={"mathjax": False})
    except Exception as exc:  # kaleido/choreographer raise many types (browser crash, timeout)
        raise ExportError(f"PNG export failed: {exc}") from exc
