"""Batch augmentations for how people draw: stroke width and elastic distortion (on the batch's device).

Elastic distortion follows Simard, Steinkraus & Platt (2003, "Best practices for convolutional neural
networks applied to visual document analysis"): a smooth random displacement field, here coarse
noise on a 4x4 grid upsampled bicubically, added to the sampling grid of the affine augmentation.
Stroke width: a 3x3 grey dilation (max pool) or erosion (min pool) blended in with a random strength.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

ELASTIC_GRID = 4  # control points per side of the coarse displacement field


def elastic_field(n: int, h: int, w: int, pixels: float, generator: torch.Generator, device: torch.device) -> torch.Tensor:
    """A smooth (n, h, w, 2) displacement in ``grid_sample`` units; about ``pixels`` px at most."""
    coarse = (torch.rand(n, 2, ELASTIC_GRID, ELASTIC_GRID, generator=generator) * 2 - 1).to(device)
    field = F.interpolate(coarse, size=(h, w), mode="bicubic", align_corners=True)
    scale = torch.tensor([2.0 * pixels / w, 2.0 * pixels / h], device=device).view(1, 2, 1, 1)
    return (field * scale).permute(0, 2, 3, 1)


def stroke_width(x: torch.Tensor, generator: torch.Generator, probability: float) -> torch.Tensor:
    """Thicken (half of the chosen images, up to one pixel) or thin (the other half, up to half a pixel) strokes."""
    if probability <= 0:
        return x
    n = x.shape[0]
    r = torch.rand(n, 2, generator=generator).to(x.device)
    chosen = (r[:, 0] < probability).float().view(n, 1, 1, 1)
    strength = r[:, 1].view(n, 1, 1, 1)
    grow = (torch.arange(n, device=x.device) % 2 == 0).float().view(n, 1, 1, 1)
    dilated = F.max_pool2d(x, 3, stride=1, padding=1)
    eroded = -F.max_pool2d(-x, 3, stride=1, padding=1)
    target = grow * dilated + (1 - grow) * eroded
    strength = strength * (0.5 + 0.5 * grow)  # erode at most half-way: a full 3x3 erosion wipes out thin strokes
    return x + chosen * strength * (target - x)
