"""Famous networks' receptive fields: every published end point, and the same numbers measured with torch."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from dsconv.receptive.famous import analyse, end_point_name, networks

# google-research/receptive_field, RECEPTIVE_FIELD_TABLE.md, resolution 224: (RF, effective stride, effective padding)
PUBLISHED = {
    "alexnet": {"alexnet_v2/conv1": (11, 4, 0), "alexnet_v2/pool1": (19, 8, 0), "alexnet_v2/conv2": (51, 8, 16),
                "alexnet_v2/conv3": (99, 16, 32), "alexnet_v2/conv4": (131, 16, 48),
                "alexnet_v2/conv5": (163, 16, 64), "alexnet_v2/pool5": (195, 32, 64)},
    "vgg16": {"vgg_16/conv1/conv1_1": (3, 1, 1), "vgg_16/pool1": (6, 2, 2), "vgg_16/conv2/conv2_1": (10, 2, 4),
              "vgg_16/pool2": (16, 4, 6), "vgg_16/conv3/conv3_1": (24, 4, 10), "vgg_16/conv3/conv3_2": (32, 4, 14),
              "vgg_16/pool3": (44, 8, 18), "vgg_16/conv4/conv4_1": (60, 8, 26), "vgg_16/conv4/conv4_2": (76, 8, 34),
              "vgg_16/pool4": (100, 16, 42), "vgg_16/conv5/conv5_1": (132, 16, 58),
              "vgg_16/conv5/conv5_2": (164, 16, 74), "vgg_16/pool5": (212, 32, 90)},
    "mobilenet_v1": {"Conv2d_0": (3, 2, 0), "Conv2d_1_pointwise": (7, 2, 2), "Conv2d_2_pointwise": (11, 4, 2),
                     "Conv2d_3_pointwise": (19, 4, 6), "Conv2d_4_pointwise": (27, 8, 6),
                     "Conv2d_5_pointwise": (43, 8, 14), "Conv2d_6_pointwise": (59, 16, 14),
                     "Conv2d_7_pointwise": (91, 16, 30), "Conv2d_8_pointwise": (123, 16, 46),
                     "Conv2d_9_pointwise": (155, 16, 62), "Conv2d_10_pointwise": (187, 16, 78),
                     "Conv2d_11_pointwise": (219, 16, 94), "Conv2d_12_pointwise": (251, 32, 94),
                     "Conv2d_13_pointwise": (315, 32, 126)},
    "resnet50": {"resnet_v1_50/block1": (35, 8, 15), "resnet_v1_50/block2": (99, 16, 47),
                 "resnet_v1_50/block3": (291, 32, 143), "resnet_v1_50/block4": (483, 32, 239)},
}
# resolution 321 (padding only; RF and stride do not depend on the size)
PUBLISHED_321_PADDING = {"mobilenet_v1": 157, "resnet50": 241, "alexnet": 64, "vgg16": 90}


@pytest.mark.parametrize("key", list(PUBLISHED))
def test_every_published_end_point_at_224(key):
    net = networks()[key]
    computed = {end_point_name(net, r.layer): (r.rf, r.stride, r.padding) for r in analyse(net, 224) if r.layer.end_point}
    assert computed == PUBLISHED[key]


@pytest.mark.parametrize("key", list(PUBLISHED))
def test_final_padding_at_321_and_final_rf(key):
    last = analyse(networks()[key], 321)[-1]
    assert last.padding == PUBLISHED_321_PADDING[key]
    assert (last.rf, last.stride) == {"alexnet": (195, 32), "vgg16": (212, 32), "mobilenet_v1": (315, 32),
                                      "resnet50": (483, 32)}[key]


def torch_chain(key: str, size: int):
    """The chain as real torch ops (all-ones convs, avg pools) with TF-Slim's (possibly uneven) padding."""
    rows = analyse(networks()[key], size)

    def forward(x: torch.Tensor) -> torch.Tensor:
        for row in rows:
            k, s = row.layer.kernel_size, row.layer.stride
            n = x.shape[-1]
            total = max((row.size_out - 1) * s + k - n, 0)
            x = F.pad(x, (row.pad_before, total - row.pad_before) * 2)
            x = F.conv2d(x, torch.ones(1, 1, k, k, dtype=x.dtype), stride=s)
        return x
    return rows, forward


@pytest.mark.parametrize("key", list(PUBLISHED))
def test_torch_gradient_support_is_the_receptive_field(key):
    """RF: the gradient of a centre output covers exactly r x r pixels; stride: neighbours shift by j."""
    size = 560
    rows, forward = torch_chain(key, size)
    x = torch.zeros(1, 1, size, size, dtype=torch.float64, requires_grad=True)
    out = forward(x)
    assert out.shape[-1] == rows[-1].size_out
    c = out.shape[-1] // 2
    spans = []
    for col in (c, c + 1):
        (grad,) = torch.autograd.grad(out[0, 0, c, col], x, retain_graph=True)
        cols = grad[0, 0].abs().sum(0).nonzero().flatten()
        spans.append((int(cols[0]), int(cols[-1])))
    assert spans[0][1] - spans[0][0] + 1 == rows[-1].rf
    assert spans[1][0] - spans[0][0] == rows[-1].stride


@pytest.mark.parametrize("key", ["alexnet", "vgg16", "mobilenet_v1"])
def test_torch_effective_padding_at_224(key):
    """Output 0's field starts ``padding`` pixels left of the image: its last input pixel is r - 1 - padding."""
    rows, forward = torch_chain(key, 224)
    x = torch.zeros(1, 1, 224, 224, dtype=torch.float64, requires_grad=True)
    forward(x)[0, 0, 0, 0].backward()
    last = int(x.grad[0, 0].abs().sum(0).nonzero().flatten()[-1])
    assert last == rows[-1].rf - 1 - rows[-1].padding
