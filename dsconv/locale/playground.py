"""Strings of the Convolution Playground page (keys ``pg.*``)."""

STRINGS: dict[str, dict[str, str]] = {
    "pg.title": {"en": "Convolution playground", "zh": "卷积演练场"},
    "pg.intro": {
        "en": "Set a `nn.Conv2d`, watch its kernel slide over a small real example, and see how `groups` wires the channels and what it costs.",
        "zh": "设置一个 `nn.Conv2d`，看卷积核在一个小的真实例子上滑动，并观察 `groups` 如何连接通道、代价是多少。",
    },
    "pg.gfree": {"en": "Type any groups", "zh": "自由输入 groups"},
    "pg.gfree_help": {
        "en": "Type any value, even an illegal one, to see which rule it breaks.",
        "zh": "可以输入任意值（包括非法值），看它违反了哪条规则。",
    },
    "pg.gtyped": {"en": "groups (typed)", "zh": "groups（手动输入）"},
    "pg.dws": {"en": "Depthwise-separable", "zh": "深度可分离"},
    "pg.dws_help": {
        "en": "Replace the conv by a depthwise conv (groups = in_channels) followed by a 1x1 pointwise conv.",
        "zh": "把卷积换成深度卷积（groups = in_channels）加 1x1 逐点卷积。",
    },
    "pg.dws_groups_note": {
        "en": "Depthwise-separable mode: the depthwise stage uses groups = in_channels = {cin}; the groups control is not used.",
        "zh": "深度可分离模式：深度卷积使用 groups = in_channels = {cin}；groups 控件此时不起作用。",
    },
    "pg.sec.sliding": {"en": "Kernel sliding", "zh": "卷积核滑动"},
    "pg.sec.wiring": {"en": "Groups wiring", "zh": "分组连接"},
    "pg.sec.cost": {"en": "Shapes and counts", "zh": "形状与参数量、计算量"},
    "pg.sec.code": {"en": "PyTorch code", "zh": "PyTorch 代码"},
    "pg.sliding_caption": {
        "en": "Input values are integers 0–9 and weights one-decimal numbers in [−1, 1] (seed 0). The sum shown for each cell equals `torch.nn.functional.conv2d` at that cell. Grey hatched cells are padding (zeros); the dotted box is the kernel's extent, red squares its taps.",
        "zh": "输入为 0–9 的整数，权重为 [−1, 1] 内一位小数（随机种子 0）。每个格子显示的和等于 `torch.nn.functional.conv2d` 在该位置的输出。灰色斜线格是填充（0）；虚线框是卷积核覆盖范围，红色方块是卷积核的采样点。",
    },
    "pg.sliding_dilated": {
        "en": "With dilation {d} neighbouring taps are {d} cells apart: the {k}×{k} kernel covers {e}×{e} cells but reads only {k}² of them (the gaps are skipped).",
        "zh": "dilation 为 {d} 时，相邻采样点相隔 {d} 格：{k}×{k} 的卷积核覆盖 {e}×{e} 个格子，但只读取其中 {k}² 个（空隙被跳过）。",
    },
    "pg.sliding_conv": {
        "en": "Each tile is one input channel that output channel {o} reads ({n} in its group), with the kernel's taps on it, that channel's k×k weight slice, the products x·w and their sum Σ; the output cell is the sum of those partial sums plus the bias.",
        "zh": "每个小块是输出通道 {o} 读取的一个输入通道（其组内共 {n} 个），上面标出卷积核的采样点，旁边是该通道的 k×k 权重切片、乘积 x·w 及其和 Σ；输出格的值等于这些部分和之和再加偏置。",
    },
    "pg.sliding_dw": {
        "en": "Stage 1, depthwise: all {cin} channels are filtered at once, each by its own k×k filter (groups = in_channels), giving {cin} maps; no channel is mixed with another.",
        "zh": "第 1 步，深度卷积：{cin} 个通道同时被各自的 k×k 卷积核滤波（groups = in_channels），得到 {cin} 张特征图；通道之间不混合。",
    },
    "pg.sliding_pw": {
        "en": "Stage 2, pointwise: a 1×1×{cin} kernel visits each pixel of the {cin} depthwise maps and mixes their values into output channel {o} (one of {cout}, each with its own 1×1×{cin} kernel).",
        "zh": "第 2 步，逐点卷积：一个 1×1×{cin} 的卷积核逐个像素地访问 {cin} 张深度卷积特征图，把这些值混合成输出通道 {o}（共 {cout} 个输出通道，各有自己的 1×1×{cin} 卷积核）。",
    },
    "pg.sliding_capped": {
        "en": "The animation shows the first {shown} of the {total} output cells to stay small.",
        "zh": "为保持动画轻量，只显示 {total} 个输出格中的前 {shown} 个。",
    },
    "pg.anim.slow": {"en": "▶ slow", "zh": "▶ 慢"},
    "pg.anim.play": {"en": "▶ play", "zh": "▶ 播放"},
    "pg.anim.fast": {"en": "▶▶ fast", "zh": "▶▶ 快"},
    "pg.anim.pause": {"en": "❚❚ pause", "zh": "❚❚ 暂停"},
    "pg.wire.input": {"en": "input ch.", "zh": "输入通道"},
    "pg.wire.output": {"en": "output ch.", "zh": "输出通道"},
    "pg.wire.dw": {"en": "depthwise", "zh": "深度卷积"},
    "pg.wire.pw": {"en": "pointwise", "zh": "逐点卷积"},
    "pg.wire.matrix": {"en": "weight {shape}: out × in", "zh": "权重 {shape}：输出 × 输入"},
    "pg.wire.matrix_dw": {"en": "DW {shape}", "zh": "DW {shape}"},
    "pg.wire.matrix_pw": {"en": "PW {shape}", "zh": "PW {shape}"},
    "pg.wiring_caption": {
        "en": "With groups = {g}, in_channels split into {g} groups of {per_in} and out_channels into {g} groups of {per_out}: each output channel sees only the {per_in} input channels of its group, so the weight is (out, in/groups, k, k) = {shape}. Blank cells of the matrix are weights that do not exist.",
        "zh": "groups = {g} 时，输入通道分成 {g} 组、每组 {per_in} 个，输出通道分成 {g} 组、每组 {per_out} 个：每个输出通道只看本组的 {per_in} 个输入通道，所以权重形状为 (out, in/groups, k, k) = {shape}。矩阵中的空白处是不存在的权重。",
    },
    "pg.wiring_caption_dws": {
        "en": "Depthwise: each of the {cin} channels gets its own k×k filter (groups = in_channels). Pointwise: a 1x1 conv connects every channel to each of the {cout} outputs.",
        "zh": "深度卷积：{cin} 个通道各自有一个 k×k 卷积核（groups = in_channels）。逐点卷积：1x1 卷积把每个通道连接到 {cout} 个输出。",
    },
    "pg.cost.chosen": {"en": "your conv", "zh": "当前卷积"},
    "pg.cost.chosen_dws": {"en": "DW + PW", "zh": "DW + PW"},
    "pg.cost.standard": {"en": "standard counterpart", "zh": "对应的标准卷积"},
    "pg.cost.ratio": {"en": "ratio (yours / standard)", "zh": "比值（当前 / 标准）"},
    "pg.cost.of_standard": {"en": "{pct:.1%} of standard", "zh": "为标准卷积的 {pct:.1%}"},
    "pg.cost.layer": {"en": "layer", "zh": "层"},
    "pg.cost.standard_note": {
        "en": "Standard counterpart: groups = 1, dilation = 1 and kernel_size = {e} (the same {e}×{e} extent as your kernel, so the output shape is the same), same stride and padding.",
        "zh": "对应的标准卷积：groups = 1、dilation = 1，kernel_size = {e}（与当前卷积核覆盖范围 {e}×{e} 相同，因此输出形状相同），stride 和 padding 不变。",
    },
    "pg.cost.formula": {
        "en": "MobileNet's ratio for DW+PW vs. a standard k×k conv: 1/N + 1/k² = 1/{n} + 1/{k}² = {ratio:.4f}",
        "zh": "MobileNet 给出的深度可分离卷积与标准 k×k 卷积之比：1/N + 1/k² = 1/{n} + 1/{k}² = {ratio:.4f}",
    },
    "pg.cost.formula_dilated": {
        "en": "(This equals the measured ratio when dilation = 1; with dilation {d} the counterpart above is a dense {e}×{e} kernel, which costs more.)",
        "zh": "（dilation = 1 时它等于上表实测比值；dilation 为 {d} 时上面的对应标准卷积是 {e}×{e} 的稠密卷积核，代价更大。）",
    },
    "pg.cost.explain": {
        "en": "MACs = out_channels · H_out · W_out · (in_channels / groups) · k²: each output value is one dot product over (in/groups)·k² weights. Parameters add one bias per output channel.",
        "zh": "MACs = out_channels · H_out · W_out · (in_channels / groups) · k²：每个输出值是对 (in/groups)·k² 个权重的一次点积。参数量另加每个输出通道一个偏置。",
    },
    "pg.explain": {
        "en": "Output size per side: ⌊(H + 2·padding − dilation·(k−1) − 1) / stride⌋ + 1. Dilation spreads the k taps over dilation·(k−1)+1 cells without adding weights; groups cut the weights and MACs by the factor groups.",
        "zh": "每边的输出尺寸：⌊(H + 2·padding − dilation·(k−1) − 1) / stride⌋ + 1。空洞（膨胀）把 k 个采样点分散到 dilation·(k−1)+1 个格子上而不增加权重；分组卷积让参数量和计算量都除以 groups。",
    },
    "pg.fix_hint": {
        "en": "Change the controls above to a legal setting; the rest of the page shows the last explanation.",
        "zh": "请把上面的控件调到合法的设置。",
    },
    # multi-channel sliding (dsconv.figures.channels)
    "ch.chips": {
        "en": "group {g} of {groups} (ch. {first}–{last}) → y[{o}]; faded = other groups, not read",
        "zh": "第 {g} 组（共 {groups} 组，通道 {first}–{last}）→ y[{o}]；淡色 = 其他组，不参与计算",
    },
    "ch.chips_dw": {
        "en": "groups = in_channels = {n}: each channel is its own group, with its own filter",
        "zh": "groups = in_channels = {n}：每个通道自成一组，各用自己的卷积核",
    },
    "ch.tile": {"en": "input ch. {ch}", "zh": "输入通道 {ch}"},
    "ch.tile_pw": {"en": "depthwise map {ch}", "zh": "深度卷积特征图 {ch}"},
    "ch.tile_dw": {"en": "ch. {ch} → y[{ch}]", "zh": "通道 {ch} → y[{ch}]"},
    "ch.w": {"en": "w[{o},{c}]", "zh": "w[{o},{c}]"},
    "ch.out": {"en": "y[{o}] ({h}×{w})", "zh": "y[{o}]（{h}×{w}）"},
    "ch.partial": {"en": "Σ = {s}", "zh": "Σ = {s}"},
    "ch.more": {"en": "+{n} more ({first}–{last}):<br>summed, not drawn", "zh": "另有 {n} 个（{first}–{last}）：<br>已计入总和，未画出"},
    "ch.more_sum": {"en": "{n} more: {s}", "zh": "另 {n} 个：{s}"},
    "ch.ch": {"en": "ch.", "zh": "通道"},
    "ch.cell": {"en": "output cell", "zh": "输出位置"},
    "ch.arith": {
        "en": "{target} = the {n} channels' partial sums Σ x·w + bias:",
        "zh": "{target} = {n} 个通道的部分和 Σ x·w + 偏置：",
    },
    "ch.arith_dw": {
        "en": "every channel alone (no mixing): y[c, r, col] = Σ x·w over channel c + bias",
        "zh": "每个通道单独计算（不混合）：y[c, r, col] = 通道 c 上的 Σ x·w + 偏置",
    },
    "pg.watch": {"en": "watch output channel", "zh": "观察的输出通道"},
    "pg.watch_help": {
        "en": "The output channel whose cells the animation computes; its group decides which input channels it reads.",
        "zh": "动画计算的是这个输出通道；它所在的组决定它读取哪些输入通道。",
    },
    "pg.groups_stepper": {
        "en": "groups: from 1 (standard) to in_channels (depthwise)",
        "zh": "groups：从 1（标准卷积）到 in_channels（深度卷积）",
    },
    "pg.groups_only_one": {
        "en": "groups = 1 is the only value that divides in_channels = {cin} and out_channels = {cout}.",
        "zh": "只有 groups = 1 能同时整除 in_channels = {cin} 和 out_channels = {cout}。",
    },
    "pg.kind_now": {
        "en": "**{kind}**: groups = {g}, weight (out, in/groups, k, k) = {shape}",
        "zh": "**{kind}**：groups = {g}，权重 (out, in/groups, k, k) = {shape}",
    },
    "pg.stage": {"en": "stage", "zh": "步骤"},
    "pg.stage.dw": {"en": "1 · depthwise", "zh": "1 · 深度卷积"},
    "pg.stage.pw": {"en": "2 · pointwise", "zh": "2 · 逐点卷积"},
    "pg.stage.std": {"en": "standard conv (same output)", "zh": "标准卷积（输出相同）"},
    "pg.sliding_std": {
        "en": "The standard conv with the same kernel, dilation and output shape (groups = 1): every output channel reads all {n} input channels with its own k×k slice each.",
        "zh": "同样卷积核、dilation 和输出形状的标准卷积（groups = 1）：每个输出通道都读取全部 {n} 个输入通道，每个通道用自己的 k×k 权重切片。",
    },
    "pg.dws_weights": {
        "en": "Weights: standard k·k·C_in·C_out = {k}·{k}·{cin}·{cout} = **{std:,}**; depthwise + pointwise k·k·C_in + C_in·C_out = {k}·{k}·{cin} + {cin}·{cout} = **{sep:,}** ({pct:.1%}).",
        "zh": "权重数：标准卷积 k·k·C_in·C_out = {k}·{k}·{cin}·{cout} = **{std:,}**；深度卷积 + 逐点卷积 k·k·C_in + C_in·C_out = {k}·{k}·{cin} + {cin}·{cout} = **{sep:,}**（{pct:.1%}）。",
    },
    "pg.gif_title": {"en": "{layer} on a {size}×{size} input", "zh": "{layer}，输入 {size}×{size}"},
    "pg.cost.weight_of": {"en": "weight: {name}", "zh": "权重：{name}"},
    "pg.download_name": {"en": "kernel_sliding", "zh": "kernel_sliding"},
}
