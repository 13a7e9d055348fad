"""Figure export for slides: self-contained HTML (plotly.js inlined, so it opens offline)."""

from __future__ import annotations

import plotly.graph_objects as go


def figure_html(fig: go.Figure) -> bytes:
    """``fig`` as a standalone HTML page with plotly.js embedded (no network needed to open it)."""
    return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")
