"""Strings of the Train page's shipped-weights table: how each model was made, validation figures (``train.made.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "train.col.validation": {"en": "Validation (MNIST / pen digits)", "zh": "验证集（MNIST / 笔写数字）"},
    "train.col.made": {"en": "How it was made", "zh": "训练方式"},
    "train.made.scratch": {
        "en": "from scratch in one run: {epochs} epochs, {minutes:.0f} min on {device}",
        "zh": "一次从零训练：{epochs} 轮，在 {device} 上用时 {minutes:.0f} 分钟",
    },
    "train.made.book": {
        "en": "the book's recipe as printed: {epochs} epochs, {minutes:.0f} min on {device}",
        "zh": "教材原样配方：{epochs} 轮，在 {device} 上用时 {minutes:.0f} 分钟",
    },
    "train.made.refined": {
        "en": "last step of a longer history (fine-tune or average)",
        "zh": "较长训练过程的最后一步（微调或取平均）",
    },
    "train.made.run": {
        "en": "one run: {epochs} epochs, {minutes:.0f} min on {device}",
        "zh": "一次训练：{epochs} 轮，在 {device} 上用时 {minutes:.0f} 分钟",
    },
    "train.made.caption": {
        "en": "Validation: the last 5,000 MNIST training images and 4 held-out pen-digit training writers; every "
              "choice was made on them. Test accuracy: the 10,000 MNIST test images, read once after the choice. "
              "Each model's command is in assets/MODEL_CARD.md.",
        "zh": "验证集：MNIST 训练集的最后 5,000 张图和 4 位留出的笔写数字训练书写者；所有选择都在验证集上做出。"
              "测试准确率：10,000 张 MNIST 测试图，在做出选择之后只读一次。每个模型的命令见 assets/MODEL_CARD.md。",
    },
}
