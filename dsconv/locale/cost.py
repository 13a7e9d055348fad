"""Strings of the Cost Compare page (keys prefixed ``cost.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "cost.title": {"en": "Cost compare: what does a cheaper convolution really save?", "zh": "参数量与计算量：更省的卷积到底省了多少？"},
    "cost.intro": {
        "en": "One layer, four ways to build it. Counts are exact (they equal PyTorch's); timings are measured on this server.",
        "zh": "同一层的四种搭法。计数是精确的（与 PyTorch 一致）；耗时在本服务器上实测。",
    },
    "cost.preset": {"en": "Preset", "zh": "预设"},
    "cost.preset.seed_book": {"en": "Seed book: Linear vs Conv vs DW+PW", "zh": "教材：全连接 vs 卷积 vs 深度可分离"},
    "cost.preset.course": {"en": "Course exercise 3×128×128", "zh": "课程练习 3×128×128"},
    "cost.preset.mobilenet": {"en": "MobileNet block 256→256", "zh": "MobileNet 模块 256→256"},
    "cost.preset.seed_mnist": {"en": "Seed MNIST middle layer", "zh": "教材 MNIST 网络中间层"},
    "cost.padding_note": {
        "en": "padding = 0 for every variant; batch size 1; the input is in_channels × size × size.",
        "zh": "所有变体 padding = 0；批大小为 1；输入为 in_channels × size × size。",
    },
    # variants
    "cost.variant.standard": {"en": "standard conv", "zh": "标准卷积"},
    "cost.variant.grouped": {"en": "grouped conv (groups = {g})", "zh": "分组卷积（groups = {g}）"},
    "cost.variant.dw_separable": {"en": "depthwise + pointwise", "zh": "深度卷积 + 逐点卷积"},
    "cost.variant.dilated": {"en": "dilated conv (dilation = {d})", "zh": "空洞卷积（dilation = {d}）"},
    # table
    "cost.col.variant": {"en": "variant", "zh": "变体"},
    "cost.col.layers": {"en": "PyTorch layers", "zh": "PyTorch 层"},
    "cost.col.params": {"en": "params", "zh": "参数量"},
    "cost.col.macs": {"en": "MACs", "zh": "乘加次数 (MACs)"},
    "cost.col.out_shape": {"en": "output shape", "zh": "输出形状"},
    "cost.col.activations": {"en": "activation memory (elements)", "zh": "激活内存（元素数）"},
    "cost.col.intensity": {"en": "MACs / byte", "zh": "每字节乘加次数"},
    "cost.col.params_ratio": {"en": "params ÷ standard", "zh": "参数量 ÷ 标准"},
    "cost.col.macs_ratio": {"en": "MACs ÷ standard", "zh": "计算量 ÷ 标准"},
    "cost.col.rf": {"en": "receptive field", "zh": "感受野"},
    "cost.table.caption": {
        "en": (
            "Activation memory = output elements written by every stage (DW+PW also writes its middle tensor). "
            "Arithmetic intensity = MACs per byte moved in float32, bytes = 4 × (input + weights + output) of each stage."
        ),
        "zh": "激活内存 = 每一步写出的输出元素数（深度可分离还要写出中间张量）。算术强度 = 每搬运一字节（float32）所做的乘加次数，字节数 = 4 ×（输入 + 权重 + 输出）逐层相加。",
    },
    "cost.illegal": {"en": "{variant} is not possible here: {message}", "zh": "{variant} 在此设置下无法构造：{message}"},
    # formula
    "cost.formula.title": {"en": "MobileNet's formula vs the counts", "zh": "MobileNet 公式 vs 实际计数"},
    "cost.formula.predicted": {"en": "formula 1/N + 1/k²", "zh": "公式 1/N + 1/k²"},
    "cost.formula.counted": {"en": "counted MACs ratio", "zh": "实际计数之比"},
    "cost.formula.values": {
        "en": "N = out_channels = {n}, k = kernel_size = {k}; counted = MACs of depthwise + pointwise ÷ MACs of the standard conv.",
        "zh": "N = out_channels = {n}，k = kernel_size = {k}；实际计数 = 深度卷积 + 逐点卷积的 MACs ÷ 标准卷积的 MACs。",
    },
    "cost.formula.explain": {
        "en": (
            "A standard conv costs k²·C_in·N per output pixel; depthwise + pointwise costs k²·C_in + C_in·N. "
            "Their ratio is 1/N + 1/k² — with padding 0 (any stride) the MAC counts follow it exactly; "
            "params differ slightly because of the bias."
        ),
        "zh": "标准卷积每个输出像素需要 k²·C_in·N 次乘加；深度卷积 + 逐点卷积需要 k²·C_in + C_in·N 次。二者之比为 1/N + 1/k²——MACs 计数与公式完全一致；参数量因偏置略有差别。",
    },
    "cost.formula.na": {"en": "not available: a variant is illegal here", "zh": "不可用：某个变体在此设置下非法"},
    # chart
    "cost.chart.title": {"en": "Relative to the standard conv (= 1), log scale", "zh": "相对标准卷积（= 1），对数坐标"},
    "cost.chart.ratio": {"en": "÷ standard", "zh": "÷ 标准卷积"},
    "cost.chart.metric.params": {"en": "params", "zh": "参数量"},
    "cost.chart.metric.macs": {"en": "MACs", "zh": "计算量 (MACs)"},
    "cost.chart.metric.activations": {"en": "activation memory", "zh": "激活内存"},
    "cost.chart.metric.intensity": {"en": "MACs per byte", "zh": "每字节乘加"},
    # sweeps
    "cost.sweep.title": {"en": "How the saving grows", "zh": "节省如何随参数变化"},
    "cost.sweep.out_channels": {"en": "MACs ÷ standard vs out_channels", "zh": "计算量 ÷ 标准 随 out_channels 变化"},
    "cost.sweep.kernel_size": {"en": "MACs ÷ standard vs kernel_size", "zh": "计算量 ÷ 标准 随 kernel_size 变化"},
    "cost.sweep.formula": {"en": "formula 1/N + 1/k²", "zh": "公式 1/N + 1/k²"},
    "cost.sweep.current": {"en": "current setting", "zh": "当前设置"},
    "cost.sweep.explain": {
        "en": "The more output channels, the closer depthwise + pointwise gets to 1/k² of the cost; grouped conv is always 1/groups.",
        "zh": "输出通道越多，深度可分离卷积的计算量越接近标准卷积的 1/k²；分组卷积始终是 1/groups。",
    },
    # preset panel
    "cost.panel.title": {"en": "The preset's exact layers: {preset}", "zh": "预设中的原始层：{preset}"},
    "cost.panel.input": {"en": "input {shape}", "zh": "输入 {shape}"},
    "cost.row.linear": {"en": "fully connected Linear(3·28·28, 3·28·28)", "zh": "全连接层 Linear(3·28·28, 3·28·28)"},
    "cost.row.standard": {"en": "standard conv", "zh": "标准卷积"},
    "cost.row.dw_pw": {"en": "depthwise + pointwise", "zh": "深度卷积 + 逐点卷积"},
    "cost.row.book_standard": {"en": "book's standard Conv2d(12, 24, 5)", "zh": "教材的标准卷积 Conv2d(12, 24, 5)"},
    "cost.row.book_dw": {"en": "book's \"DW\" (groups=6, dilation=2) + PW", "zh": "教材的“深度卷积”（groups=6，dilation=2）+ 逐点"},
    "cost.row.true_dw": {"en": "true depthwise (groups=12, dilation=2) + PW", "zh": "真正的深度卷积（groups=12，dilation=2）+ 逐点"},
    "cost.note.seed_mnist": {
        "en": (
            "Honest note: the book calls its middle layer depthwise, but with groups=6 each filter sees 2 of the 12 "
            "channels, so it is a grouped conv. A true depthwise conv has groups = in_channels = 12."
        ),
        "zh": "说明：教材把中间层称为深度卷积，但 groups=6 时每个卷积核看到 12 个通道中的 2 个，严格说是分组卷积；真正的深度卷积 groups = in_channels = 12。",
    },
    "cost.note.seed_book": {
        "en": "A fully connected layer connects every pixel to every pixel; a conv shares one small kernel everywhere.",
        "zh": "全连接层把每个像素连到每个像素；卷积在所有位置共享一个小卷积核。",
    },
    # measurement
    "cost.measure.title": {"en": "Measured latency", "zh": "实测耗时"},
    "cost.measure.button": {"en": "Measure on {device}", "zh": "在 {device} 上测量"},
    "cost.measure.running": {"en": "Timing {variant}…", "zh": "正在计时 {variant}…"},
    "cost.measure.help": {
        "en": "Runs every variant with real torch.nn.Conv2d layers: warm-up, then repeats (at most ~{budget} s each); median and interquartile range.",
        "zh": "用真实的 torch.nn.Conv2d 运行每个变体：先预热，再重复计时（每个最多约 {budget} 秒）；报告中位数与四分位距。",
    },
    "cost.measure.median": {"en": "median ms", "zh": "中位数 (ms)"},
    "cost.measure.spread": {"en": "IQR ms", "zh": "四分位距 (ms)"},
    "cost.measure.runs": {"en": "runs", "zh": "次数"},
    "cost.measure.predicted": {"en": "speed-up by MACs", "zh": "按计算量预测的加速比"},
    "cost.measure.measured": {"en": "measured speed-up", "zh": "实测加速比"},
    "cost.measure.device": {"en": "device: {device}, batch 1, float32", "zh": "设备：{device}，批大小 1，float32"},
    "cost.measure.differ": {
        "en": (
            "Fewer MACs did not mean proportionally less time here: depthwise convs are memory-bound — "
            "they do few MACs per byte moved ({dw:.1f} vs {std:.1f} for the standard conv), so moving data, "
            "not arithmetic, sets their speed, and fast libraries are tuned for dense convolutions."
        ),
        "zh": "这里计算量少并不等于耗时按比例减少：深度卷积受内存带宽限制——每搬运一字节只做很少的乘加（{dw:.1f}，标准卷积为 {std:.1f}），速度取决于数据搬运而不是算术，而且高性能库主要针对稠密卷积优化。",
    },
    "cost.measure.agree": {
        "en": "Here the measured speed-up is close to what the MAC count predicts.",
        "zh": "这里实测加速比与按计算量预测的接近。",
    },
    "cost.measure.faster": {
        "en": "Here depthwise + pointwise ran even faster than its MAC count predicts: for small layers, fixed per-call overheads and the load of a shared machine matter as much as arithmetic.",
        "zh": "这里深度可分离卷积比按计算量预测的还快：对小层来说，每次调用的固定开销和共享机器的负载与算术量同样重要。",
    },
    "cost.skip.illegal": {"en": "not timed: illegal", "zh": "未计时：非法配置"},
    "cost.skip.too_big": {
        "en": "not timed: {macs:,} MACs is above this device's limit of {limit:,} (keeps the server responsive)",
        "zh": "未计时：{macs:,} 次乘加超过本设备上限 {limit:,}（保证服务器响应）",
    },
}
STRINGS.update({
    # what the FLOP counters report (issue 15)
    "cost.counters.title": {"en": "What the FLOP counters report", "zh": "各种 FLOPs 统计工具报告的数字"},
    "cost.counters.intro": {
        "en": "The same layers, counted by the tools learners use. Each figure is the library's own output for one image, run on this server.",
        "zh": "同样的层，用大家常用的工具来统计。每个数字都是该库在本服务器上对一张图实际运行得到的输出。",
    },
    "cost.counters.col.tool": {"en": "tool", "zh": "工具"},
    "cost.counters.col.rule": {"en": "what it counts", "zh": "统计口径"},
    "cost.counters.exact": {"en": "MACs (this app)", "zh": "MACs（本应用）"},
    "cost.counters.tool.flopcounter": {"en": "torch FlopCounterMode", "zh": "torch FlopCounterMode"},
    "cost.counters.tool.fvcore": {"en": "fvcore FlopCountAnalysis", "zh": "fvcore FlopCountAnalysis"},
    "cost.counters.tool.thop": {"en": "thop profile", "zh": "thop profile"},
    "cost.counters.tool.ptflops": {"en": "ptflops get_model_complexity_info", "zh": "ptflops get_model_complexity_info"},
    "cost.counters.tool.torchinfo": {"en": "torchinfo summary (mult-adds)", "zh": "torchinfo summary（mult-adds）"},
    "cost.counters.rule.exact": {"en": "k²·C_in/groups·C_out·H_out·W_out, no bias", "zh": "k²·C_in/groups·C_out·H_out·W_out，不计偏置"},
    "cost.counters.rule.flopcounter": {"en": "2 × MACs (multiply + add), no bias", "zh": "2 × MACs（乘 + 加），不计偏置"},
    "cost.counters.rule.fvcore": {"en": "MACs, called \"flops\", no bias", "zh": "MACs（称作 \"flops\"），不计偏置"},
    "cost.counters.rule.thop": {"en": "MACs, no bias", "zh": "MACs，不计偏置"},
    "cost.counters.rule.ptflops": {"en": "MACs + bias additions", "zh": "MACs + 偏置加法"},
    "cost.counters.rule.torchinfo": {"en": "MACs + bias additions", "zh": "MACs + 偏置加法"},
    "cost.counters.bias": {"en": "bias additions", "zh": "偏置加法次数"},
    "cost.counters.rule.bias": {"en": "C_out·H_out·W_out per conv with a bias", "zh": "每个带偏置的卷积 C_out·H_out·W_out"},
    "cost.counters.bias_share": {"en": "bias ÷ MACs", "zh": "偏置 ÷ MACs"},
    "cost.counters.rule.bias_share": {"en": "how far ptflops/torchinfo exceed fvcore/thop", "zh": "ptflops/torchinfo 比 fvcore/thop 多出的比例"},
    "cost.counters.twice": {
        "en": "×2: torch's FlopCounterMode counts each multiply-add as two FLOPs (a multiply and an add), so it reports twice the MACs that fvcore and thop report under the name \"flops\".",
        "zh": "×2：torch 的 FlopCounterMode 把每次乘加算作两次浮点运算（一次乘、一次加），所以它报告的是 fvcore、thop 以 \"flops\" 为名报告的 MACs 的两倍。",
    },
    "cost.counters.bias_sentence": {
        "en": "Bias: ptflops and torchinfo also count one addition per output element for the bias; a depthwise conv does only k² MACs per output element, so its bias adds 1/k² on top ({share:.1%} for this depthwise layer).",
        "zh": "偏置：ptflops 和 torchinfo 还为偏置在每个输出元素上计一次加法；深度卷积每个输出元素只有 k² 次乘加，所以偏置会额外多出 1/k²（本例的深度卷积为 {share:.1%}）。",
    },
    "cost.counters.bias_none": {
        "en": "Bias: ptflops and torchinfo also count one addition per output element for the bias (none here: the depthwise conv is illegal or has no bias).",
        "zh": "偏置：ptflops 和 torchinfo 还为偏置在每个输出元素上计一次加法（此处深度卷积非法或无偏置）。",
    },
    "cost.counters.rule_note": {
        "en": "† the library's documented rule, not a run: {why}. Versions: {versions}.",
        "zh": "† 由该库文档中的公式得出，而非实际运行：{why}。版本：{versions}。",
    },
    "cost.counters.versions": {"en": "Versions run here: {versions}.", "zh": "本机运行的版本：{versions}。"},
    "cost.counters.why.too_big": {
        "en": "fvcore traces a real forward pass on the CPU, too slow above {limit:,} MACs",
        "zh": "fvcore 要在 CPU 上真正执行一次前向传播，超过 {limit:,} 次乘加时太慢",
    },
    "cost.counters.why.failed": {"en": "the library failed here ({error})", "zh": "该库在此运行失败（{error}）"},
})
