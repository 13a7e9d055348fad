"""The ``DWConv`` block of vision transformers (PVTv2, SegFormer's Mix-FFN): a depthwise 3x3 conv on tokens.

Tokens ``(B, N, C)`` are turned into a feature map ``(B, C, H, W)`` (transpose, then view with N = H*W),
convolved depthwise (3x3, padding 1, ``groups = C``, no bias: the spatial size and C are kept), and turned
back into tokens. There is no pointwise conv: the channels are mixed by the transformer's MLP (the two
``nn.Linear`` of the feed-forward block around it). Every shape here comes from running the real layers.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from dsconv.conv.arithmetic import ConvSpec, conv_cost

POST = {"B": 2, "N": 64, "C": 768, "H": 8, "W": 8}  # the post's worked example
POST_CODE_DEFAULT_DIM = 666  # the post's code: ``def __init__(self, dim=666)``, while its text says 768


class DWConv(nn.Module):
    """Depthwise 3x3 conv on a token sequence of an ``H x W`` grid (PVTv2 / SegFormer)."""

    def __init__(self, dim: int = 768) -> None:
        super().__init__()
        self.dwconv = nn.Conv2d(dim, dim, 3, 1, 1, bias=False, groups=dim)

    def forward(self, x: torch.Tensor, h: int, w: int) -> torch.Tensor:
        b, n, c = x.shape
        x = x.transpose(1, 2).view(b, c, h, w)  # (B, C, N) -> (B, C, H, W)
        x = self.dwconv(x)
        return x.flatten(2).transpose(1, 2)  # (B, C, H*W) -> (B, N, C)


@dataclass(frozen=True)
class Step:
    """One step of the forward pass: the code that runs and the shape it gives."""

    code: str
    shape: tuple[int, ...]


@dataclass(frozen=True)
class TokenLesson:
    """The shapes after every step, the cost, and the post's dim mismatch."""

    steps: tuple[Step, ...]
    params: int
    params_formula: str
    macs: int
    code_default_dim: int
    text_dim: int
    weight_shape: tuple[int, ...]
    pointwise_params_if_added: int  # what a 1x1 conv C -> C would add (the MLP does this job instead)


def check_grid(n: int, h: int, w: int) -> None:
    """``view(B, C, H, W)`` needs N = H * W: raise ValueError naming the numbers otherwise."""
    if h * w != n:
        raise ValueError(f"N = {n} tokens cannot be viewed as an H×W = {h}×{w} = {h * w} grid")


def token_lesson(b: int = POST["B"], n: int = POST["N"], c: int = POST["C"], h: int = POST["H"],
                 w: int = POST["W"]) -> TokenLesson:
    """Run the block on zeros of shape (B, N, C) and record every intermediate shape."""
    check_grid(n, h, w)
    block = DWConv(c)
    x = torch.zeros(b, n, c)
    with torch.no_grad():
        t = x.transpose(1, 2)
        v = t.contiguous().view(b, c, h, w)
        y = block.dwconv(v)
        f = y.flatten(2)
        out = f.transpose(1, 2)
        assert torch.equal(out, block(x, h, w))
    spec = ConvSpec(c, c, 3, padding=1, groups=c, bias=False)
    cost = conv_cost(spec, h, w)
    steps = (
        Step("x", tuple(x.shape)),
        Step("x = x.transpose(1, 2)", tuple(t.shape)),
        Step(f"x = x.view(B, C, H, W)", tuple(v.shape)),
        Step("x = self.dwconv(x)", tuple(y.shape)),
        Step("x = x.flatten(2)", tuple(f.shape)),
        Step("x = x.transpose(1, 2)", tuple(out.shape)),
    )
    params = sum(p.numel() for p in block.parameters())
    pw = sum(p.numel() for p in nn.Conv2d(c, c, 1, bias=False, device="meta").parameters())
    return TokenLesson(steps, params, f"{c}·3·3 = {params:,}", cost.macs * b, POST_CODE_DEFAULT_DIM, c,
                       tuple(block.dwconv.weight.shape), pw)


def token_code(b: int = POST["B"], n: int = POST["N"], c: int = POST["C"], h: int = POST["H"], w: int = POST["W"]) -> str:
    """A runnable script: the block with ``dim`` = C (not the post's 666) and a forward pass printing shapes."""
    return (
        "import torch\nfrom torch import nn\n\n\n"
        "class DWConv(nn.Module):\n"
        f"    def __init__(self, dim={c}):  # the post's code says dim=666; its example uses {c}\n"
        "        super().__init__()\n"
        "        # depthwise only: groups = dim, one 3x3 filter per channel, no pointwise 1x1\n"
        "        self.dwconv = nn.Conv2d(dim, dim, 3, 1, 1, bias=False, groups=dim)\n\n"
        "    def forward(self, x, H, W):\n"
        "        B, N, C = x.shape                      # tokens, N = H * W\n"
        "        x = x.transpose(1, 2).view(B, C, H, W)  # -> (B, C, H, W)\n"
        "        x = self.dwconv(x)                     # -> (B, C, H, W), size kept by padding 1\n"
        "        return x.flatten(2).transpose(1, 2)    # -> (B, N, C)\n\n\n"
        f"block = DWConv({c})\n"
        f"x = torch.randn({b}, {n}, {c})  # (B, N, C)\n"
        f"print(block(x, {h}, {w}).shape)  # torch.Size([{b}, {n}, {c}])\n"
        "print(sum(p.numel() for p in block.parameters()))  # " + f"{c * 9}\n"
    )
