"""Example pastes for the page: the app's own code reproducing the seeds' networks and the course's slips."""

from __future__ import annotations

BOOK_CNN = '''import torch
from torch import nn


class MnistCNN(nn.Module):
    """The book's 5.2 network: three convolutions, then a linear classifier."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 12, kernel_size=7),   # 28 -> 22
            nn.ReLU(),
            nn.Conv2d(12, 24, kernel_size=5),  # 22 -> 18
            nn.ReLU(),
            nn.Conv2d(24, 6, kernel_size=3),   # 18 -> 16
        )
        self.classifier = nn.Linear(in_features=1536, out_features=10)

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


model = MnistCNN()
'''

BOOK_LINEAR = BOOK_CNN.replace("in_features=1536", "in_features=6 * 28 * 28").replace(
    '"""The book\'s 5.2 network: three convolutions, then a linear classifier."""',
    '"""Work out in_features: what is left of 28×28 after three unpadded convolutions?"""')

COURSE = '''import torch
import torch.nn as nn

x = torch.rand(3, 128, 128).unsqueeze(0)  # batch of one 3-channel 128×128 map
channels = x.shape[1]
kernel_size = 3

dw = nn.Conv2d(channels, channels, kernel_size, groups=channels)  # depthwise: one 3×3 filter per channel
pw = nn.Conv2d(channels, 10, 1)                                   # pointwise: mixes the channels
out = pw(dw(x))                                                   # 1×10×126×126
'''

COURSE_SLIPS = '''import torch
import torch.nn as nn

x = torch.rand(3, 128, 128)                     # no batch dimension
kernel_size_pw = 3

dw = nn.Conv2d(3, 3, (3, 3), stride=(3, 3), groups=3)
depthwise = nn.Conv2d(3, 3, 3, padding=1, groups=1)
pw = nn.Conv2d(3, 10, kernel_size_pw)
out = pw(depthwise(dw(x)))
'''

SEQUENTIAL = '''import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1, bias=False),
    nn.BatchNorm2d(16),
    nn.ReLU(),
    nn.Conv2d(16, 16, 3, stride=2, padding=1, groups=16, bias=False),  # depthwise, stride 2
    nn.BatchNorm2d(16),
    nn.ReLU(),
    nn.Conv2d(16, 32, 1, bias=False),                                   # pointwise
    nn.BatchNorm2d(32),
    nn.ReLU(),
    nn.AdaptiveAvgPool2d(1),
    nn.Flatten(),
    nn.Linear(32, 10),
)
'''

# name -> (code, input shape for the field)
EXAMPLES: dict[str, tuple[str, str]] = {
    "book_cnn": (BOOK_CNN, "1×1×28×28"),
    "book_linear": (BOOK_LINEAR, "1×1×28×28"),
    "course": (COURSE, "1×3×128×128"),
    "course_slips": (COURSE_SLIPS, "1×3×128×128"),
    "sequential": (SEQUENTIAL, "1×1×28×28"),
}
DEFAULT_EXAMPLE = "book_linear"
