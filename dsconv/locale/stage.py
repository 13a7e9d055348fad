"""Strings of the kernel-sliding stage (ui/stage.js draws them; dsconv/figures/stage_image.py for exports)."""

STRINGS = {
    "stage.play": {"en": "Play", "zh": "播放"},
    "stage.pause": {"en": "Pause", "zh": "暂停"},
    "stage.step": {"en": "Step", "zh": "下一步"},
    "stage.back": {"en": "Step back", "zh": "上一步"},
    "stage.first": {"en": "First cell", "zh": "第一个格"},
    "stage.last": {"en": "Last cell", "zh": "最后一个格"},
    "stage.speed": {"en": "Speed", "zh": "速度"},
    "stage.scrub": {"en": "Output cell", "zh": "输出格"},
    "stage.cell": {"en": "cell {f} / {n}", "zh": "第 {f} / {n} 格"},
    "stage.hint": {
        "en": "→ ← or PgDn PgUp: step · space: play/pause · Home End · hover or tap a cell to link it",
        "zh": "→ ← 或 PgDn PgUp：单步 · 空格：播放/暂停 · Home End · 悬停或轻点格子查看对应关系",
    },
    "stage.hint_focus": {"en": "(click the picture first)", "zh": "（先点一下图）"},
    "stage.weights": {"en": "w[{o},{c}]", "zh": "w[{o},{c}]"},
    "stage.products": {"en": "x·w", "zh": "x·w"},
    "stage.eq": {"en": "y[{o},{r},{c}] = Σ partial sums + bias", "zh": "y[{o},{r},{c}] = 部分和之和 + 偏置"},
    "stage.eq_dw": {"en": "y[{o},{r},{c}] = Σ + bias", "zh": "y[{o},{r},{c}] = Σ + 偏置"},
    "stage.chips_pw": {
        "en": "pointwise: all {n} depthwise maps → y[{o}]",
        "zh": "逐点卷积：全部 {n} 张深度卷积特征图 → y[{o}]",
    },
    "stage.weight_counts": {
        "en": "weights: k·k·C_in·C_out = **{std:,}** vs k·k·C_in + C_in·C_out = **{sep:,}** ({pct:.0%})",
        "zh": "权重数：k·k·C_in·C_out = **{std:,}**，对比 k·k·C_in + C_in·C_out = **{sep:,}**（{pct:.0%}）",
    },
    "stage.more_settings": {"en": "More settings", "zh": "更多设置"},
    "stage.export_png": {"en": "Picture (PNG)", "zh": "图片（PNG）"},
    "stage.gif_capped": {
        "en": "The GIF shows the first {shown} of the {total} output cells.",
        "zh": "GIF 只显示 {total} 个输出格中的前 {shown} 个。",
    },
}
