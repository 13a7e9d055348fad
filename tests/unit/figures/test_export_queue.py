"""PNG exports go through one bounded renderer: one Chromium at a time, a short queue, a cache of identical ones."""

from __future__ import annotations

import threading
import time

import plotly.graph_objects as go
import pytest

from dsconv.figures import export


def figure(i: int) -> go.Figure:
    return go.Figure(go.Heatmap(z=[[i, 2], [3, 4]]), layout_title_text=f"figure {i}")


@pytest.fixture
def fresh_cache(monkeypatch):
    monkeypatch.setattr(export, "CACHE", export.ExportCache(export.CACHE_BYTES))


def test_spam_renders_one_at_a_time_and_refuses_beyond_the_queue(monkeypatch, fresh_cache):
    """12 quick different requests (the issue's spam): never two renderers, the rest told 'busy' at once."""
    active, peak, lock = [0], [0], threading.Lock()

    def slow_render(fig, opts):  # stands for Chromium: counts how many run at once
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1
        return _png()

    monkeypatch.setattr(export, "_render", slow_render)
    outcomes: list[str] = []

    def request(i: int) -> None:
        try:
            export.figure_png(figure(i), width=200, height=100, trim=False)
            outcomes.append("png")
        except export.ExportBusy:
            outcomes.append("busy")

    threads = [threading.Thread(target=request, args=(i,)) for i in range(12)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert peak[0] == export.RENDERERS == 1
    assert outcomes.count("png") <= export.RENDERERS + export.MAX_WAITING
    assert outcomes.count("busy") >= 12 - export.RENDERERS - export.MAX_WAITING
    assert time.perf_counter() - t0 < 0.3 * (export.RENDERERS + export.MAX_WAITING) + 2


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def test_oversized_pictures_are_refused_before_rendering():
    with pytest.raises(export.ExportError, match="pixels"):
        export.figure_png(figure(1), width=20_000, height=20_000, scale=2)


def test_identical_html_exports_come_from_the_cache(fresh_cache):
    first = export.figure_html(figure(7))
    t0 = time.perf_counter()
    second = export.figure_html(figure(7))
    assert second is first and export.CACHE.hits == 1
    assert time.perf_counter() - t0 < 0.5
    assert export.figure_html(figure(8)) != first


def test_cache_is_bounded_in_bytes():
    cache = export.ExportCache(max_bytes=100)
    for i in range(10):
        cache.put(str(i), bytes(30))
    assert cache.size <= 100 and cache.get("9") is not None and cache.get("0") is None


@pytest.mark.slow
def test_identical_png_exports_start_chromium_once(fresh_cache):
    """Real kaleido: the second identical export is not rendered again."""
    before = export.renders
    a = export.figure_png(figure(3), width=300, height=200)
    b = export.figure_png(figure(3), width=300, height=200)
    assert a == b and a[:8] == b"\x89PNG\r\n\x1a\n"
    assert export.renders == before + 1
