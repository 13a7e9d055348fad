"""Figures of the Train page: live training curves (loss and accuracy against the step)."""

from __future__ import annotations

from typing import Sequence

import plotly.graph_objects as go

from dsconv.i18n import t
from dsconv.mnist.training import Progress


def training_curves(curve: Sequence[Progress], lang: str = "en", height: int = 380) -> go.Figure:
    """Training loss (left axis), training and test accuracy (right axis) against the training step."""
    steps = [p for p in curve if p.phase in ("step", "eval")]
    tests = [p for p in curve if p.test_acc is not None]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[p.step for p in steps], y=[p.loss for p in steps], name=t("train.fig.loss", lang),
                             mode="lines", line=dict(color="#d62728")))
    fig.add_trace(go.Scatter(x=[p.step for p in steps], y=[p.train_acc for p in steps], yaxis="y2",
                             name=t("train.fig.train_acc", lang), mode="lines", line=dict(color="#1f77b4")))
    fig.add_trace(go.Scatter(x=[p.step for p in tests], y=[p.test_acc for p in tests], yaxis="y2",
                             name=t("train.fig.test_acc", lang), mode="lines+markers",
                             line=dict(color="#2ca02c", width=3), marker=dict(size=9)))
    total = curve[-1].total_steps if curve else 1
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=1.12),
        xaxis=dict(title=t("train.fig.step", lang), range=[0, total * 1.03]),
        yaxis=dict(title=t("train.fig.loss", lang), rangemode="tozero"),
        yaxis2=dict(title=t("train.fig.accuracy", lang), overlaying="y", side="right", range=[0, 1],
                    tickformat=".0%"),
    )
    return fig
