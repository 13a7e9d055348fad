"""Strings of the FAQ page (keys ``faq.*``): the learners' questions, answered with figures and runnable code."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.faq": {"en": "Worked examples & FAQ", "zh": "算例与答疑"},
    "faq.title": {"en": "Worked examples & FAQ", "zh": "算例与答疑"},
    "faq.intro": {"en": "Every number on this page is computed by running the real PyTorch layers.",
                  "zh": "本页每个数字都由实际运行 PyTorch 层得到。"},
    "faq.topic": {"en": "Topic", "zh": "主题"},
    "faq.topic.tokens": {"en": "DWConv on tokens", "zh": "Token 上的 DWConv"},
    "faq.topic.example": {"en": "4×4×3 example", "zh": "4×4×3 算例"},
    "faq.topic.batch": {"en": "unsqueeze(0)", "zh": "unsqueeze(0)"},
    "faq.topic.groups": {"en": "groups", "zh": "groups"},
    "faq.topic.pw_k3": {"en": "PW with kernel 3", "zh": "kernel 3 的逐点卷积"},
    "faq.topic.dw_stride3": {"en": "stride 3", "zh": "步幅 3"},
    "faq.topic.dilation_size": {"en": "dilation & size", "zh": "空洞与尺寸"},
    "faq.topic.rf_figure": {"en": "6×6 RF figure", "zh": "6×6 感受野图"},
    "faq.topic.flops": {"en": "FLOPs", "zh": "FLOPs"},
    "faq.fig.tokens": {"en": "tokens x[0]: N = {n} rows × C = {c} (first {shown} shown)",
                       "zh": "Token x[0]：N = {n} 行 × C = {c}（显示前 {shown} 列）"},
    "faq.fig.map": {"en": "channel 0 after view: an H×W = {h}×{w} map of token indices",
                    "zh": "view 之后的通道 0：H×W = {h}×{w} 的 Token 序号图"},
    "faq.col.step": {"en": "step", "zh": "步骤"},
    "faq.col.shape": {"en": "shape", "zh": "形状"},
    "faq.tokens.explain": {
        "en": "The block keeps N and C: padding 1 keeps H×W, groups = C gives one 3×3 filter per channel "
              "(weight {weight}, **{params:,}** params = {formula}; {macs:,} MACs for the batch). It mixes neighbouring "
              "tokens, not channels: a pointwise 1×1 conv would add {pw:,} params, and the MLP around it already "
              "mixes channels. The post's code defaults to `dim={code_dim}`, its text uses {text_dim}: with dim=666 "
              "the view fails on 768-channel tokens. Used in PVTv2 and in SegFormer's Mix-FFN (Linear → DWConv → GELU → Linear).",
        "zh": "该模块保持 N 和 C：padding 1 保持 H×W，groups = C 让每个通道一个 3×3 卷积核（权重 {weight}，"
              "**{params:,}** 个参数 = {formula}；该批次 {macs:,} 次乘加）。它混合相邻 Token，而不混合通道：若加 1×1 "
              "逐点卷积要多 {pw:,} 个参数，而外围的 MLP 已经负责混合通道。博客代码默认 `dim={code_dim}`，正文用 {text_dim}："
              "dim=666 时无法处理 768 通道的 Token。用于 PVTv2 和 SegFormer 的 Mix-FFN（Linear → DWConv → GELU → Linear）。",
    },
    "faq.grid_error": {"en": "N = {n} tokens are not an H×W = {h}×{w} grid: `view` needs N = H·W.",
                       "zh": "N = {n} 个 Token 无法排成 H×W = {h}×{w} 的网格：`view` 要求 N = H·W。"},
    "faq.example.explain": {
        "en": "PyTorch stores images as NCHW (batch, channels, height, width); Keras as NHWC (batch, height, width, "
              "channels), so the same 2×2×2 output prints as (1, 2, 2, 2) in both but means different axes. "
              "PyTorch's `groups = in_channels` is Keras's `DepthwiseConv2D(depth_multiplier=m)` "
              "(out = m · in); `SeparableConv2D` is DW + PW in one layer, without a bias between them "
              "({keras_sep} params vs {torch_sep} for PyTorch's two convs with bias here).",
        "zh": "PyTorch 以 NCHW（批次、通道、高、宽）存储图像，Keras 以 NHWC（批次、高、宽、通道）存储，"
              "同样的 2×2×2 输出在两边都打印为 (1, 2, 2, 2)，但各轴含义不同。PyTorch 的 `groups = in_channels` 对应 "
              "Keras 的 `DepthwiseConv2D(depth_multiplier=m)`（输出 = m · 输入通道）；`SeparableConv2D` 把深度卷积和"
              "逐点卷积合成一层，两者之间没有偏置（此处 {keras_sep} 个参数，PyTorch 两个带偏置的卷积为 {torch_sep} 个）。",
    },
    "faq.example.batch_fix": {
        "en": "The post feeds `tf.random.normal((4, 4, 3))`: a conv layer needs a batch dimension, so Keras raises "
              "the error below. The fix: shape (1, 4, 4, 3) (or `x[None]`, like PyTorch's `unsqueeze(0)`).",
        "zh": "博客直接输入 `tf.random.normal((4, 4, 3))`：卷积层需要批次维度，Keras 会报下面的错误。"
              "修正：使用形状 (1, 4, 4, 3)（或 `x[None]`，相当于 PyTorch 的 `unsqueeze(0)`）。",
    },
    "faq.keras_error": {"en": "Keras (run on its torch backend) says: {message}", "zh": "Keras（torch 后端）报错：{message}"},
    "faq.keras_missing": {"en": "Keras is not installed here: the Keras code is shown but not run.",
                          "zh": "此处未安装 Keras：只显示 Keras 代码，不运行。"},
    "faq.pytorch": {"en": "PyTorch (NCHW)", "zh": "PyTorch（NCHW）"},
    "faq.keras": {"en": "Keras 3 (NHWC)", "zh": "Keras 3（NHWC）"},
    "faq.shapes": {"en": "Shapes printed by PyTorch: {shapes}", "zh": "PyTorch 打印的形状：{shapes}"},
    "faq.batch.answer": {
        "en": "A conv layer works on a **batch**: NCHW = (batch, channels, H, W). `x.unsqueeze(0)` turns one image "
              "{image} into a batch of one {batched}; then `x.shape[1]` is the channel count (**{channels}**). "
              "Without the batch dimension `x.shape[1]` is the height ({second}), not the channels. (Recent PyTorch "
              "also accepts one unbatched image: {unbatched} instead of {batched_out}.)",
        "zh": "卷积层处理的是一个**批次**：NCHW = (批次, 通道, 高, 宽)。`x.unsqueeze(0)` 把单张图像 {image} 变成只含一张的批次 "
              "{batched}；这时 `x.shape[1]` 就是通道数（**{channels}**）。没有批次维度时 `x.shape[1]` 是高度（{second}），"
              "不是通道数。（较新的 PyTorch 也接受单张无批次图像：输出 {unbatched}，而不是 {batched_out}。）",
    },
    "faq.groups.answer": {
        "en": "`groups` splits the input channels and the output channels into that many groups; output group *g* "
              "is computed only from input group *g*. Both channel counts must be divisible by `groups` (torch: "
              "\"{error}\"). Conv2d({cin}, {cout}, 3, groups={groups}): weight {weight}: each filter has "
              "{per_group} input channels. Measured with gradients, the input channels each output channel sees:",
        "zh": "`groups` 把输入通道和输出通道各分成同样多的组；第 *g* 组输出只由第 *g* 组输入计算。两个通道数都必须能被 "
              "`groups` 整除（torch 报错：\"{error}\"）。Conv2d({cin}, {cout}, 3, groups={groups})：权重 {weight}，"
              "每个卷积核只有 {per_group} 个输入通道。用梯度实测每个输出通道看到的输入通道：",
    },
    "faq.groups.row": {"en": "output channel {o} ← input channels {seen}", "zh": "输出通道 {o} ← 输入通道 {seen}"},
    "faq.pw_k3.answer": {
        "en": "After the 3×3 depthwise conv the map is {dw}. A pointwise conv has kernel 1: {k1} ({p1} params). "
              "Written with kernel 3 (no padding) it is a full 3×3 conv: {k3} ({p3} params), 2 pixels smaller "
              "and 7× the parameters.",
        "zh": "3×3 深度卷积之后特征图是 {dw}。逐点卷积的卷积核是 1：得到 {k1}（{p1} 个参数）。若写成 kernel 3（无填充），"
              "它就成了完整的 3×3 卷积：得到 {k3}（{p3} 个参数），小 2 个像素，参数量为 7 倍。",
    },
    "faq.dw_stride3.answer": {
        "en": "A depthwise 3×3 conv with stride 3 on 3×128×128: {formula}, output **{out}**: the kernel jumps 3 "
              "pixels, so the windows tile the map without overlap (the last 2 columns are never used).",
        "zh": "在 3×128×128 上做步幅 3 的 3×3 深度卷积：{formula}，输出 **{out}**：卷积核每次跳 3 个像素，"
              "窗口互不重叠地铺满特征图（最后 2 列从未被用到）。",
    },
    "faq.dilation_size.answer": {
        "en": "Dilation spreads the 3 taps of the kernel over d(k−1)+1 pixels, so without padding the map shrinks "
              "more. With **padding = dilation** a 3×3 kernel keeps the size while the receptive field grows "
              "(128×128 input, computed by torch):",
        "zh": "空洞把卷积核的 3 个点分布到 d(k−1)+1 个像素上，所以不加填充时特征图缩得更多。当 **padding = dilation** 时，"
              "3×3 卷积保持尺寸不变，而感受野变大（输入 128×128，由 torch 计算）：",
    },
    "faq.dilation_size.row": {"en": "dilation {d}, padding {p}: output {out}×{out}, receptive field {rf}",
                              "zh": "dilation {d}，padding {p}：输出 {out}×{out}，感受野 {rf}"},
    "faq.rf_figure.answer": {
        "en": "In the figure a 6×6 input goes through two 3×3 convs: sizes {sizes}. One output of the second layer "
              "sees a 3×3 window of the first layer, and each of those sees 3×3 inputs shifted by one: together "
              "input rows and columns {first}–{last}, a **{rf}×{rf}** square ({counted} pixels with a non-zero "
              "gradient, measured). RF per layer: {per_layer}.",
        "zh": "图中 6×6 输入经过两个 3×3 卷积：尺寸 {sizes}。第二层的一个输出看到第一层的 3×3 窗口，而每个位置又看到"
              "错开一格的 3×3 输入：合起来是输入的第 {first}–{last} 行和列，一个 **{rf}×{rf}** 的正方形（实测 {counted} "
              "个像素梯度非零）。逐层感受野：{per_layer}。",
    },
    "faq.flops.answer": {
        "en": "`torch.utils.flop_counter.FlopCounterMode` counts FLOPs of the real forward pass; a multiply-accumulate "
              "(MAC) is 2 FLOPs, so FLOPs = 2 × the MACs this app shows (input 1×3×128×128):",
        "zh": "`torch.utils.flop_counter.FlopCounterMode` 统计真实前向传播的 FLOPs；一次乘加（MAC）是 2 个 FLOPs，"
              "所以 FLOPs = 2 × 本应用显示的 MACs（输入 1×3×128×128）：",
    },
    "faq.flops.row": {"en": "{layer}: {flops:,} FLOPs = 2 × {macs:,} MACs", "zh": "{layer}：{flops:,} FLOPs = 2 × {macs:,} MACs"},
    "faq.open_rf": {"en": "Open the 6×6 figure on the receptive field page", "zh": "在感受野页面打开 6×6 示意图"},
    "faq.open_playground_dil": {"en": "Try it in the playground (8×8, dilation 2, padding 2)",
                                "zh": "在卷积演练场中试试（8×8，dilation 2，padding 2）"},
    "faq.open_cost": {"en": "Open the course exercise's costs", "zh": "打开课程练习的计算量"},
}
