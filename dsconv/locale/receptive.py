"""Strings of the Receptive Field page (keys ``rf.*``)."""

STRINGS = {
    "rf.title": {"en": "Receptive field", "zh": "感受野"},
    "rf.intro": {
        "en": "Stack convolutions and watch how much of the input one output pixel can see: the receptive field (RF).",
        "zh": "堆叠卷积层，观察一个输出像素能“看到”多大范围的输入：这就是感受野（RF）。",
    },
    "rf.preset": {"en": "Preset stack", "zh": "预设层堆叠"},
    "rf.preset.custom": {"en": "Custom", "zh": "自定义"},
    "rf.preset.std3x4": {"en": "Standard 3×3 ×4", "zh": "标准 3×3 ×4"},
    "rf.preset.dil1248": {"en": "Dilated 1-2-4-8", "zh": "空洞 1-2-4-8"},
    "rf.preset.dil2222": {"en": "Dilated 2-2-2-2 (gridding)", "zh": "空洞 2-2-2-2（网格效应）"},
    "rf.preset.hdc125": {"en": "HDC 1-2-5", "zh": "HDC 1-2-5（混合空洞卷积）"},
    "rf.preset.stride2": {"en": "Stride-2 downsampling", "zh": "步幅 2 下采样"},
    "rf.preset.seed_mnist": {"en": "Seed MNIST net", "zh": "教材 MNIST 网络"},
    "rf.layers": {"en": "Number of layers", "zh": "层数"},
    "rf.layer_param": {"en": "{param} of layer {i}", "zh": "第 {i} 层的 {param}"},
    "rf.layer_error": {"en": "Layer {layer}: {message}", "zh": "第 {layer} 层：{message}"},
    "rf.fix_hint": {
        "en": "Change that layer (or the input size) to see the pictures again.",
        "zh": "修改该层（或输入尺寸）后即可重新显示图形。",
    },
    "rf.section_growth": {"en": "1. RF size layer by layer", "zh": "1. 逐层的感受野大小"},
    "rf.chart_title": {"en": "Receptive field size after each layer", "zh": "每一层之后的感受野大小"},
    "rf.curve_current": {"en": "this stack", "zh": "当前堆叠"},
    "rf.curve_dilation1": {"en": "same stack, dilation 1", "zh": "同一堆叠，dilation = 1"},
    "rf.col_layer": {"en": "layer", "zh": "层"},
    "rf.col_out": {"en": "output", "zh": "输出尺寸"},
    "rf.col_rf": {"en": "RF size", "zh": "感受野大小"},
    "rf.col_rf_d1": {"en": "RF (d = 1)", "zh": "感受野 (d = 1)"},
    "rf.col_jump": {"en": "jump", "zh": "跳距 jump"},
    "rf.col_start": {"en": "start", "zh": "起点 start"},
    "rf.table_note": {
        "en": (
            "k = kernel_size, s = stride, d = dilation, p = padding. jump: input pixels between neighbouring outputs "
            "(cumulative stride); start: input coordinate of the centre of output 0's RF (negative = in the padding)."
        ),
        "zh": (
            "k = kernel_size，s = stride，d = dilation，p = padding。jump：相邻输出在输入上相隔的像素数（累计步幅）；"
            "start：输出 0 的感受野中心在输入上的坐标（负数表示落在填充区）。"
        ),
    },
    "rf.input_row": {"en": "input", "zh": "输入"},
    "rf.formulas": {
        "en": (
            "Recurrences for layer l with kernel k, stride s, padding p, dilation d "
            "(effective kernel d(k−1)+1), starting from r₀ = 1, j₀ = 1, start₀ = 0 — "
            "Araujo, Norris & Sim, [Computing Receptive Fields of CNNs](https://distill.pub/2019/computing-receptive-fields/), Distill 2019:"
        ),
        "zh": (
            "第 l 层（卷积核 k、步幅 s、填充 p、空洞率 d，等效卷积核 d(k−1)+1）的递推公式，"
            "初值 r₀ = 1、j₀ = 1、start₀ = 0 —— Araujo, Norris & Sim，"
            "[Computing Receptive Fields of CNNs](https://distill.pub/2019/computing-receptive-fields/)，Distill 2019："
        ),
    },
    "rf.growth_explain": {
        "en": (
            "Each layer adds (effective kernel − 1) × jump pixels to the RF. Dilation enlarges the effective kernel "
            "without adding weights, so with dilations 1-2-4-8 the RF grows exponentially while plain 3×3 layers grow "
            "it only linearly; a stride multiplies the jump, so every later layer grows the RF faster."
        ),
        "zh": (
            "每一层使感受野增加（等效卷积核 − 1）× jump 个像素。空洞卷积在不增加参数的情况下增大等效卷积核，"
            "所以 dilation 为 1-2-4-8 时感受野呈指数增长，而普通 3×3 卷积只线性增长；步幅会放大 jump，"
            "使后面每一层的感受野增长得更快。"
        ),
    },
    "rf.section_coverage": {"en": "2. Coverage map: which input pixels reach one output", "zh": "2. 覆盖图：哪些输入像素影响某个输出"},
    "rf.oy": {"en": "output row (last layer)", "zh": "输出行（最后一层）"},
    "rf.ox": {"en": "output column (last layer)", "zh": "输出列（最后一层）"},
    "rf.one_output": {"en": "The last layer has a single output (1×1).", "zh": "最后一层只有一个输出（1×1）。"},
    "rf.coverage_title": {"en": "Paths from each input pixel to output ({oy}, {ox})", "zh": "每个输入像素到输出 ({oy}, {ox}) 的路径数"},
    "rf.paths": {"en": "paths", "zh": "路径数"},
    "rf.hover_count": {"en": "row %{y}, col %{x}<br>paths: %{customdata:,}", "zh": "行 %{y}，列 %{x}<br>路径数：%{customdata:,}"},
    "rf.hover_share": {
        "en": "row %{y}, col %{x}<br>paths / most paths: %{z:.2f}",
        "zh": "行 %{y}，列 %{x}<br>路径数 / 最大路径数：%{z:.2f}",
    },
    "rf.hover_erf": {"en": "row %{y}, col %{x}<br>%{z:.3f}", "zh": "行 %{y}，列 %{x}<br>%{z:.3f}"},
    "rf.metric_rf": {"en": "theoretical RF", "zh": "理论感受野"},
    "rf.metric_reached": {"en": "input pixels reached", "zh": "被覆盖的输入像素"},
    "rf.metric_holes": {"en": "holes inside the RF", "zh": "感受野内的空洞"},
    "rf.coverage_explain": {
        "en": (
            "Computed exactly: one backward pass through the real `torch.nn.Conv2d` stack with all weights = 1 (float64) "
            "gives, for every input pixel, the number of paths to the chosen output. Grey pixels inside the dashed RF "
            "square are never seen — the gridding problem of repeating the same dilation (try 2-2-2-2, then HDC 1-2-5)."
        ),
        "zh": (
            "精确计算：让全 1 权重（float64）的真实 `torch.nn.Conv2d` 堆叠做一次反向传播，每个输入像素的梯度就是它到所选输出的路径数。"
            "虚线感受野方框内的灰色像素永远不会被看到——这就是重复使用相同空洞率带来的网格效应（gridding，先试 2-2-2-2，再试 HDC 1-2-5）。"
        ),
    },
    "rf.section_animation": {"en": "3. Growth, layer by layer", "zh": "3. 逐层增长"},
    "rf.growth_frame": {
        "en": "After layer {layer}: RF {size}×{size}, unit ({oy}, {ox})",
        "zh": "第 {layer} 层之后：感受野 {size}×{size}，单元 ({oy}, {ox})",
    },
    "rf.play": {"en": "Play", "zh": "播放"},
    "rf.pause": {"en": "Pause", "zh": "暂停"},
    "rf.animation_explain": {
        "en": "Press play or drag the slider: each frame shows the input region of the unit (in that layer) that lies under the chosen output.",
        "zh": "点击播放或拖动滑块：每一帧显示该层中位于所选输出下方的单元所覆盖的输入区域。",
    },
    "rf.section_erf": {"en": "4. Effective receptive field", "zh": "4. 有效感受野"},
    "rf.erf_panel": {"en": "effective RF |∂y/∂x|", "zh": "有效感受野 |∂y/∂x|"},
    "rf.theory_panel": {"en": "theoretical RF ({size}×{size})", "zh": "理论感受野（{size}×{size}）"},
    "rf.erf_explain": {
        "en": (
            "The effective RF (Luo et al., NeurIPS 2016) is the gradient magnitude of the centre output with respect to "
            "the input, here averaged over {seeds} random-weight initialisations of this linear stack ({channels} channels "
            "per layer). As layers are stacked it becomes Gaussian-like and concentrated in the middle, far smaller "
            "than the theoretical square (compare the 8-layer stride-2 stack with the 3-layer HDC 1-2-5, whose ERF still fills its RF)."
        ),
        "zh": (
            "有效感受野（Luo 等，NeurIPS 2016）是中心输出对输入的梯度幅值，这里对该线性堆叠的 {seeds} 组随机权重"
            "（每层 {channels} 个通道）取平均。随着层数增加，它变得近似高斯分布、集中在中间，远小于理论感受野方框"
            "（对比 8 层的步幅 2 堆叠与只有 3 层的 HDC 1-2-5：后者的有效感受野仍几乎填满其感受野）。"
        ),
    },

    # famous networks' receptive fields and the presets that open them
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
}
