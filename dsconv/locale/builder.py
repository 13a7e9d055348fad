"""Strings of the Model builder page and of dsconv.builder.blocks's rules (keys start with ``builder.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "builder.title": {"en": "Model builder", "zh": "模型搭建"},
    "builder.intro": {
        "en": "Stack the blocks this app teaches into your own MNIST network. The table below counts every "
              "layer for one 1×28×28 image; the code is exactly what gets trained.",
        "zh": "用本应用讲过的模块搭一个你自己的 MNIST 网络。下表按一张 1×28×28 图像统计每一层；"
              "下方代码就是实际训练的模型。",
    },
    # block kinds
    "builder.kind.conv": {"en": "standard conv", "zh": "标准卷积"},
    "builder.kind.gconv": {"en": "grouped conv", "zh": "分组卷积"},
    "builder.kind.ds": {"en": "grouped/depthwise conv + pointwise", "zh": "分组/深度卷积 + 逐点卷积"},
    "builder.kind.dil": {"en": "dilated conv", "zh": "空洞卷积（膨胀卷积）"},
    "builder.kind.maxpool": {"en": "max-pool", "zh": "最大池化"},
    "builder.kind.gap": {"en": "global average pool", "zh": "全局平均池化"},
    "builder.kind.linear": {"en": "linear head", "zh": "全连接层（线性分类头）"},
    # presets
    "builder.presets": {"en": "Start from a preset", "zh": "从预设开始"},
    "builder.preset.book_standard": {"en": "Book: standard CNN", "zh": "书中：标准卷积网络"},
    "builder.preset.book_dsconv": {"en": "Book: grouped conv (groups 6) + PW, dilated", "zh": "书中：分组卷积（groups 6）+ 逐点，空洞"},
    "builder.preset.mobilenet": {"en": "MobileNet-style", "zh": "MobileNet 风格"},
    "builder.preset.dsconv_plus": {"en": "dsconv_plus", "zh": "dsconv_plus"},
    # editor
    "builder.blocks": {"en": "Blocks (top = first layer)", "zh": "模块（从上到下依次连接）"},
    "builder.blocks_help": {
        "en": "Edit a cell, add a row at the bottom, or select rows and delete them. Pools use kernel_size, "
              "stride and padding; the linear head uses out_channels as its number of outputs.",
        "zh": "可直接编辑单元格、在底部添加行，或选中行后删除。池化层只用 kernel_size、stride、padding；"
              "全连接层用 out_channels 作为输出个数。",
    },
    "builder.col.kind": {"en": "block", "zh": "模块"},
    "builder.edit": {"en": "Edit the blocks", "zh": "编辑网络层"},
    "builder.col.bn": {"en": "BatchNorm", "zh": "BatchNorm（批归一化）"},
    "builder.col.relu": {"en": "ReLU", "zh": "ReLU"},
    "builder.col.out_channels_help": {
        "en": "output channels of a conv; number of outputs of the linear head (10 for the last one)",
        "zh": "卷积的输出通道数；全连接层的输出个数（最后一层为 10）",
    },
    "builder.col.kernel_size_help": {"en": "k of a k×k conv or pool window", "zh": "k×k 卷积或池化窗口的 k"},
    "builder.col.stride_help": {"en": "step between windows; 2 halves the size", "zh": "窗口移动的步长；2 使尺寸减半"},
    "builder.col.padding_help": {"en": "zeros added on each side", "zh": "每侧补零的数量"},
    "builder.col.dilation_help": {
        "en": "gap between kernel taps: effective kernel d·(k−1)+1",
        "zh": "卷积核元素之间的间隔：等效卷积核 d·(k−1)+1",
    },
    "builder.col.groups_help": {
        "en": "groups of the conv; for a depthwise-separable block, of its depthwise part (0 = in_channels)",
        "zh": "卷积的分组数；对深度可分离模块指其深度卷积部分（0 表示等于 in_channels）",
    },
    "builder.move": {"en": "Move block", "zh": "移动模块"},
    "builder.up": {"en": "Up", "zh": "上移"},
    "builder.down": {"en": "Down", "zh": "下移"},
    # table
    "builder.table": {"en": "Layers for one 1×28×28 image", "zh": "每层统计（一张 1×28×28 图像）"},
    "builder.col.block": {"en": "block", "zh": "模块"},
    "builder.col.layer": {"en": "layer", "zh": "层"},
    "builder.col.type": {"en": "torch layer", "zh": "torch 层"},
    "builder.col.rf": {"en": "receptive field", "zh": "感受野"},
    "builder.total": {"en": "total", "zh": "合计"},
    "builder.metric.params": {"en": "Parameters", "zh": "参数量"},
    "builder.metric.macs": {"en": "MACs per image", "zh": "每张图像的乘加次数"},
    "builder.metric.rf": {"en": "Receptive field", "zh": "感受野"},
    "builder.metric.out": {"en": "Output", "zh": "输出形状"},
    "builder.valid": {"en": "Valid network: ready to train.", "zh": "网络有效：可以训练。"},
    # code and training
    "builder.code": {"en": "PyTorch code", "zh": "PyTorch 代码"},
    "builder.code_sequential": {"en": "nn.Sequential", "zh": "nn.Sequential"},
    "builder.code_module": {"en": "nn.Module class", "zh": "nn.Module 类"},
    "builder.train": {"en": "Train this model", "zh": "训练这个模型"},
    "builder.train_help": {
        "en": "Opens the Train page with this network selected.",
        "zh": "打开训练页面，并选中这个网络。",
    },
    "builder.explain": {
        "en": "A depthwise-separable block replaces one k×k conv (C_in·C_out·k² weights) by a depthwise k×k conv "
              "(C_in·k² when groups = in_channels) and a 1×1 pointwise conv (C_in·C_out). Dilation widens the "
              "kernel to d·(k−1)+1 pixels at no extra cost, so the receptive field grows faster. MACs of a conv "
              "= weights × output pixels.",
        "zh": "深度可分离模块把一个 k×k 卷积（C_in·C_out·k² 个权重）换成 k×k 深度卷积（groups = in_channels 时为 "
              "C_in·k²）加 1×1 逐点卷积（C_in·C_out）。空洞卷积把卷积核的覆盖范围扩大到 d·(k−1)+1 个像素而不增加参数，"
              "感受野因此增长得更快。卷积的乘加次数 = 权重数 × 输出像素数。",
    },
    # rules (dsconv.builder.blocks, dsconv.builder.plan)
    "builder.err.in_block": {"en": "Block {block} ({kind}): {rule}", "zh": "第 {block} 个模块（{kind}）：{rule}"},
    "builder.err.empty": {"en": "the stack is empty: add at least a linear head", "zh": "网络为空：至少需要一个全连接分类头"},
    "builder.err.too_many_blocks": {
        "en": "{n} blocks is too many: at most {max}",
        "zh": "模块数 {n} 太多：最多 {max} 个",
    },
    "builder.err.unknown_kind": {
        "en": "{kind!r} is not a block type (one of {kinds})",
        "zh": "{kind!r} 不是模块类型（可选：{kinds}）",
    },
    "builder.err.empty_field": {"en": "{name} is empty", "zh": "{name} 未填写"},
    "builder.err.range": {
        "en": "{name} must be between {lo} and {hi} (got {value})",
        "zh": "{name} 必须在 {lo} 到 {hi} 之间（当前为 {value}）",
    },
    "builder.err.conv_groups": {
        "en": "a standard conv has groups = 1 (got {groups}); choose “grouped conv” for groups > 1",
        "zh": "标准卷积的 groups 为 1（当前为 {groups}）；groups > 1 请选择“分组卷积”",
    },
    "builder.err.conv_dilation": {
        "en": "a standard conv has dilation = 1 (got {dilation}); choose “dilated conv” for dilation > 1",
        "zh": "标准卷积的 dilation 为 1（当前为 {dilation}）；dilation > 1 请选择“空洞卷积”",
    },
    "builder.err.gconv_groups": {
        "en": "a grouped conv needs groups ≥ 2 (got {groups})",
        "zh": "分组卷积需要 groups ≥ 2（当前为 {groups}）",
    },
    "builder.err.dil_dilation": {
        "en": "a dilated conv needs dilation ≥ 2 (got {dilation})",
        "zh": "空洞卷积需要 dilation ≥ 2（当前为 {dilation}）",
    },
    "builder.err.ds_groups": {
        "en": "the depthwise part needs groups > 1 (0 means groups = in_channels); groups = 1 would be a full conv",
        "zh": "深度卷积部分需要 groups > 1（0 表示 groups = in_channels）；groups = 1 就成了普通卷积",
    },
    "builder.err.pool_padding": {
        "en": "max-pool padding must be at most half the kernel: 2·{padding} > {kernel_size}",
        "zh": "最大池化的 padding 不能超过卷积核的一半：2·{padding} > {kernel_size}",
    },
    "builder.err.after_linear": {
        "en": "only a linear layer can follow a linear layer (its output is flat)",
        "zh": "全连接层之后只能接全连接层（其输出已展平）",
    },
    "builder.err.head": {
        "en": "the last block must be a linear head with {n} outputs (one per digit)",
        "zh": "最后一个模块必须是输出 {n} 个值（每个数字一个）的全连接层",
    },
    "builder.err.too_many_params": {
        "en": "{params:,} parameters is over this server's limit of {max:,}: use fewer channels or a pool before the head",
        "zh": "参数量 {params:,} 超过了本服务器的上限 {max:,}：请减少通道数，或在分类头前加池化",
    },
    "builder.err.too_many_macs": {
        "en": "{macs:,} MACs per image is over this server's limit of {max:,}: use fewer channels, "
              "a stride or a pool earlier",
        "zh": "每张图像 {macs:,} 次乘加超过了本服务器的上限 {max:,}：请减少通道数，或更早使用步幅或池化",
    },
    "builder.warn.bad_net": {
        "en": "URL parameter net={raw!r} could not be read ({why}); showing the preset “{preset}” instead.",
        "zh": "无法读取 URL 参数 net={raw!r}（{why}）；已改为显示预设“{preset}”。",
    },
    "builder.warn.bad_preset": {
        "en": "URL parameter preset={raw!r} is not one of {choices}; showing “{preset}”.",
        "zh": "URL 参数 preset={raw!r} 不在 {choices} 之中；已显示“{preset}”。",
    },
}
