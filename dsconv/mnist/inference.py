"""What a trained model does with one digit: probabilities, saliency, every conv layer's feature maps.

Saliency is the plain input gradient of the predicted class score (Simonyan, Vedaldi & Zisserman,
"Deep Inside Convolutional Networks", 2014): pixels where a small change moves the score most.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image
from torch import nn

from dsconv.conv.ledger import Ledger, Row
from dsconv.conv.names import kind
from dsconv.threads import module_hooks_exclusive, single_thread
from dsconv.mnist.models import INPUT_SHAPE, conv_activations, conv_spec_of, layer_table

LOW_CONFIDENCE = 0.6  # below this top probability the page flags the prediction as unsure

@dataclass(frozen=True)
class Prediction:
    """Class probabilities for one digit, the top class and its probability."""

    probs: np.ndarray  # (10,)
    digit: int
    confidence: float

    @property
    def low_confidence(self) -> bool:
        """True when the model is unsure (top probability below :data:`LOW_CONFIDENCE`)."""
        return self.confidence < LOW_CONFIDENCE


@dataclass(frozen=True)
class LayerActivation:
    """The feature maps of one conv layer, with what the layer is and what it costs."""

    name: str
    stage: str  # "standard", "depthwise", "grouped" or "pointwise"
    in_channels: int
    out_channels: int
    kernel_size: int
    dilation: int
    groups: int
    out_shape: tuple[int, ...]  # (C, H, W)
    params: int
    macs: int
    maps: np.ndarray  # C x H x W


@dataclass(frozen=True)
class ModelCost:
    """Whole-model totals from :func:`dsconv.mnist.models.layer_table`."""

    params: int
    macs: int


_tables: "weakref.WeakKeyDictionary[nn.Module, dict[tuple[int, ...], Ledger[Row]]]" = weakref.WeakKeyDictionary()


def ledger(model: nn.Sequential, input_shape: tuple[int, ...]) -> Ledger[Row]:
    """:func:`layer_table`, memoised per model object (it depends on the architecture only)."""
    memo = _tables.setdefault(model, {})
    if input_shape not in memo:
        with single_thread():
            memo[input_shape] = layer_table(model, input_shape)
    return memo[input_shape]


def layer_rows(model: nn.Sequential, input_shape: tuple[int, ...]) -> dict[str, Row]:
    """The model's ledger rows by layer name."""
    return {row.name: row for row in ledger(model, input_shape)}


def predict(model: nn.Module, x: torch.Tensor) -> Prediction:
    """Softmax probabilities of ``model`` (eval mode) for one normalised 1x1x28x28 input."""
    model.eval()
    with single_thread(), torch.inference_mode():
        probs = torch.softmax(model(x), dim=1)[0].numpy().astype(np.float64)
    digit = int(probs.argmax())
    return Prediction(probs=probs, digit=digit, confidence=float(probs[digit]))


def saliency(model: nn.Module, x: torch.Tensor, target: int | None = None) -> np.ndarray:
    """|d score[target] / d input| as a 28x28 array scaled to [0, 1] (target defaults to the top class).

    Uses ``torch.autograd.grad`` so no ``.grad`` is left on the (shared, cached) model's parameters.
    """
    model.eval()
    inp = x.detach().clone().requires_grad_(True)
    with module_hooks_exclusive(), single_thread(), torch.enable_grad():
        scores = model(inp)[0]
        k = int(scores.argmax()) if target is None else target
        (grad,) = torch.autograd.grad(scores[k], inp)
    sal = grad.abs()[0, 0].numpy().astype(np.float64)
    peak = sal.max()
    return sal / peak if peak > 0 else sal


def activations(model: nn.Sequential, x: torch.Tensor) -> list[LayerActivation]:
    """Feature maps of every ``nn.Conv2d`` (in order), with stage, shape, params and MACs."""
    model.eval()
    costs = layer_rows(model, tuple(x.shape[1:]))
    with single_thread():
        maps = conv_activations(model, x)
    found = []
    for name, layer, out in maps:
        spec = conv_spec_of(layer)
        row = costs[name]
        found.append(
            LayerActivation(
                name=name,
                stage=kind(spec.in_channels, spec.groups, spec.kernel_size),
                in_channels=spec.in_channels,
                out_channels=spec.out_channels,
                kernel_size=spec.kernel_size,
                dilation=spec.dilation,
                groups=spec.groups,
                out_shape=tuple(out.shape[1:]),
                params=row.params,
                macs=row.macs,
                maps=out[0].numpy(),
            )
        )
    return found


def model_cost(model: nn.Sequential) -> ModelCost:
    """Total params and MACs (conv + linear) of a model, summed over :func:`layer_table`."""
    totals = ledger(model, INPUT_SHAPE)
    return ModelCost(params=totals.params, macs=totals.macs)


@dataclass(frozen=True)
class ComparisonRow:
    """One model's answer for the shared drawing, and its size."""

    label: str
    digit: int
    confidence: float
    params: int
    macs: int


def compare(models: dict[str, nn.Sequential], x: torch.Tensor, costs: dict[str, ModelCost] | None = None) -> list[ComparisonRow]:
    """Every model's prediction on the same input, with params and MACs (``costs`` may be precomputed)."""
    rows = []
    for label, model in models.items():
        pred = predict(model, x)
        cost = (costs or {}).get(label) or model_cost(model)
        rows.append(ComparisonRow(label, pred.digit, pred.confidence, cost.params, cost.macs))
    return rows


@dataclass(frozen=True)
class Analysis:
    """Everything the page shows for one drawing and the chosen model."""

    prediction: Prediction
    saliency: np.ndarray
    activations: list[LayerActivation]
    comparison: list[ComparisonRow]


def analyse(
    model: nn.Sequential,
    x: torch.Tensor,
    others: dict[str, nn.Sequential] | None = None,
    costs: dict[str, ModelCost] | None = None,
) -> Analysis:
    """Prediction, saliency and activations of ``model``, and every model of ``others`` on the same input."""
    return Analysis(
        prediction=predict(model, x),
        saliency=saliency(model, x),
        activations=activations(model, x),
        comparison=compare(others or {}, x, costs),
    )


def render_on_canvas(
    digit: np.ndarray,
    size: int = 280,
    scale: float = 10.0,
    offset: tuple[int, int] | None = None,
) -> np.ndarray:
    """Draw a 28x28 MNIST digit (uint8, white on black) onto a size x size RGBA canvas like the page's.

    The digit is upscaled by ``scale`` (bilinear, as a smooth pen stroke would look) and placed with its
    top-left corner at ``offset`` (centred when None); background is opaque black, alpha 255.
    """
    side = max(1, round(digit.shape[0] * scale))
    big = np.asarray(Image.fromarray(np.asarray(digit, dtype=np.uint8)).resize((side, side), Image.Resampling.BILINEAR))
    grey = np.zeros((size, size), dtype=np.uint8)
    top, left = offset if offset is not None else ((size - side) // 2, (size - side) // 2)
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + side, size), min(left + side, size)
    if r1 > r0 and c1 > c0:
        grey[r0:r1, c0:c1] = big[r0 - top : r1 - top, c0 - left : c1 - left]
    canvas = np.empty((size, size, 4), dtype=np.uint8)
    canvas[..., :3] = grey[..., None]
    canvas[..., 3] = 255
    return canvas
