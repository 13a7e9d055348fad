"""Download buttons for figures (for teachers' slides). Data is generated lazily, only when clicked."""

from __future__ import annotations

from typing import Any, Callable

import plotly.graph_objects as go
import streamlit as st

from ui.chrome import tr
from ui.server import DownloadRefused

from dsconv.figures.export import ExportBusy, ExportError, figure_html, figure_png, png_available


def explained(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """``make`` for a download button, whose refusal (the renderer busy, over the pixel cap, no browser) reaches
    the learner as a translated message under the button instead of Streamlit's "Failed to generate file"."""
    tr_ = tr()  # translated now: the deferred call runs later, on a thread without the session's language

    def run() -> bytes:
        try:
            return make()
        except ExportBusy:
            raise DownloadRefused(tr_("export.busy")) from None
        except ExportError as err:
            raise DownloadRefused(tr_("export.failed", why=str(err))) from None

    return run


def download_figure(fig: go.Figure, filename: str, *, key: str, container: Any = st) -> None:
    """PNG (rendered by kaleido, offline) when possible, and always a self-contained interactive HTML file."""
    tr_ = tr()
    if png_available():
        container.download_button(
            tr_("export.figure_png"),
            data=explained(lambda: figure_png(fig)),
            file_name=f"{filename}.png",
            mime="image/png",
            key=f"{key}_png",
            on_click="ignore",
            icon=":material/image:",
        )
    container.download_button(
        tr_("export.figure_html"),
        data=lambda: figure_html(fig),
        file_name=f"{filename}.html",
        mime="text/html",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
