"""Figures of the Train page: live training curves (loss and accuracy against the step)."""

from __future__ import annotations

import math
from typing import Sequence

import plotly.graph_objects as go

from dsconv.i18n import t
from dsconv.mnist.training import Progress


def accuracy_floor(curve: Sequence[Progress]) -> float:
    """Bottom of the accuracy axis: just under the accuracies after the first tenth of the run, so the curves use
    the height (a 0-100 % axis squashed a 98 % test curve against its top); 0 while there is little to show."""
    total = curve[-1].total_steps if curve else 1
    later = [a for p in curve if p.step > total / 10 for a in (p.train_acc, p.test_acc) if a is not None]
    if len(later) < 2:
        return 0.0
    return max(0.0, min(0.9, math.floor((min(later) - 0.02) * 20) / 20))


def training_curves(curve: Sequence[Progress], lang: str = "en", height: int = 380, font: int = 14) -> go.Figure:
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
    floor = accuracy_floor(curve)
    axis = dict(tickfont=dict(size=font), title_font=dict(size=font + 1))
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=10, b=10), font=dict(size=font),
        legend=dict(orientation="h", y=-0.18, x=0, yanchor="top", font=dict(size=font)),
        xaxis=dict(title=t("train.fig.step", lang), range=[0, total * 1.03], **axis),
        yaxis=dict(title=t("train.fig.loss", lang), rangemode="tozero", **axis),
        yaxis2=dict(title=t("train.fig.accuracy", lang), overlaying="y", side="right", showgrid=False,
                    range=[floor, 1.005], tickformat=".0%", tickmode="linear", tick0=0,
                    dtick=0.01 if floor >= 0.95 else 0.05 if floor >= 0.7 else 0.1 if floor >= 0.4 else 0.2, **axis),
    )
    return fig
