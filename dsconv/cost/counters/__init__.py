"""What the common FLOP counters report for a few convolutions, by running the real libraries.

See :mod:`dsconv.cost.counters.tools`.
"""

from dsconv.cost.counters.tools import TOOLS, ToolFigure, bias_adds, count, rule_figure

__all__ = ["TOOLS", "ToolFigure", "bias_adds", "count", "rule_figure"]
