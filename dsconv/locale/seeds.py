"""Strings of issue 14: the token DWConv, the 4x4x3 example with Keras, the book's recipe, famous RFs, the FAQ."""

STRINGS: dict[str, dict[str, str]] = {
    # --- home lessons ---
    "home.source.vit_post": {"en": "Blog post: DWConv inside vision transformers", "zh": "博客：视觉 Transformer 中的 DWConv"},
    "home.source.def_post": {"en": "Blog post: the definition of depthwise-separable convolution",
                             "zh": "博客：深度可分离卷积的定义"},
    "home.source.distill": {"en": "Published table: google-research/receptive_field; Araujo et al., Distill 2019",
                            "zh": "公开数据：google-research/receptive_field；Araujo 等，Distill 2019"},
    "home.source.course_comments": {"en": "Course: learners' questions from the comment section",
                                    "zh": "课程：评论区里学员的提问"},
    "home.lesson.tokens.title": {"en": "DWConv on tokens (PVTv2, SegFormer)", "zh": "Token 上的 DWConv（PVTv2、SegFormer）"},
    "home.lesson.tokens.text": {
        "en": "Tokens (B, N, C) are viewed as a map (B, C, H, W), convolved **depthwise** 3×3 (groups = C, padding 1, "
              "no bias) and flattened back. There is no pointwise conv: the transformer's MLP mixes the channels. "
              "The post's code defaults to `dim=666` while its text uses 768.",
        "zh": "Token (B, N, C) 被重排为特征图 (B, C, H, W)，做 3×3 **深度卷积**（groups = C，padding 1，无偏置），"
              "再展平回 Token。这里没有逐点卷积：通道由 Transformer 的 MLP 混合。博客代码默认 `dim=666`，正文却用 768。",
    },
    "home.lesson.example443.title": {"en": "The 4×4×3 worked example, in PyTorch and Keras",
                                     "zh": "4×4×3 算例：PyTorch 与 Keras 对照"},
    "home.lesson.example443.text": {
        "en": "Depthwise 3×3 (valid) turns 4×4×3 into 2×2×3, pointwise 1×1×3×2 gives 2×2×2. Keras is channels-last "
              "(NHWC) and writes `DepthwiseConv2D(depth_multiplier=…)` where PyTorch writes `groups`; the post's "
              "Keras snippet forgets the batch dimension.",
        "zh": "3×3 深度卷积（valid）把 4×4×3 变成 2×2×3，1×1×3×2 逐点卷积得到 2×2×2。Keras 通道在后（NHWC），"
              "用 `DepthwiseConv2D(depth_multiplier=…)` 表达 PyTorch 的 `groups`；博客的 Keras 代码漏了批次维度。",
    },
    "home.lesson.book_recipe.title": {"en": "The book's own training recipe, as printed", "zh": "教材原样的训练方法"},
    "home.lesson.book_recipe.text": {
        "en": "Plain SGD with lr = 1e-4, batches of 128 in file order (no shuffling), 42 epochs for the standard net "
              "and 63 for the DS-dilated net; the printed \"accuracy\" is that of the last batch only. The book leaves "
              "the result to the reader: here are both nets trained exactly that way.",
        "zh": "普通 SGD，学习率 1e-4，按文件顺序取 128 张一批（不打乱），标准网络 42 轮、深度可分离空洞网络 63 轮；"
              "打印的\u201c准确率\u201d只来自最后一个批次。教材把结果留给读者：这里给出两个网络按原方法训练的结果。",
    },
    "home.lesson.famous_rf.title": {"en": "Receptive fields of famous networks", "zh": "经典网络的感受野"},
    "home.lesson.famous_rf.text": {
        "en": "AlexNet, VGG16, MobileNet v1 and ResNet-50 layer by layer at a 224 input, reproducing the published "
              "table: every end point's receptive field, effective stride and effective padding.",
        "zh": "在 224 输入上逐层计算 AlexNet、VGG16、MobileNet v1 和 ResNet-50，与公开表格逐项一致："
              "每个端点的感受野、等效步幅和等效填充。",
    },
    "home.lesson.faq.title": {"en": "Learners' questions, answered", "zh": "学员提问解答"},
    "home.lesson.faq.text": {
        "en": "Why `unsqueeze(0)`, what `groups` really does, a PW conv written with kernel 3, a DW conv with stride 3, "
              "dilation without shrinking, the 6×6 receptive-field figure, and counting FLOPs in PyTorch.",
        "zh": "为什么要 `unsqueeze(0)`、`groups` 到底做了什么、把逐点卷积写成 3×3 会怎样、步幅为 3 的深度卷积、"
              "空洞卷积如何不缩小特征图、6×6 感受野示意图，以及如何在 PyTorch 中统计 FLOPs。",
    },
    "home.fact.tokens_in": {"en": "tokens in (B, N, C)", "zh": "输入 Token (B, N, C)"},
    "home.fact.tokens_map": {"en": "after transpose + view (B, C, H, W)", "zh": "transpose + view 之后 (B, C, H, W)"},
    "home.fact.tokens_out": {"en": "tokens out (B, N, C)", "zh": "输出 Token (B, N, C)"},
    "home.fact.dw_params": {"en": "params (768·3·3)", "zh": "参数量（768·3·3）"},
    "home.fact.tokens_macs": {"en": "MACs (batch of 2)", "zh": "乘加次数（批次为 2）"},
    "home.fact.code_dim": {"en": "code's default dim vs text's", "zh": "代码默认 dim 与正文"},
    "home.fact.input_nhwc": {"en": "input H×W×C", "zh": "输入 H×W×C"},
    "home.fact.dw_output_nhwc": {"en": "depthwise output H×W×C", "zh": "深度卷积输出 H×W×C"},
    "home.fact.output_nhwc": {"en": "pointwise output H×W×C", "zh": "逐点卷积输出 H×W×C"},
    "home.fact.book_lr": {"en": "SGD learning rate", "zh": "SGD 学习率"},
    "home.fact.book_steps": {"en": "steps per epoch (60,000 // 128)", "zh": "每轮步数（60,000 // 128）"},
    "home.fact.book_unused": {"en": "training images never used", "zh": "从未用到的训练图像"},
    "home.fact.book_epochs": {"en": "epochs (standard / DS-dilated)", "zh": "轮数（标准 / 深度可分离空洞）"},
    "home.fact.book_acc_seed_standard": {"en": "test accuracy, standard net", "zh": "测试准确率（标准网络）"},
    "home.fact.book_acc_seed_dsconv": {"en": "test accuracy, DS-dilated net", "zh": "测试准确率（深度可分离空洞网络）"},
    "home.fact.rf_alexnet": {"en": "AlexNet final RF", "zh": "AlexNet 最终感受野"},
    "home.fact.rf_vgg16": {"en": "VGG16 final RF", "zh": "VGG16 最终感受野"},
    "home.fact.rf_mobilenet_v1": {"en": "MobileNet v1 final RF", "zh": "MobileNet v1 最终感受野"},
    "home.fact.rf_resnet50": {"en": "ResNet-50 final RF", "zh": "ResNet-50 最终感受野"},
    "home.fact.effective_stride": {"en": "effective strides", "zh": "等效步幅"},
    "home.fact.faq_unsqueeze": {"en": "x.unsqueeze(0).shape", "zh": "x.unsqueeze(0).shape"},
    "home.fact.faq_pw_k1": {"en": "PW with kernel 1", "zh": "逐点卷积 kernel 1"},
    "home.fact.faq_pw_k3": {"en": "\"PW\" with kernel 3", "zh": "写成 kernel 3 的\u201c逐点卷积\u201d"},
    "home.fact.faq_stride3": {"en": "DW with stride 3", "zh": "步幅 3 的深度卷积"},
    "home.fact.faq_rf": {"en": "RF of the 6×6 figure", "zh": "6×6 示意图的感受野"},
    "home.fact.faq_flops": {"en": "FLOPs of Conv2d(3, 10, 3) = 2 × MACs", "zh": "Conv2d(3, 10, 3) 的 FLOPs = 2 × MACs"},
    "home.link.open_tokens": {"en": "See the reshape, step by step", "zh": "逐步查看形状变换"},
    "home.link.open_example": {"en": "Open the example with PyTorch and Keras code", "zh": "打开算例（PyTorch 与 Keras 代码）"},
    "home.link.open_book_recipe": {"en": "Compare on the Train page", "zh": "在训练页面对比"},
    "home.link.open_rf_alexnet": {"en": "AlexNet on the receptive field page", "zh": "在感受野页面查看 AlexNet"},
    "home.link.open_rf_vgg16": {"en": "VGG16 on the receptive field page", "zh": "在感受野页面查看 VGG16"},
    "home.link.open_rf_mobilenet_v1": {"en": "MobileNet v1 on the receptive field page", "zh": "在感受野页面查看 MobileNet v1"},
    "home.link.open_rf_resnet50": {"en": "ResNet-50 on the receptive field page", "zh": "在感受野页面查看 ResNet-50"},
    "home.link.faq.batch": {"en": "Why unsqueeze(0)? Why x.shape[1]?", "zh": "为什么 unsqueeze(0)？为什么是 x.shape[1]？"},
    "home.link.faq.groups": {"en": "What does groups really do?", "zh": "groups 到底做了什么？"},
    "home.link.faq.pw_k3": {"en": "PW written with kernel 3", "zh": "把逐点卷积写成 kernel 3"},
    "home.link.faq.dw_stride3": {"en": "DW with stride 3", "zh": "步幅为 3 的深度卷积"},
    "home.link.faq.dilation_size": {"en": "Dilation: does the map not shrink?", "zh": "空洞卷积：特征图不会变小吗？"},
    "home.link.faq.rf_figure": {"en": "The 6×6 receptive-field figure", "zh": "6×6 感受野示意图"},
    "home.link.faq.flops": {"en": "Counting FLOPs in PyTorch", "zh": "在 PyTorch 中统计 FLOPs"},
    # --- FAQ page ---
    "nav.faq": {"en": "Worked examples & FAQ", "zh": "算例与答疑"},
    "home.map.faq": {"en": "The token DWConv, the 4×4×3 example with Keras code, and learners' questions answered.",
                     "zh": "Token 上的 DWConv、4×4×3 算例（含 Keras 代码），以及学员提问解答。"},
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
    # --- Receptive Field page: famous networks ---
    "rf.preset.alexnet": {"en": "AlexNet", "zh": "AlexNet"},
    "rf.preset.vgg16": {"en": "VGG16", "zh": "VGG16"},
    "rf.preset.mobilenet_v1": {"en": "MobileNet v1", "zh": "MobileNet v1"},
    "rf.preset.resnet50": {"en": "ResNet-50", "zh": "ResNet-50"},
    "rf.famous.alexnet.about": {
        "en": "TF-Slim alexnet_v2: conv1 11×11 stride 4, 3×3 stride-2 max pools, 5×5 and 3×3 convs (pools count "
              "like convs of their size and stride). Read-only: choose Custom to edit a stack.",
        "zh": "TF-Slim alexnet_v2：conv1 为 11×11、步幅 4，3×3 步幅 2 的最大池化，以及 5×5 和 3×3 卷积（池化按其尺寸和步幅"
              "像卷积一样计入）。只读：选择“自定义”可编辑层堆叠。",
    },
    "rf.famous.vgg16.about": {
        "en": "TF-Slim vgg_16: 13 3×3 convs in 5 groups, each followed by a 2×2 stride-2 max pool. Read-only: choose "
              "Custom to edit a stack.",
        "zh": "TF-Slim vgg_16：5 组共 13 个 3×3 卷积，每组后接 2×2、步幅 2 的最大池化。只读：选择“自定义”可编辑。",
    },
    "rf.famous.mobilenet_v1.about": {
        "en": "TF-Slim mobilenet_v1: a 3×3 stride-2 conv, then 13 depthwise 3×3 + pointwise 1×1 pairs (27 layers; "
              "the 1×1 convs do not enlarge the field). Read-only: choose Custom to edit a stack.",
        "zh": "TF-Slim mobilenet_v1：一个 3×3、步幅 2 的卷积，然后是 13 组 3×3 深度卷积 + 1×1 逐点卷积（共 27 层；"
              "1×1 卷积不扩大感受野）。只读：选择“自定义”可编辑。",
    },
    "rf.famous.resnet50.about": {
        "en": "TF-Slim resnet_v1_50 along its longest path: conv1 7×7 stride 2, a 3×3 stride-2 max pool, then the 3×3 "
              "conv of each of the 16 bottleneck units (1×1 convs and shortcuts do not enlarge the field; Slim strides "
              "the last unit of blocks 1-3, torchvision's ResNet-50 the first, which gives 427 instead of 483). "
              "Read-only: choose Custom to edit a stack.",
        "zh": "TF-Slim resnet_v1_50 的最长路径：conv1 为 7×7、步幅 2，3×3 步幅 2 的最大池化，然后是 16 个瓶颈单元各自的 "
              "3×3 卷积（1×1 卷积和捷径不扩大感受野；Slim 在第 1-3 个块的最后一个单元下采样，torchvision 的 ResNet-50 "
              "在第一个单元，因此得到 427 而不是 483）。只读：选择“自定义”可编辑。",
    },
    "rf.famous.section": {"en": "{name} layer by layer at a {size} px input", "zh": "{name} 逐层计算（输入 {size} 像素）"},
    "rf.famous.note": {
        "en": "Padding as in TF-Slim: SAME pads the smaller half first, so at 224 a stride-2 SAME layer pads 0 on the "
              "left; the table above uses PyTorch's symmetric k // 2, which moves start by half a pixel but leaves the "
              "receptive field and the effective stride unchanged. These end points reproduce the table of "
              "google-research/receptive_field (Araujo et al., Distill 2019).",
        "zh": "填充按 TF-Slim：SAME 先在较小的一侧填充，所以 224 输入上步幅 2 的 SAME 层左侧填充 0；上表使用 PyTorch 的对称 "
              "k // 2，起点 start 相差半个像素，但感受野和等效步幅不变。这些端点与 google-research/receptive_field "
              "的表格（Araujo 等，Distill 2019）一致。",
    },
    "rf.famous.col.name": {"en": "layer", "zh": "层"},
    "rf.famous.col.kind": {"en": "kind", "zh": "类型"},
    "rf.famous.col.padding": {"en": "padding", "zh": "填充"},
    "rf.famous.col.out": {"en": "output", "zh": "输出尺寸"},
    "rf.famous.col.rf": {"en": "RF", "zh": "感受野"},
    "rf.famous.col.stride": {"en": "effective stride", "zh": "等效步幅"},
    "rf.famous.col.eff_padding": {"en": "effective padding", "zh": "等效填充"},
    "rf.famous.col.end_point": {"en": "end point", "zh": "端点"},
    "rf.coverage_limited": {
        "en": "The exact coverage map, its animation and the effective receptive field are drawn for stacks up to "
              "{budget} input pixels × layers; this one has {size}×{size} × {layers} = {work}. The table and the growth "
              "chart above are exact at any size.",
        "zh": "精确覆盖图、其动画和有效感受野只对“输入像素 × 层数”不超过 {budget} 的层堆叠绘制；当前为 {size}×{size} × "
              "{layers} = {work}。上面的表格和增长曲线在任何尺寸下都是精确的。",
    },
    # --- Train page: the book's recipe ---
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
    # --- Playground / Builder Keras code ---
    "code.pytorch": {"en": "PyTorch", "zh": "PyTorch"},
    "code.keras": {"en": "Keras 3", "zh": "Keras 3"},
    "code.keras_note": {"en": "Keras is channels-last (NHWC): shapes print as (batch, H, W, C).",
                        "zh": "Keras 通道在后（NHWC）：形状打印为 (批次, 高, 宽, 通道)。"},
}
