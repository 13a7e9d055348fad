"""Strings of the Draw-a-digit page (keys prefixed ``draw.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "draw.title": {"en": "Draw a digit", "zh": "手写数字识别"},
    "draw.intro": {
        "en": "Draw a digit from 0 to 9 in the black box. The model sees it the way MNIST digits were made, "
        "and you can watch what every convolution layer does with it.",
        "zh": "在黑色画板中写一个 0–9 的数字。模型会按照 MNIST 的制作方式处理它，你可以看到每一层卷积对它做了什么。",
    },
    "draw.model": {"en": "Model", "zh": "模型"},
    "draw.model_session": {"en": "{label} (trained this session)", "zh": "{label}（本次会话训练）"},
    "draw.stroke_width": {"en": "Stroke width (px)", "zh": "笔画粗细（像素）"},
    "draw.canvas_help": {
        "en": "Draw with the mouse, a finger or a pen. Undo takes back the last stroke; Clear starts again.",
        "zh": "可用鼠标、手指或触控笔书写。“撤销”去掉最后一笔，“清空”重新开始。",
    },
    "draw.clear": {"en": "Clear", "zh": "清空"},
    "draw.undo": {"en": "Undo", "zh": "撤销"},
    "draw.not_digit.too_little": {
        "en": "That is not a digit: too little ink (the drawing is {side:.0f} px, under {limit:.0%} of the canvas). "
        "Write one digit that fills most of the box.",
        "zh": "这不是数字：笔迹太少（只有 {side:.0f} 像素，不到画板的 {limit:.0%}）。请写一个占满大部分画板的数字。",
    },
    "draw.not_digit.dot": {
        "en": "That is not a digit: a dot (it is only {ratio:.1f}× as long as the pen is wide; a digit is at least "
        "{limit:.1f}×). Write a whole digit.",
        "zh": "这不是数字：只是一个点（长度只有笔宽的 {ratio:.1f} 倍，数字至少是 {limit:.1f} 倍）。请写一个完整的数字。",
    },
    "draw.not_digit.line": {
        "en": "That is not a digit: a straight line tilted {tilt:.0f}° from upright (a 1 leans less than {limit:.0f}°).",
        "zh": "这不是数字：一条倾斜 {tilt:.0f}° 的直线（数字 1 的倾斜小于 {limit:.0f}°）。",
    },
    "draw.not_digit.scribble": {
        "en": "That is not a digit: a scribble (the strokes are {ratio:.1f}× as long as the drawing is tall; a digit "
        "is under {limit:.1f}×). Clear and write one digit.",
        "zh": "这不是数字：是涂鸦（笔画总长是图形高度的 {ratio:.1f} 倍，数字低于 {limit:.1f} 倍）。请清空后写一个数字。",
    },
    "draw.pen_thick": {
        "en": "The pen is very thick for this digit (stroke {ratio:.0%} of its size): write bigger or choose a thinner pen.",
        "zh": "相对于这个数字，笔太粗了（笔宽是数字大小的 {ratio:.0%}）：请写大一些或选细一点的笔。",
    },
    "draw.pen_thin": {
        "en": "The pen is very thin for this digit (stroke {ratio:.1%} of its size): choose a thicker pen.",
        "zh": "相对于这个数字，笔太细了（笔宽只是数字大小的 {ratio:.1%}）：请选粗一点的笔。",
    },
    "draw.step.evened": {"en": "stroke width evened", "zh": "统一笔画粗细"},
    "draw.hint": {
        "en": "Draw a digit on the canvas to see the prediction.",
        "zh": "请在画板上写一个数字，然后查看预测结果。",
    },
    "draw.prediction": {"en": "Predicted digit", "zh": "预测数字"},
    "draw.confidence": {"en": "Confidence", "zh": "置信度"},
    "draw.low_confidence": {
        "en": "Low confidence ({confidence:.0%} < {threshold:.0%}): the model is unsure. Try writing larger, "
        "centred, in one clear shape.",
        "zh": "置信度低（{confidence:.0%} < {threshold:.0%}）：模型不太确定。请写得更大、更居中、更清晰。",
    },
    "draw.too_much_ink": {
        "en": "{ink:.0%} of the canvas is ink: no digit shape is left to recognise, so this prediction means "
        "nothing. Clear the canvas and write one digit.",
        "zh": "画布的 {ink:.0%} 都是笔迹：已看不出数字的形状，这个预测没有意义。请清空画布，只写一个数字。",
    },
    "draw.weights_error": {
        "en": "Model “{model}” is unavailable: {reason}",
        "zh": "模型“{model}”不可用：{reason}",
    },
    "draw.model_failed": {
        "en": "Model “{model}” could not read the 1×28×28 drawing: {reason}",
        "zh": "模型“{model}”无法处理 1×28×28 的输入：{reason}",
    },
    "draw.no_model": {
        "en": "The chosen model is not available (see the message above), so there is no prediction. "
        "The canvas and the preprocessing steps still work.",
        "zh": "所选模型不可用（见上方提示），因此无法预测。画板和预处理步骤仍可使用。",
    },
    "draw.steps": {"en": "What the model sees: MNIST-style preprocessing", "zh": "模型看到的输入：MNIST 式预处理"},
    "draw.steps_explain": {
        "en": "As in MNIST: crop the ink's bounding box; make the stroke as thick relative to the digit as a "
        "typical MNIST stroke (about 10% of its size), so any pen gives the same input; scale it to fit 20×20 "
        "keeping the aspect ratio (anti-aliased), paste it into 28×28 with the centre of mass in the middle, then "
        "normalise with mean 0.1307 and std 0.3081.",
        "zh": "与 MNIST 的做法相同：裁出笔迹的外接框；把笔画粗细调整到与典型 MNIST 笔画相同的比例（约为数字大小的 10%），"
        "这样无论用什么笔，输入都几乎一样；保持长宽比缩放到 20×20 以内（抗锯齿），按质心居中放入 28×28，"
        "再用均值 0.1307、标准差 0.3081 归一化。",
    },
    "draw.step.raw": {"en": "canvas", "zh": "画板"},
    "draw.step.cropped": {"en": "cropped to the ink", "zh": "裁剪到笔迹"},
    "draw.step.boxed": {"en": "fit into 20×20", "zh": "缩放到 20×20"},
    "draw.step.centred": {"en": "centred 28×28 (model input)", "zh": "居中 28×28（模型输入）"},
    "draw.activations": {"en": "Feature maps of every conv layer", "zh": "每一层卷积的特征图"},
    "draw.activations_explain": {
        "en": "Each small square is one output channel (red positive, blue negative, each scaled to its own "
        "maximum). In the depthwise or grouped stage each channel only looks at its own group of input "
        "channels, so the maps stay close to the previous layer's; the pointwise (1×1) stage mixes all "
        "channels at each pixel, so its maps combine them.",
        "zh": "每个小方块是一个输出通道（红为正、蓝为负，各自按最大值缩放）。深度卷积/分组卷积阶段，"
        "每个通道只看自己组内的输入通道，特征图与上一层相似；逐点卷积（1×1）阶段在每个像素上混合所有通道，"
        "因此它的特征图是各通道的组合。",
    },
    "draw.formula": {
        "en": "Depthwise-separable cost: params = C_in·k² + C_in·C_out instead of C_in·C_out·k², "
        "a ratio of 1/C_out + 1/k².",
        "zh": "深度可分离卷积的参数量 = C_in·k² + C_in·C_out，标准卷积为 C_in·C_out·k²，比值为 1/C_out + 1/k²。",
    },
    "draw.saliency": {"en": "Saliency: which pixels matter", "zh": "显著性图：哪些像素最重要"},
    "draw.saliency_explain": {
        "en": "The gradient of the predicted digit's score with respect to each input pixel: bright pixels are "
        "where a small change of ink would change the score most.",
        "zh": "预测类别得分对每个输入像素的梯度：越亮的像素，墨迹的微小变化对得分影响越大。",
    },
    "draw.compare": {"en": "All models on the same drawing", "zh": "所有模型识别同一幅图"},
    "draw.compare_explain": {
        "en": "Params and MACs are for one 28×28 image (convolutions and the linear layer).",
        "zh": "参数量和乘加次数按一张 28×28 图计算（卷积层与全连接层）。",
    },
    "draw.cmp.model": {"en": "model", "zh": "模型"},
    "draw.cmp.digit": {"en": "prediction", "zh": "预测"},
    "draw.cmp.confidence": {"en": "confidence", "zh": "置信度"},
    "draw.fig.probs_title": {"en": "Probability of each digit", "zh": "每个数字的概率"},
    "draw.fig.prob_hover": {"en": "digit %{x}: %{y:.1%}", "zh": "数字 %{x}：%{y:.1%}"},
    "draw.fig.digit": {"en": "digit", "zh": "数字"},
    "draw.fig.probability": {"en": "probability", "zh": "概率"},
    "draw.fig.layer_title": {
        "en": "<b>{name}</b> · {stage} ({detail}) · output {shape} · {params} params",
        "zh": "<b>{name}</b> · {stage}（{detail}）· 输出 {shape} · 参数量 {params}",
    },
    "draw.fig.layer_detail": {
        "en": "{in_channels}→{out_channels}, kernel_size={k}, dilation={dilation}, groups={groups}",
        "zh": "{in_channels}→{out_channels}，kernel_size={k}，dilation={dilation}，groups={groups}",
    },
    "draw.fig.shown_of": {"en": "(first {shown} of {total} maps)", "zh": "（显示 {total} 个中的前 {shown} 个）"},
    "draw.fig.input": {"en": "model input (28×28)", "zh": "模型输入（28×28）"},
    "draw.fig.saliency": {"en": "saliency on the input", "zh": "叠加在输入上的显著性"},
    "draw.fig.saliency_hover": {"en": "saliency %{z:.2f}", "zh": "显著性 %{z:.2f}"},
}
