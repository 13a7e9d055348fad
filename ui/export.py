"""Download buttons for figures (for teachers' slides). Data is generated lazily, only when clicked."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from ui.chrome import tr

from dsconv.figures.export import figure_html, figure_png, png_available


def download_figure(fig: go.Figure, filename: str, *, key: str, container: Any = st) -> None:
    """PNG (rendered by kaleido, offline) when possible, and always a self-contained interactive HTML file."""
    tr_ = tr()
    if png_available():
        container.download_button(
            tr_("export.figure_png"),
            data=lambda: figure_png(fig),
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
