"""Strings of a lesson that flows from page to page: training runs that outlive the Train page, Draw's notes
about them, and the layout helpers for projectors and tablets (keys of several areas, added together)."""

STRINGS: dict[str, dict[str, str]] = {
    "train.starting": {"en": "Starting “{label}” …", "zh": "正在开始训练“{label}”……"},
    "train.failed": {
        "en": "Training of “{label}” failed: {reason}",
        "zh": "“{label}”的训练失败了：{reason}",
    },
    "train.keeps_going": {
        "en": "The run keeps going while you visit other pages; come back here to watch it.",
        "zh": "切换到其他页面时训练会继续进行；回到本页即可查看进度。",
    },
    "train.device_cpu": {"en": "CPU {cpu} ({n} {threads})", "zh": "CPU {cpu}（{n} {threads}）"},
    "train.thread": {"en": "thread", "zh": "个线程"},
    "train.threads": {"en": "threads", "zh": "个线程"},
    "rf.jump_coverage": {"en": "↓ Jump to the coverage map", "zh": "↓ 跳到覆盖图"},
    "draw.run_in_progress": {
        "en": "Training “{label}” on the Train page: {pct:.0%} done. It appears in the model list here as soon as it finishes.",
        "zh": "“{label}”正在“在 MNIST 上训练”页训练：已完成 {pct:.0%}。训练完成后会立即出现在这里的模型列表中。",
    },
    "draw.run_ready": {
        "en": "Your trained model “{label}” is ready: pick it in the model list.",
        "zh": "你训练的模型“{label}”已就绪：可在模型列表中选择它。",
    },
}
