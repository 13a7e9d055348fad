"""Hostile pastes the reader is tested and benchmarked against, and a normal 50-line paste to compare with."""

from __future__ import annotations

from dsconv.paste import limits as L

NORMAL_50 = '''import torch
from torch import nn

kernel_size = 3
width = 16


class SmallMobileNet(nn.Module):
    """A 50-line paste: conv stem, three depthwise-separable blocks, global pooling and a classifier."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, width, kernel_size, padding=1, bias=False)
        self.stem_bn = nn.BatchNorm2d(width)
        self.dw1 = nn.Conv2d(width, width, kernel_size, stride=2, padding=1, groups=width, bias=False)
        self.dw1_bn = nn.BatchNorm2d(width)
        self.pw1 = nn.Conv2d(width, 32, 1, bias=False)
        self.pw1_bn = nn.BatchNorm2d(32)
        self.dw2 = nn.Conv2d(32, 32, kernel_size, padding=2, dilation=2, groups=32, bias=False)
        self.dw2_bn = nn.BatchNorm2d(32)
        self.pw2 = nn.Conv2d(32, 64, 1, bias=False)
        self.pw2_bn = nn.BatchNorm2d(64)
        self.dw3 = nn.Conv2d(64, 64, kernel_size, stride=2, padding=1, groups=64, bias=False)
        self.dw3_bn = nn.BatchNorm2d(64)
        self.pw3 = nn.Conv2d(64, 128, 1, bias=False)
        self.pw3_bn = nn.BatchNorm2d(128)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.stem_bn(self.stem(x)))
        x = torch.relu(self.dw1_bn(self.dw1(x)))
        x = torch.relu(self.pw1_bn(self.pw1(x)))
        x = torch.relu(self.dw2_bn(self.dw2(x)))
        x = torch.relu(self.pw2_bn(self.pw2(x)))
        x = torch.relu(self.dw3_bn(self.dw3(x)))
        x = torch.relu(self.pw3_bn(self.pw3(x)))
        x = self.pool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


model = SmallMobileNet()
x = torch.rand(8, 1, 28, 28)
logits = model(x)
print(logits.shape)  # torch.Size([8, 10])

# the table: 8 images of 1×28×28 through
# a stem, three DW+PW blocks and a classifier
# (fifty lines in all)
'''

_CHARS = L.MAX_CHARS
HOSTILE: dict[str, str | bytes] = {
    "imports_and_system_calls": "import os\nimport subprocess\nos.system('touch /tmp/dsconv_paste_pwned')\n"
                                "subprocess.run(['sh', '-c', 'echo pwned'])\n__import__('os').remove('x')\n",
    "dunder_escape": "x = ().__class__.__bases__[0].__subclasses__()\nimport torch.nn as nn\n"
                     "c = nn.Conv2d(3, 3, 3).__class__.__init__\n",
    "deep_parentheses": "x = " + "(" * 900 + "1" + ")" * 900,
    "deep_unary_chain": "x = " + "-" * 1900 + "1",
    "long_binop_chain": "x = " + "+".join(["1"] * 900),
    "long_attribute_chain": "x = a" + ".b" * 900,
    "deep_fstring": "x = f'{" + "-" * 1500 + "1}'",
    "huge_number_literal": "k = " + "9" * 1900,
    "huge_power": "k = 10 ** 10 ** 10 ** 10\nimport torch.nn as nn\nnn.Conv2d(3, 3, k)\n",
    "huge_product": "k = 9999999 * 9999999 * 9999999\n",
    "huge_kernel": "import torch.nn as nn\nnn.Conv2d(3, 3, 9999999)\n",
    "huge_channels": "import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(3, 9999999, 3), nn.Conv2d(9999999, 9999999, 3))\n",
    "huge_input_tensor": "import torch\nimport torch.nn as nn\nx = torch.rand(9999999, 9999999)\nnn.Linear(9999999, 1)(x)\n",
    "nested_lists": "x = " + "[" * 900 + "]" * 900,
    "deep_indentation": "\n".join(" " * i + "if 1:" for i in range(0, 99)) + "\n" + " " * 99 + "pass\n",
    "too_many_layers": "import torch.nn as nn\n" + "\n".join(["nn.Conv2d(3, 3, 1)"] * 400),
    "self_referencing_class": "import torch.nn as nn\nclass A(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                              "        self.a = A()\n    def forward(self, x):\n        return self.a(x)\nA()\n",
    "endless_loop": "while True:\n    pass\n",
    "comprehension_bomb": "x = [i for i in range(10 ** 12)]\n",
    "string_bomb": "x = 'a' * 10 ** 12\n",
    "lambda_call": "import torch.nn as nn\nf = lambda: 3\nnn.Conv2d(3, 3, f())\n",
    "too_long": "#" * (_CHARS + 1),
    "too_many_lines": "\n" * 5000,
    "long_line": "x = 1" + " " * 5000,
    "nul_byte": "x = 1\x00\n",
    "non_utf8_bytes": b"import torch.nn as nn\nnn.Conv2d(3, 3, 3)  # \xff\xfe\xfa\n",
    "syntax_error": "import torch.nn as nn\nnn.Conv2d(3, 3, 3\n",
    "unterminated_string": "x = '''\n",
    "max_size_valid_code": ("import torch.nn as nn\n" + "k = 3\n" * ((_CHARS - 40) // 6))[:_CHARS],
}
