"""Download buttons for figures (for teachers' slides). Data is generated lazily, only when clicked."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dsconv.figures.export import figure_html


def download_figure(fig: go.Figure, filename: str, *, key: str, container: Any = st) -> None:
    """A download button that saves ``fig`` as a self-contained interactive HTML file (works offline)."""
    from ui import tr

    container.download_button(
        tr()("export.figure_html"),
        data=lambda: figure_html(fig),
        file_name=f"{filename}.html",
        mime="text/html",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
