"""Strings of the Train page, the MNIST loader and the weights loader (keys prefixed ``train.``)."""

STRINGS: dict[str, dict[str, str]] = {
    # weights
    "train.weights.missing": {
        "en": "Weights file not found: {file}. Train it with `python -m dsconv.mnist.training` (see README, Training).",
        "zh": "找不到权重文件：{file}。请用 `python -m dsconv.mnist.training` 训练生成（见 README 的 Training 一节）。",
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
    # Train page
    "train.intro": {
        "en": "Train a real network on real MNIST handwritten digits, right here. Pick a model, how many passes over the data (epochs) and how many training images; the curves update while it learns.",
        "zh": "在这里用真实的 MNIST 手写数字训练一个真实的网络。选择模型、训练轮数（epoch）和训练图片数量；训练过程中曲线会实时更新。",
    },
    "train.no_data": {
        "en": "The MNIST files are not on this computer yet. Put these four files into `{directory}` (or set `DSCONV_MNIST_DIR` to their folder), or download them below (about 11 MB, needs internet).",
        "zh": "这台电脑上还没有 MNIST 数据文件。请把下面四个文件放到 `{directory}`（或把环境变量 `DSCONV_MNIST_DIR` 设为它们所在的目录），或在下方下载（约 11 MB，需要联网）。",
    },
    "train.download": {"en": "Download MNIST", "zh": "下载 MNIST"},
    "train.model": {"en": "Model", "zh": "模型"},
    "train.builder_model": {"en": "Your network: {label}", "zh": "你搭建的网络：{label}"},
    "train.builder_failed": {
        "en": "Your network from the Model builder cannot be built: {reason}",
        "zh": "无法构建模型搭建页中的网络：{reason}",
    },
    "train.epochs": {"en": "Epochs (passes over the training images)", "zh": "训练轮数 epoch（遍历训练图片的次数）"},
    "train.subset": {"en": "Training images", "zh": "训练图片数量"},
    "train.device": {"en": "Device: {device} · {params} parameters", "zh": "设备：{device} · 参数量 {params}"},
    "train.too_much": {
        "en": "One run may use at most {limit} training images in total (epochs × training images); {epochs} × {subset} = {work}. Lower the epochs or the number of images.",
        "zh": "一次训练最多使用 {limit} 张训练图片（训练轮数 × 训练图片数量）；现在是 {epochs} × {subset} = {work}。请减少训练轮数或图片数量。",
    },
    "train.run": {"en": "Train", "zh": "开始训练"},
    "train.stop": {"en": "Stop", "zh": "停止"},
    "train.stop_help": {
        "en": "Stops the run in progress; the partly trained model is discarded.",
        "zh": "停止正在进行的训练；训练到一半的模型会被丢弃。",
    },
    "train.stopped": {
        "en": "Training of “{label}” stopped before the end; that partly trained model was discarded.",
        "zh": "“{label}”的训练在结束前停止了；这个训练到一半的模型已丢弃。",
    },
    "train.busy": {
        "en": "The server is already training two models for other learners. Try again in a minute.",
        "zh": "服务器正在为其他同学训练两个模型，请稍后再试。",
    },
    "train.progress": {
        "en": "Epoch {epoch}/{epochs} · step {step}/{total} · loss {loss}",
        "zh": "第 {epoch}/{epochs} 轮 · 第 {step}/{total} 步 · 损失 {loss}",
    },
    "train.test_acc": {"en": "Test accuracy (10,000 images)", "zh": "测试准确率（10,000 张）"},
    "train.seconds": {"en": "Training time", "zh": "训练用时"},
    "train.device_used": {"en": "Device used", "zh": "所用设备"},
    "train.done": {
        "en": "Trained “{label}”. Try it on the Draw a digit page (this browser tab keeps it).",
        "zh": "已训练好“{label}”。可以到“手写数字识别”页试一试（当前浏览器标签页会保留它）。",
    },
    "train.shipped": {"en": "Shipped weights (trained with the full recipe)", "zh": "随应用发布的权重（完整训练配方）"},
    "train.col.model": {"en": "Model", "zh": "模型"},
    "train.col.params": {"en": "Parameters", "zh": "参数量"},
    "train.col.macs": {"en": "MACs per image", "zh": "每张图计算量 (MACs)"},
    "train.col.accuracy": {"en": "Test accuracy", "zh": "测试准确率"},
    "train.col.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "train.refined": {
        "en": "⁺ The last step only: these weights were refined from earlier runs (fine-tuned on MNIST plus pen-drawn "
              "digits, or averaged); every step's command is in assets/MODEL_CARD.md and the README's Training section.",
        "zh": "⁺ 仅为最后一步：这些权重是在之前的训练基础上继续得到的（在 MNIST 和笔写数字上微调，或取平均）；"
              "每一步的命令见 assets/MODEL_CARD.md 和 README 的 Training 一节。",
    },
    "train.col.time": {"en": "Training time", "zh": "训练用时"},
    "train.col.time99": {"en": "Time to 99%", "zh": "达到 99% 用时"},
    "train.col.device": {"en": "Device", "zh": "设备"},
    "train.explain": {
        "en": "Each step shows a batch of 128 images, slightly shifted and rotated, and nudges every weight against the gradient of the cross-entropy loss (AdamW with a one-cycle learning rate). The **loss** should fall; **test accuracy** is measured on 10,000 images the network never trained on. Fewer training images train faster but generalise worse.",
        "zh": "每一步取 128 张（随机轻微平移和旋转的）图片，沿交叉熵损失梯度的反方向调整每个权重（AdamW 优化器 + one-cycle 学习率）。**损失**应当下降；**测试准确率**是在网络从未见过的 10,000 张图片上测得的。训练图片越少训练越快，但泛化越差。",
    },
    "train.fig.loss": {"en": "training loss", "zh": "训练损失"},
    "train.fig.train_acc": {"en": "training accuracy", "zh": "训练准确率"},
    "train.fig.test_acc": {"en": "test accuracy", "zh": "测试准确率"},
    "train.fig.step": {"en": "training step", "zh": "训练步数"},
    "train.fig.accuracy": {"en": "accuracy", "zh": "准确率"},

    # the book's training recipe
    "train.recipe": {"en": "Recipe", "zh": "训练方法"},
    "train.recipe.app": {"en": "This app's (AdamW, one-cycle, augmentation)", "zh": "本应用（AdamW、one-cycle、数据增强）"},
    "train.recipe.book": {"en": "The book's (SGD lr=1e-4, no shuffling)", "zh": "教材原样（SGD lr=1e-4，不打乱）"},
    "train.book.last_batch": {"en": "The book would print \"accuracy\": {acc} (its last batch of 128 images).",
                              "zh": "教材会打印\u201c准确率\u201d：{acc}（仅最后一批 128 张图像）。"},
    "train.book.title": {"en": "The book's recipe beside the app's", "zh": "教材的训练方法与本应用对比"},
    "train.book.col.recipe": {"en": "recipe", "zh": "训练方法"},
    "train.book.col.last_batch": {"en": "book's \"accuracy\" (last batch)", "zh": "教材的\u201c准确率\u201d（最后一批）"},
    "train.book.recipe_book": {"en": "book: SGD 1e-4, no shuffling", "zh": "教材：SGD 1e-4，不打乱"},
    "train.book.recipe_app": {"en": "app: AdamW one-cycle, augmented", "zh": "本应用：AdamW one-cycle，数据增强"},
    "train.book.missing": {
        "en": "The book-recipe runs are not in the model card yet: `python -m dsconv.mnist.training --recipe book --model "
              "seed_standard` (42 epochs) and `--model seed_dsconv` (63 epochs) record them.",
        "zh": "模型卡中还没有教材方法的训练记录：运行 `python -m dsconv.mnist.training --recipe book --model seed_standard`"
              "（42 轮）和 `--model seed_dsconv`（63 轮）即可记录。",
    },
    "train.book.why": {
        "en": "They differ because plain SGD with lr = 1e-4 and no momentum takes tiny steps (the app's AdamW with a "
              "one-cycle schedule, shuffled and augmented batches gets there in a few epochs); and the book's printed "
              "\"accuracy\" is measured on one batch of 128 training images, the same last batch every epoch since "
              "nothing is shuffled, so it jumps in steps of 1/128 and says nothing about the 10,000 test images.",
        "zh": "两者不同，是因为不带动量、学习率 1e-4 的普通 SGD 每步走得很小（本应用的 AdamW 配合 one-cycle 学习率、"
              "打乱并增强的批次，几轮就能达到）；而教材打印的\u201c准确率\u201d只在 128 张训练图像的一个批次上计算，"
              "由于从不打乱，每轮都是同一个最后批次，它以 1/128 为步长跳动，对 10,000 张测试图像毫无说明。",
    },
    "train.book.curve_test": {"en": "{name}: test accuracy", "zh": "{name}：测试准确率"},
    "train.book.curve_last": {"en": "{name}: last-batch \"accuracy\"", "zh": "{name}：最后一批\u201c准确率\u201d"},
    "train.book.epoch": {"en": "epoch", "zh": "轮次"},
    # the live speed line while training
    "train.live.rate": {
        "en": "{rate:,.0f} images/s · about {eta:.0f} s left",
        "zh": "每秒 {rate:,.0f} 张图 · 约剩 {eta:.0f} 秒",
    },
}
