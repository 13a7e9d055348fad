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
    # MNIST files
    "train.data.unavailable": {
        "en": "MNIST is not available. Put the four files {files} into {directory} (or pass --data DIR). Reason: {reason}",
        "zh": "没有可用的 MNIST 数据。请把四个文件 {files} 放到 {directory}（或用 --data DIR 指定目录）。原因：{reason}",
    },
    "train.data.missing": {
        "en": "missing {missing}",
        "zh": "缺少 {missing}",
    },
    "train.data.bad_checksum": {
        "en": "{file} from {url} has md5 {got}, expected {want} (download discarded)",
        "zh": "从 {url} 下载的 {file} 的 md5 为 {got}，应为 {want}（已丢弃该下载）",
    },
    "train.data.file_missing": {
        "en": "MNIST file not found: {file}",
        "zh": "找不到 MNIST 文件：{file}",
    },
    "train.data.bad_gzip": {
        "en": "MNIST file {file} is not a complete gzip file (corrupt or truncated): {reason}",
        "zh": "MNIST 文件 {file} 不是完整的 gzip 文件（已损坏或被截断）：{reason}",
    },
    "train.data.truncated": {
        "en": "MNIST file {file} is truncated: {got} bytes after decompression, expected {want}",
        "zh": "MNIST 文件 {file} 被截断：解压后 {got} 字节，应为 {want} 字节",
    },
    "train.data.too_long": {
        "en": "MNIST file {file} has extra data: {got} bytes after decompression, expected {want}",
        "zh": "MNIST 文件 {file} 有多余数据：解压后 {got} 字节，应为 {want} 字节",
    },
    "train.data.bad_magic": {
        "en": "MNIST file {file} has magic number {got}, expected {want} (is it the right file?)",
        "zh": "MNIST 文件 {file} 的魔数为 {got}，应为 {want}（文件是否放错了？）",
    },
    "train.data.bad_count": {
        "en": "MNIST file {file} holds {got} items, expected {want}",
        "zh": "MNIST 文件 {file} 含 {got} 个样本，应为 {want} 个",
    },
    "train.data.bad_size": {
        "en": "MNIST file {file} has {got} images, expected {want}",
        "zh": "MNIST 文件 {file} 的图像尺寸为 {got}，应为 {want}",
    },
    "train.data.bad_label": {
        "en": "MNIST file {file} has label {got}; labels must be 0-9",
        "zh": "MNIST 文件 {file} 含标签 {got}；标签必须是 0-9",
    },
}
