"""The counters table of the Cost page: one row per tool, one column per variant, plus the bias rows."""

from __future__ import annotations

from typing import Mapping

from dsconv.cost.counters.tools import TOOLS, ToolFigure, bias_adds, macs
from dsconv.i18n import t

RULE_MARK = "†"


def counter_rows(results: Mapping, figures: Mapping[str, Mapping[str, ToolFigure]], in_shape: tuple[int, int, int],
                 labels: Mapping[str, str], lang: str) -> list[dict[str, str]]:
    """Rows: exact MACs, each tool's figure (``†`` where its documented rule stood in), bias additions and share.

    ``results``: the Cost page's variants (``VariantResult``); ``figures[variant][tool]``; ``labels[variant]``.
    """
    col_tool, col_rule = t("cost.counters.col.tool", lang), t("cost.counters.col.rule", lang)

    def row(tool: str, rule: str, cell) -> dict[str, str]:
        out = {col_tool: tool}
        for variant, res in results.items():
            out[labels[variant]] = cell(variant, res) if res.ok else "—"
        out[col_rule] = rule  # last: the figures stay in view on a narrow screen
        return out

    rows = [row(t("cost.counters.exact", lang), t("cost.counters.rule.exact", lang),
                lambda v, res: f"{macs(res.specs, in_shape):,}")]
    for tool in TOOLS:
        def cell(v, res, tool=tool) -> str:
            fig = figures[v][tool]
            return f"{fig.value:,}" + ("" if fig.source == "ran" else f" {RULE_MARK}")
        rows.append(row(t(f"cost.counters.tool.{tool}", lang), t(f"cost.counters.rule.{tool}", lang), cell))
    rows.append(row(t("cost.counters.bias", lang), t("cost.counters.rule.bias", lang),
                    lambda v, res: f"{bias_adds(res.specs, in_shape):,}"))
    rows.append(row(t("cost.counters.bias_share", lang), t("cost.counters.rule.bias_share", lang),
                    lambda v, res: f"{bias_adds(res.specs, in_shape) / macs(res.specs, in_shape):.2%}"))
    return rows


def depthwise_bias_share(results: Mapping, in_shape: tuple[int, int, int]) -> float | None:
    """Bias additions ÷ MACs of the depthwise half of DW+PW alone (= 1/k² when it has a bias), or None."""
    res = results.get("dw_separable")
    if res is None or not res.ok or not res.specs[0].bias:
        return None
    dw = res.specs[:1]
    return bias_adds(dw, in_shape) / macs(dw, in_shape)
