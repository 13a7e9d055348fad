"""Strings shared by every page: app chrome, conv parameter names, validation errors, URL warnings."""

STRINGS: dict[str, dict[str, str]] = {
    # app chrome
    "app.title": {"en": "dsconv explorer", "zh": "dsconv 卷积探索"},
    "app.language": {"en": "Language / 语言", "zh": "Language / 语言"},
    "app.presentation": {"en": "Presentation mode", "zh": "演示模式"},
    "app.presentation_help": {
        "en": "Larger fonts and figures for projectors; fewer controls.",
        "zh": "投影用：更大的字体和图，更少的控件。",
    },
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.playground": {"en": "Convolution playground", "zh": "卷积演练场"},
    "nav.receptive": {"en": "Receptive field", "zh": "感受野"},
    "nav.cost": {"en": "Cost compare", "zh": "参数量与计算量"},
    "nav.train": {"en": "Train on MNIST", "zh": "在 MNIST 上训练"},
    "nav.draw": {"en": "Draw a digit", "zh": "手写数字识别"},
    "nav.builder": {"en": "Model builder", "zh": "模型搭建"},
    "nav.section.learn": {"en": "Learn", "zh": "学习"},
    "nav.section.models": {"en": "Models", "zh": "模型"},
    # conv parameter names (PyTorch's own names are kept; the label explains them)
    "param.input_size": {"en": "Input size (H = W)", "zh": "输入尺寸 (H = W)"},
    "param.in_channels": {"en": "in_channels", "zh": "in_channels（输入通道数）"},
    "param.out_channels": {"en": "out_channels", "zh": "out_channels（输出通道数）"},
    "param.kernel_size": {"en": "kernel_size", "zh": "kernel_size（卷积核大小）"},
    "param.stride": {"en": "stride", "zh": "stride（步幅）"},
    "param.padding": {"en": "padding", "zh": "padding（填充）"},
    "param.dilation": {"en": "dilation", "zh": "dilation（空洞率/膨胀率）"},
    "param.groups": {"en": "groups", "zh": "groups（分组数）"},
    "param.bias": {"en": "bias", "zh": "bias（偏置）"},
    # terminology
    "term.standard": {"en": "standard conv", "zh": "标准卷积"},
    "term.grouped": {"en": "grouped conv", "zh": "分组卷积"},
    "term.depthwise": {"en": "depthwise conv", "zh": "深度卷积（逐通道卷积）"},
    "term.pointwise": {"en": "pointwise conv (1x1)", "zh": "逐点卷积（1x1）"},
    "term.dw_separable": {"en": "depthwise-separable conv", "zh": "深度可分离卷积"},
    "term.dilated": {"en": "dilated conv", "zh": "空洞卷积（膨胀卷积）"},
    "term.receptive_field": {"en": "receptive field", "zh": "感受野"},
    "term.params": {"en": "params", "zh": "参数量"},
    "term.macs": {"en": "MACs", "zh": "乘加次数 (MACs)"},
    "term.flops": {"en": "FLOPs", "zh": "计算量 (FLOPs)"},
    "term.output_shape": {"en": "output shape", "zh": "输出形状"},
    "term.weight_shape": {"en": "weight shape", "zh": "权重形状"},
    # validation errors (raised by dsconv.conv.arithmetic.ConvSpec.validate)
    "err.must_be_positive": {"en": "{name} must be ≥ 1 (got {value})", "zh": "{name} 必须 ≥ 1（当前为 {value}）"},
    "err.padding_negative": {"en": "padding must be ≥ 0 (got {value})", "zh": "padding 必须 ≥ 0（当前为 {value}）"},
    "err.input_empty": {"en": "input {name} must be ≥ 1 (got {value})", "zh": "输入的 {name} 必须 ≥ 1（当前为 {value}）"},
    "err.groups_divide": {
        "en": "groups must divide in_channels ({in_channels}) and out_channels ({out_channels}); got groups = {groups}",
        "zh": "groups 必须同时整除 in_channels（{in_channels}）和 out_channels（{out_channels}）；当前 groups = {groups}",
    },
    "err.kernel_too_big": {
        "en": (
            "the effective kernel dilation·(k−1)+1 = {dilation}·({kernel_size}−1)+1 = {eff} is larger than "
            "the padded input {size} + 2·{padding} = {padded}"
        ),
        "zh": "等效卷积核 dilation·(k−1)+1 = {dilation}·({kernel_size}−1)+1 = {eff} 大于填充后的输入 {size} + 2·{padding} = {padded}",
    },
    "err.output_empty": {
        "en": "the output would be {h_out}×{w_out}: output size must be ≥ 1",
        "zh": "输出将是 {h_out}×{w_out}：输出尺寸必须 ≥ 1",
    },
    # export
    "share.copy": {"en": "Copy link", "zh": "复制链接"},
    "share.copy_picture": {"en": "Copy picture link", "zh": "复制图片链接"},
    "share.picture": {"en": "Just the picture", "zh": "只看图"},
    "share.copied": {"en": "Copied ✓", "zh": "已复制 ✓"},
    "app.controls": {"en": "Controls", "zh": "控件"},
    "export.figure_html": {"en": "Download figure (HTML)", "zh": "下载图表（HTML）"},
    "export.figure_png": {"en": "Download figure (PNG)", "zh": "下载图表（PNG）"},
    "export.gif": {"en": "Download animation (GIF)", "zh": "下载动画（GIF）"},
    "export.busy": {"en": "Other PNG downloads are being drawn right now (one at a time for the class); try again in a "
                          "few seconds, or take the HTML file.",
                    "zh": "其他同学的 PNG 正在生成（全班一次只画一张）；请几秒后再试，或下载 HTML 文件。"},
    "export.failed": {"en": "The PNG could not be drawn here ({why}); the HTML download always works.",
                      "zh": "这里无法生成 PNG（{why}）；HTML 下载始终可用。"},
    # URL state
    "warn.bad_param": {
        "en": "URL parameter {name}={raw!r} is not valid (expected {expected}); using {default} instead.",
        "zh": "URL 参数 {name}={raw!r} 无效（应为 {expected}）；已改用 {default}。",
    },
    "warn.expected_int": {"en": "an integer from {lo} to {hi}", "zh": "{lo} 到 {hi} 之间的整数"},
    "warn.expected_choice": {"en": "one of {choices}", "zh": "以下之一：{choices}"},
    "warn.expected_bool": {"en": "0 or 1", "zh": "0 或 1"},

    # code tabs (PyTorch / Keras), shared by the Playground, the Builder and the FAQ
    "code.pytorch": {"en": "PyTorch", "zh": "PyTorch"},
    "code.keras": {"en": "Keras 3", "zh": "Keras 3"},
    "code.keras_note": {"en": "Keras is channels-last (NHWC): shapes print as (batch, H, W, C).",
                        "zh": "Keras 通道在后（NHWC）：形状打印为 (批次, 高, 宽, 通道)。"},
}
