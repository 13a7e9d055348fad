"""Figures of the FAQ page (pages/faq.py): tokens (N x C) laid out as an H x W map, the reshape shown."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dsconv.i18n import t
from dsconv.lessons.tokens import TokenLesson

SHOWN_CHANNELS = 8


def tokens_figure(lesson: TokenLesson, lang: str = "en", height: int = 300) -> go.Figure:
    """Left: tokens of image 0 (rows: token n, columns: the first channels); right: channel 0 as the H x W map.

    Each cell is coloured and labelled by its token index n, so the viewer sees that token n lands at
    row n // W, column n % W after ``transpose(1, 2).view(B, C, H, W)``.
    """
    _, n, c = lesson.steps[0].shape
    _, _, h, w = lesson.steps[2].shape
    shown = min(c, SHOWN_CHANNELS)
    tokens = np.repeat(np.arange(n)[:, None], shown, axis=1)
    grid = np.arange(n).reshape(h, w)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.45, 0.55], horizontal_spacing=0.12, subplot_titles=(
        t("faq.fig.tokens", lang, n=n, c=c, shown=shown), t("faq.fig.map", lang, h=h, w=w)))
    fig.add_trace(go.Heatmap(z=tokens, colorscale="Viridis", showscale=False, hovertemplate="n=%{y}, c=%{x}<extra></extra>"),
                  1, 1)
    fig.add_trace(go.Heatmap(z=grid, colorscale="Viridis", showscale=False, text=grid.astype(str),
                             texttemplate="%{text}" if n <= 256 else None, hovertemplate="n=%{z}<extra></extra>"), 1, 2)
    fig.update_yaxes(autorange="reversed", title_text="n", row=1, col=1)
    fig.update_xaxes(title_text="c", row=1, col=1)
    fig.update_yaxes(autorange="reversed", title_text="H", scaleanchor="x2", row=1, col=2)
    fig.update_xaxes(title_text="W", row=1, col=2)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=50, b=10))
    return fig


def recipe_curves(entries: list[dict], lang: str = "en", height: int = 360) -> go.Figure:
    """Test accuracy per epoch of model-card entries (the app's recipe and the book's), plus the book's
    last-batch "accuracy" as dotted lines: what the book prints next to what the test set says."""
    fig = go.Figure()
    for m in entries:
        history = m.get("history", [])
        epochs = [h["epoch"] for h in history]
        fig.add_trace(go.Scatter(x=epochs, y=[h["test_acc"] for h in history], mode="lines+markers",
                                 name=t("train.book.curve_test", lang, name=m["name"])))
        if any("last_batch_acc" in h for h in history):
            fig.add_trace(go.Scatter(x=epochs, y=[h.get("last_batch_acc") for h in history], mode="lines",
                                     line=dict(dash="dot"), name=t("train.book.curve_last", lang, name=m["name"])))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=1.15),
                      xaxis=dict(title=t("train.book.epoch", lang)),
                      yaxis=dict(title=t("train.fig.accuracy", lang), range=[0, 1], tickformat=".0%"))
    return fig
