"""Strings of the Train page, the MNIST loader and the weights loader (keys prefixed ``train.``)."""

STRINGS: dict[str, dict[str, str]] = {
    # weights
    "train.weights.missing": {
        "en": "Weights file not found: {file}. Train it with `python -m dsconv.train` (see README, Training).",
        "zh": "找不到权重文件：{file}。请用 `python -m dsconv.train` 训练生成（见 README 的 Training 一节）。",
    },
    "train.weights.unreadable": {
        "en": "Cannot read weights file {file} (corrupt, truncated or not a safe PyTorch state_dict): {reason}",
        "zh": "无法读取权重文件 {file}（文件损坏、被截断，或不是安全的 PyTorch state_dict）：{reason}",
    },
    "train.weights.unsafe": {
        "en": "Refused to load weights file {file}: it contains Python objects other than tensors (an unsafe pickle).",
        "zh": "拒绝加载权重文件 {file}：其中包含张量以外的 Python 对象（不安全的 pickle）。",
    },
    "train.weights.not_state_dict": {
        "en": "Weights file {file} holds a {kind}, not a state_dict of tensors.",
        "zh": "权重文件 {file} 中是 {kind}，而不是由张量组成的 state_dict。",
    },
    "train.weights.not_finite": {
        "en": "Weights file {file} has NaN or infinite values in {tensor}.",
        "zh": "权重文件 {file} 的 {tensor} 含有 NaN 或无穷大。",
    },
    "train.weights.unknown_model": {
        "en": "Cannot tell which model the weights file {file} belongs to; name it after a model ({models}) or pass --model.",
        "zh": "无法判断权重文件 {file} 属于哪个模型；请按模型名命名（{models}）或指定 --model。",
    },
    "train.weights.mismatch": {
        "en": "Weights file {file} does not fit the model {model}: {reason}",
        "zh": "权重文件 {file} 与模型 {model} 的结构不匹配：{reason}",
    },
}
