"""Load and save the shipped model weights: a ``state_dict`` per model in ``assets/<name>.pt``.

Files are always read with ``torch.load(..., weights_only=True)``, so a pickle that tries to run code
is refused; every failure (missing, truncated, corrupt, wrong architecture) is one :class:`WeightsError`.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

import torch
from torch import nn

from dsconv.datadirs import assets_dir as assets_dir_default
from dsconv.i18n import TranslatableError
from dsconv.mnist.models import MODEL_NAMES, build


class WeightsError(TranslatableError, RuntimeError):
    """A weights file that cannot be used; the message names the file and the reason (translatable)."""


def weights_path(name_or_path: str | os.PathLike, assets_dir: str | os.PathLike | None = None) -> Path:
    """``assets_dir/<name>.pt`` for a model name, else the given path itself."""
    text = str(name_or_path)
    if text in MODEL_NAMES:
        return Path(assets_dir if assets_dir is not None else assets_dir_default()) / f"{text}.pt"
    return Path(text).expanduser()


def infer_model_name(path: Path) -> str | None:
    """The model name a weights file belongs to, from its stem (``seed_dsconv.pt`` -> ``seed_dsconv``)."""
    stem = path.stem
    for name in sorted(MODEL_NAMES, key=len, reverse=True):
        if stem == name or stem.startswith(name + "_") or stem.startswith(name + "-"):
            return name
    return None


def read_state_dict(path: Path) -> dict[str, torch.Tensor]:
    """The tensors in ``path``, read with ``weights_only=True``; anything else raises :class:`WeightsError`."""
    if not path.is_file():
        raise WeightsError("train.weights.missing", file=str(path))
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        text = str(exc)
        if "Unsupported global" in text or "GLOBAL" in text:  # asks for Python objects other than tensors
            raise WeightsError("train.weights.unsafe", file=str(path)) from exc
        reason = text.split("WeightsUnpickler error:", 1)[-1].split("Check the documentation")[0]
        raise WeightsError("train.weights.unreadable", file=str(path), reason=" ".join(reason.split())[:200]) from exc
    except Exception as exc:  # UnpicklingError (unsafe pickle), RuntimeError (truncated zip), EOFError ...
        raise WeightsError("train.weights.unreadable", file=str(path), reason=_short(exc)) from exc
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise WeightsError("train.weights.not_state_dict", file=str(path), kind=type(state).__name__)
    for key, tensor in state.items():
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            raise WeightsError("train.weights.not_finite", file=str(path), tensor=key)
    return state


def load_weights(
    name_or_path: str | os.PathLike,
    assets_dir: str | os.PathLike | None = None,
    model: str | None = None,
) -> nn.Sequential:
    """A model (CPU, eval mode) with the weights of a model name or a ``.pt`` path.

    The architecture is ``model`` when given, else inferred from the file name.
    """
    path = weights_path(name_or_path, assets_dir)
    state = read_state_dict(path)
    name = model or infer_model_name(path)
    if name not in MODEL_NAMES:
        raise WeightsError("train.weights.unknown_model", file=str(path), models=", ".join(MODEL_NAMES))
    net = build(name)
    try:
        net.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise WeightsError("train.weights.mismatch", file=str(path), model=name, reason=_short(exc)) from exc
    return net.eval()


def save_weights(model: nn.Module, path: str | os.PathLike) -> Path:
    """Write ``model.state_dict()`` (on CPU) to ``path`` atomically (temp file + rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        torch.save(state, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def average_state_dicts(states: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The mean of every floating-point tensor; integer buffers (BatchNorm's batch count) come from the last."""
    if not states or any(s.keys() != states[0].keys() for s in states):
        raise ValueError("need one or more state_dicts with the same keys")
    return {k: (torch.stack([s[k].float() for s in states]).mean(0).to(states[-1][k].dtype)
                if states[-1][k].is_floating_point() else states[-1][k].clone())
            for k in states[-1]}


def _short(exc: BaseException, limit: int = 240) -> str:
    """An exception message on one line, shortened for display."""
    text = " ".join(line.strip() for line in str(exc).splitlines() if line.strip()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
