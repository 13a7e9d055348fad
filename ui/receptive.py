"""Streamlit helpers of the Receptive Field page: the famous networks' tables and the phone-proof layer editor."""

from __future__ import annotations

import pandas as pd

from dsconv.i18n import t
from dsconv.lessons_extra.famous import analyse, end_point_name, networks

# On a phone Streamlit stacks columns one under another, which would separate the editor's k/s/d/p header from
# its number inputs (they have collapsed labels). Keep each editor row on one line instead, and drop the +/-
# steppers on narrow screens so the four inputs fit a 390 px screen.
EDITOR_CSS = """
<style>
.st-key-rf_editor [data-testid="stHorizontalBlock"] { flex-wrap: nowrap !important; gap: 0.35rem !important; }
.st-key-rf_editor [data-testid="stColumn"] { min-width: 0 !important; width: auto !important; flex: 1 1 0 !important; }
.st-key-rf_editor [data-testid="stColumn"]:first-child { flex: 0.45 1 0 !important; }
@media (max-width: 640px) {
  .st-key-rf_editor [data-testid="stNumberInput"] button { display: none !important; }
  .st-key-rf_editor [data-testid="stNumberInput"] input { padding-left: 0.4rem !important; padding-right: 0.2rem !important; }
}
</style>
"""


def famous_tables(key: str, size: int, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-layer rows (TF-Slim padding) and the end points' RF, effective stride and padding at ``size``."""
    net = networks()[key]
    rows = analyse(net, size)
    col = lambda name: t(f"rf.famous.col.{name}", lang)  # noqa: E731
    layers = pd.DataFrame([
        {col("name"): r.layer.name, col("kind"): r.layer.kind, "k": r.layer.kernel_size, "s": r.layer.stride,
         col("padding"): str(r.layer.padding), col("out"): r.size_out, col("rf"): r.rf, col("stride"): r.stride,
         col("eff_padding"): r.padding}
        for r in rows
    ])
    ends = pd.DataFrame([
        {col("end_point"): end_point_name(net, r.layer), col("rf"): r.rf, col("stride"): r.stride,
         col("eff_padding"): r.padding}
        for r in rows if r.layer.end_point
    ])
    return layers, ends
