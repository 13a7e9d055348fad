"""Strings of the home page: what the app teaches, the map of pages, and the lessons."""

STRINGS: dict[str, dict[str, str]] = {
    "home.title": {"en": "dsconv explorer: convolutions you can see", "zh": "dsconv 卷积探索：看得见的卷积"},
    "home.intro": {
        "en": (
            "Learn how **grouped**, **depthwise-separable** and **dilated** convolutions work: watch the "
            "kernel slide, see how `groups` wires channels, count parameters and compute exactly (checked "
            "against PyTorch), watch the receptive field grow, and try a small depthwise-separable dilated "
            "CNN trained on real MNIST on a digit you draw."
        ),
        "zh": (
            "学习**分组卷积**、**深度可分离卷积**和**空洞卷积**是怎样工作的：看卷积核滑动，看 `groups` "
            "如何连接通道，精确计算参数量和计算量（与 PyTorch 逐一核对），看感受野如何增长，"
            "再用一个在真实 MNIST 上训练的深度可分离空洞卷积小网络识别你手写的数字。"
        ),
    },
    "home.map.title": {"en": "Pages", "zh": "页面导览"},
    "home.map.playground": {
        "en": "The kernel sliding over the input, groups wiring, depthwise + pointwise.",
        "zh": "卷积核在输入上滑动、分组连接方式、深度卷积 + 逐点卷积。",
    },
    "home.map.receptive_field": {
        "en": "How the receptive field grows layer by layer, with and without dilation.",
        "zh": "感受野如何逐层增长：有无空洞（膨胀）的对比。",
    },
    "home.map.cost": {
        "en": "Exact parameters and MACs, and measured speed: standard vs grouped vs DW-separable.",
        "zh": "精确的参数量与计算量，以及实测速度：标准卷积、分组卷积、深度可分离卷积对比。",
    },
    "home.map.train": {
        "en": "Train the book's MNIST nets in the app and watch the loss fall.",
        "zh": "在应用中训练书中的 MNIST 网络，观察损失下降。",
    },
    "home.map.draw": {
        "en": "Draw a digit; see the prediction, every layer's feature maps and the saliency.",
        "zh": "手写一个数字，查看预测结果、每一层的特征图和显著性图。",
    },
    "home.map.builder": {
        "en": "Stack layers yourself and see shapes, parameters and compute.",
        "zh": "自己堆叠网络层，查看形状、参数量和计算量。",
    },
    "home.lessons.title": {"en": "Lessons", "zh": "课堂示例"},
    "home.lessons.intro": {
        "en": (
            "Each lesson opens a page with the exact configuration of an example from the book or the course. "
            "The numbers below are computed by the app (the same code the pages use), not typed in."
        ),
        "zh": "每个示例一键打开对应页面，并设置好教材或课程中的原始配置。下面的数字都由本应用计算（与各页面用的是同一份代码），不是手工填写的。",
    },
    "home.source.book": {"en": "Book", "zh": "教材"},
    "home.source.course": {"en": "Course", "zh": "课程"},
    "home.source.book_course": {"en": "Book figures 5-15, 5-16, 5-17 and the course's DW / PW diagrams",
                                "zh": "教材图 5-15、5-16、5-17 与课程中的 DW / PW 示意图"},
    "home.lesson.book_figs.title": {
        "en": "See it: standard conv vs depthwise, then pointwise (28×28×3 → 4 maps)",
        "zh": "看得见：标准卷积 vs 先深度卷积、再逐点卷积（28×28×3 → 4 张特征图）",
    },
    "home.lesson.book_figs.text": {
        "en": (
            "Fig. 5-15: a standard conv, 4 kernels of 3×3×3, each reading all 3 channels. Fig. 5-16 (the course's "
            "DW diagram: m channels → m one-channel kernels → m maps): 3 kernels of 3×3, one per channel, padding 1. "
            "Fig. 5-17 (the course's PW diagram: n kernels of 1×1×m → n maps): 4 kernels of 1×1×3. The book's text "
            "says the pointwise output is 28×28×3; each of the 4 kernels makes one map, so it is **28×28×4**. "
            "The links replay each figure on a 6×6 crop with every product and partial sum shown."
        ),
        "zh": (
            "图 5-15：标准卷积，4 个 3×3×3 的卷积核，每个都读取全部 3 个通道。图 5-16（即课程的 DW 示意图：m 个通道 → "
            "m 个单通道卷积核 → m 张特征图）：3 个 3×3 卷积核，每个通道一个，padding 为 1。图 5-17（课程的 PW 示意图："
            "n 个 1×1×m 卷积核 → n 张特征图）：4 个 1×1×3 卷积核。教材正文说逐点卷积的输出是 28×28×3；"
            "但 4 个卷积核各产生一张特征图，所以应为 **28×28×4**。下面的链接在 6×6 的小区域上重放每张图，"
            "每个乘积和部分和都会显示出来。"
        ),
    },
    "home.fact.fig515": {"en": "Fig. 5-15 standard conv output (H×W×C)", "zh": "图 5-15 标准卷积输出（H×W×C）"},
    "home.fact.fig516": {"en": "Fig. 5-16 depthwise output", "zh": "图 5-16 深度卷积输出"},
    "home.fact.fig517": {"en": "Fig. 5-17 pointwise output (the text says 28×28×3)",
                         "zh": "图 5-17 逐点卷积输出（正文写作 28×28×3）"},
    "home.fact.std_weights": {"en": "weights, standard (3·3·3·4)", "zh": "权重数，标准卷积（3·3·3·4）"},
    "home.fact.dwpw_weights": {"en": "weights, depthwise + pointwise (3·3·3 + 3·4)", "zh": "权重数，深度 + 逐点（3·3·3 + 3·4）"},
    "home.link.fig515": {"en": "Replay fig. 5-15: the standard conv", "zh": "重放图 5-15：标准卷积"},
    "home.link.fig516": {"en": "Replay fig. 5-16: depthwise, every channel at once", "zh": "重放图 5-16：深度卷积，各通道同时计算"},
    "home.link.fig517": {"en": "Replay fig. 5-17: pointwise 1×1×3", "zh": "重放图 5-17：逐点卷积 1×1×3"},
    # lessons
    "home.lesson.book_dwpw.title": {
        "en": "Depthwise + pointwise: 3 → 4 channels",
        "zh": "深度卷积 + 逐点卷积：3 → 4 通道",
    },
    "home.lesson.book_dwpw.text": {
        "en": (
            "A 3×3 depthwise conv with groups = 3 (one filter per input channel), then a 1×1 pointwise conv "
            "that mixes the 3 channels into 4: the depthwise-separable replacement of a standard 3×3 conv."
        ),
        "zh": "先做 groups = 3 的 3×3 深度卷积（每个输入通道一个卷积核），再用 1×1 逐点卷积把 3 个通道混合成 4 个：这就是替代标准 3×3 卷积的深度可分离卷积。",
    },
    "home.lesson.book_dwpw.illegal": {
        "en": (
            "The book's text says groups = 4. That is illegal here: every group needs the same number of input "
            "channels, so groups must divide in_channels = 3 (PyTorch's Conv2d refuses it too):"
        ),
        "zh": "教材正文写的是 groups = 4。这在这里是不合法的：每一组必须分到同样多的输入通道，所以 groups 必须整除 in_channels = 3（PyTorch 的 Conv2d 同样会拒绝）：",
    },
    "home.lesson.book_params.title": {
        "en": "Parameters: fully connected vs conv vs depthwise-separable",
        "zh": "参数量对比：全连接 vs 卷积 vs 深度可分离卷积",
    },
    "home.lesson.book_params.text": {
        "en": (
            "On a 3×28×28 image: Linear(3·28·28, 3·28·28) vs Conv2d(3, 3, 3) vs depthwise Conv2d(3, 3, 3, "
            "groups=3) + pointwise Conv2d(3, 3, 1). Weight sharing, then separating, cut the parameters."
        ),
        "zh": "在 3×28×28 的图像上：Linear(3·28·28, 3·28·28) 对比 Conv2d(3, 3, 3) 对比深度卷积 Conv2d(3, 3, 3, groups=3) + 逐点卷积 Conv2d(3, 3, 1)。权值共享和可分离结构让参数量一再减少。",
    },
    "home.lesson.course.title": {
        "en": "Course exercise: 3×128×128, DW 3×3, PW to 10",
        "zh": "课程练习：3×128×128，3×3 深度卷积，逐点卷积到 10 通道",
    },
    "home.lesson.course.text": {
        "en": "The depthwise conv keeps 3 channels and shrinks 128 to 126; the pointwise conv turns 3 channels into 10.",
        "zh": "深度卷积保持 3 个通道，尺寸从 128 变为 126；逐点卷积把 3 个通道变成 10 个。",
    },
    "home.lesson.course_rf.title": {
        "en": "Receptive field of two stacked 3×3 convs",
        "zh": "两层 3×3 卷积堆叠的感受野",
    },
    "home.lesson.course_rf.text": {
        "en": "On a 6×6 input each output of layer 1 sees 3×3 input pixels, each output of layer 2 sees 5×5.",
        "zh": "在 6×6 的输入上，第 1 层的每个输出看到 3×3 个输入像素，第 2 层的每个输出看到 5×5 个。",
    },
    "home.lesson.dil1248.title": {
        "en": "Dilation 1-2-4-8: exponential context",
        "zh": "空洞率 1-2-4-8：感受野指数增长",
    },
    "home.lesson.dil1248.text": {
        "en": "Four 3×3 convs with dilation 1, 2, 4, 8 see 31×31 pixels with the same parameters as four plain 3×3 convs (9×9).",
        "zh": "空洞率为 1、2、4、8 的四层 3×3 卷积能看到 31×31 个像素，参数量与四层普通 3×3 卷积（感受野 9×9）完全相同。",
    },
    "home.lesson.seed_mnist.title": {
        "en": "The book's MNIST net with a dilated depthwise-separable conv",
        "zh": "教材中带空洞深度可分离卷积的 MNIST 网络",
    },
    "home.lesson.seed_mnist.text": {
        "en": (
            "Conv 7×7 → grouped conv 3×3 (groups 6, dilation 2) → pointwise 1×1 → conv 3×3 → linear: "
            "fewer parameters than the book's standard net, and a digit you draw to test it. The book calls the "
            "middle conv depthwise, but `Conv2d(12, 12, 3, groups=6, dilation=2)` gives each group 12 / 6 = 2 "
            "input channels, so it is a grouped conv (depthwise needs groups = in_channels = 12); this app, "
            "the Builder and Draw call it grouped."
        ),
        "zh": (
            "7×7 卷积 → 3×3 分组卷积（groups 6，空洞率 2）→ 1×1 逐点卷积 → 3×3 卷积 → 全连接：参数量比教材的标准网络少，"
            "还可以手写数字来测试它。教材把中间这层叫作深度卷积，但 `Conv2d(12, 12, 3, groups=6, dilation=2)` "
            "每组有 12 / 6 = 2 个输入通道，所以它是分组卷积（深度卷积要求 groups = in_channels = 12）；"
            "本应用、模型搭建和手写数字页面都称它为分组卷积。"
        ),
    },
    # facts
    "home.fact.dw_weight": {"en": "depthwise weight shape", "zh": "深度卷积权重形状"},
    "home.fact.pw_weight": {"en": "pointwise weight shape", "zh": "逐点卷积权重形状"},
    "home.fact.dwpw_params": {"en": "depthwise + pointwise params", "zh": "深度卷积 + 逐点卷积参数量"},
    "home.fact.standard_params": {"en": "standard conv params", "zh": "标准卷积参数量"},
    "home.fact.output_shape": {"en": "output shape", "zh": "输出形状"},
    "home.fact.linear_params": {"en": "fully connected params", "zh": "全连接层参数量"},
    "home.fact.conv_params": {"en": "Conv2d(3, 3, 3) params", "zh": "Conv2d(3, 3, 3) 参数量"},
    "home.fact.input_shape": {"en": "input shape", "zh": "输入形状"},
    "home.fact.dw_output": {"en": "after the depthwise conv", "zh": "深度卷积之后"},
    "home.fact.dwpw_macs": {"en": "depthwise + pointwise MACs", "zh": "深度卷积 + 逐点卷积计算量 (MACs)"},
    "home.fact.standard_macs": {"en": "standard 3×3 conv MACs", "zh": "标准 3×3 卷积计算量 (MACs)"},
    "home.fact.output_sizes": {"en": "spatial size per layer", "zh": "每层的空间尺寸"},
    "home.fact.rf_per_layer": {"en": "receptive field per layer", "zh": "每层的感受野"},
    "home.fact.rf_dilated": {"en": "receptive field, dilation 1-2-4-8", "zh": "感受野（空洞率 1-2-4-8）"},
    "home.fact.rf_plain": {"en": "receptive field, no dilation", "zh": "感受野（无空洞）"},
    "home.fact.features": {"en": "features before the linear layer", "zh": "全连接层之前的特征"},
    "home.fact.model_params": {"en": "params (this net)", "zh": "参数量（本网络）"},
    "home.fact.standard_model_params": {"en": "params (book's standard net)", "zh": "参数量（教材的标准卷积网络）"},
    "home.fact.quantity": {"en": "quantity", "zh": "项目"},
    "home.fact.value": {"en": "value (computed)", "zh": "数值（计算所得）"},
    # links
    "home.link.open_dwpw": {"en": "Open in the playground", "zh": "在卷积演练场中打开"},
    "home.link.try_groups4": {"en": "Try groups = 4 and see the error", "zh": "试试 groups = 4，看看报错"},
    "home.link.open_cost": {"en": "Open the cost comparison", "zh": "打开参数量与计算量对比"},
    "home.link.open_rf": {"en": "Open the receptive field page", "zh": "打开感受野页面"},
    "home.link.open_draw": {"en": "Draw a digit for this net", "zh": "手写数字测试这个网络"},
    "home.share": {
        "en": "Every control of every page is kept in the URL: copy the address bar to share the exact view.",
        "zh": "每个页面的每个控件都保存在网址中：复制地址栏即可分享完全相同的视图。",
    },

    # lessons from the posts, the book, the famous receptive fields and the course's questions
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
    "home.map.faq": {"en": "The token DWConv, the 4×4×3 example with Keras code, and learners' questions answered.",
                     "zh": "Token 上的 DWConv、4×4×3 算例（含 Keras 代码），以及学员提问解答。"},
}
