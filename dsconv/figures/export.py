"""Figure export for slides: PNG through kaleido (headless Chromium, offline) and self-contained HTML.

PNG needs the ``kaleido`` package and a Chromium-based browser on this machine (``$DSCONV_CHROMIUM``,
``$BROWSER_PATH`` or one on ``PATH``); HTML (plotly.js inlined) always works and opens offline.

Every PNG starts a Chromium (about 5 processes, 300-600 MB): 12 quick clicks once started 62 processes and
7.1 GB. So the whole server renders one PNG at a time (:data:`RENDERERS`), at most :data:`MAX_WAITING`
requests wait behind it (more get :class:`ExportBusy` at once: the waiting ones hold Streamlit's small
worker-thread pool), each render has a time limit, the picture's pixel count is bounded, and identical
exports (same figure, same size) come from a bounded cache.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import threading
from collections import OrderedDict
from functools import lru_cache

import plotly.graph_objects as go

PNG_WIDTH = 1600  # slide-friendly defaults: 16:9 at 1600 px wide, rendered at 2x for projectors
PNG_HEIGHT = 900
PNG_SCALE = 2


RENDERERS = 1  # PNG renderers (Chromium instances) at a time, for the whole server
MAX_WAITING = 2  # PNG requests that may wait for the renderer; more are refused at once
RENDER_SECONDS = 30  # time limit for one PNG (kaleido's own timeout)
MAX_PIXELS = 4000 * 2400  # width x height x scale^2 of one PNG (a 1600x900 slide at 2x is 5.8 Mpx)
CACHE_BYTES = 48 * 2**20  # identical exports are served from memory up to this many bytes


class ExportError(RuntimeError):
    """PNG export is not possible here (no kaleido or no browser) or the renderer failed."""


class ExportBusy(ExportError):
    """Too many PNG exports are already waiting for the one renderer: try again in a few seconds."""


class ExportCache:
    """Least-recently-used bytes by key, bounded in total size (thread-safe)."""

    def __init__(self, max_bytes: int):
        self.max_bytes, self.size = max_bytes, 0
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def get(self, key: str) -> bytes | None:
        with self._lock:
            data = self._items.get(key)
            if data is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = data
            self.size += len(data)
            while self.size > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self.size -= len(old)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0


CACHE = ExportCache(CACHE_BYTES)
_renderer = threading.BoundedSemaphore(RENDERERS)
_admitted = threading.BoundedSemaphore(RENDERERS + MAX_WAITING)
renders = 0  # PNGs actually rendered by kaleido in this process (tests and benchmarks read it)


def export_key(fig: go.Figure, kind: str, **opts: object) -> str:
    """Same figure, same format and options -> same key."""
    digest = hashlib.sha256(fig.to_json().encode("utf-8"))
    digest.update(repr((kind, sorted(opts.items()))).encode("utf-8"))
    return digest.hexdigest()


def figure_html(fig: go.Figure) -> bytes:
    """``fig`` as a standalone HTML page with plotly.js embedded (no network needed to open it)."""
    key = export_key(fig, "html")
    cached = CACHE.get(key)
    if cached is None:
        cached = fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")
        CACHE.put(key, cached)
    return cached


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
    height = height or fig.layout.height or PNG_HEIGHT
    opts = {"format": "png", "width": width or fig.layout.width or slide_width(fig, height), "height": height,
            "scale": scale}
    if opts["width"] * opts["height"] * scale * scale > MAX_PIXELS:
        raise ExportError(f"PNG export of {opts['width']}x{opts['height']} at {scale}x is over {MAX_PIXELS:,} pixels")
    key = export_key(fig, "png", trim=trim, **opts)
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    if not _admitted.acquire(blocking=False):
        raise ExportBusy(f"{RENDERERS + MAX_WAITING} PNG exports are already in progress or waiting; try again shortly")
    try:
        if not _renderer.acquire(timeout=RENDER_SECONDS * (1 + MAX_WAITING)):
            raise ExportBusy("the PNG renderer stayed busy; try again shortly")
        try:
            cached = CACHE.get(key)  # rendered by the request we waited for
            if cached is not None:
                return cached
            png = _render(fig, opts)
        finally:
            _renderer.release()
    finally:
        _admitted.release()
    png = trim_margins(png, pad=int(12 * scale)) if trim else png
    CACHE.put(key, png)
    return png


def _render(fig: go.Figure, opts: dict) -> bytes:
    """One kaleido render (one Chromium, closed afterwards), with a time limit."""
    global renders
    import kaleido

    os.environ.setdefault("BROWSER_PATH", browser_path() or "")
    try:
        # mathjax=False: no MathJax download attempt (the figures use no LaTeX), so it stays offline.
        png = kaleido.calc_fig_sync(for_slide(fig), opts=opts, kopts={"mathjax": False, "timeout": RENDER_SECONDS})
    except Exception as exc:  # kaleido/choreographer raise many types (browser crash, timeout)
        raise ExportError(f"PNG export failed: {exc}") from exc
    renders += 1
    return png
