"""The project's one training loop: MNIST on CUDA when available (mixed precision, data on the device), else CPU.

Recipe: AdamW (or SGD + Nesterov momentum) with a one-cycle learning-rate schedule (Smith & Topin 2017)
and light tensor augmentation (small random shifts and rotations via ``affine_grid``). Used by
``python -m dsconv.train``, the Train page and the Model Builder through :func:`fit`.
"""

from __future__ import annotations

import math
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn

from dsconv.mnist.data import Mnist
from dsconv.handwriting import augment as handaug
from dsconv.mnist.models import layer_table, normalize

# The Train page shares one classroom server: one run may touch at most this many training images
# (epochs x training-set size; the default run, 6 x 60,000, takes ~90 s of one core), and uses half the
# CPU cores so other pages stay responsive.
CLASSROOM_MAX_IMAGES = 360_000
SUBSET_CHOICES: tuple[int, ...] = (1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000)
CLASSROOM_EPOCHS = (1, 10, 6)  # the Train page's epochs slider: min, max, default
CLASSROOM_LR = 5e-3  # one-cycle peak of the live recipe (python bench/live_training.py measures it)
CLASSROOM_EMA = 0.99  # weight averaging: the test curve no longer dips while the rate is at its peak


def classroom_threads() -> int:
    """CPU threads for a training run in the app: half the cores, at least one."""
    return max(1, (os.cpu_count() or 2) // 2)


def option(default, help: str, choices: tuple[str, ...] | None = None):
    """A :class:`TrainConfig` field that is also a ``python -m dsconv.train`` option (``--field-name``)."""
    return field(default=default, metadata={"help": help, "choices": choices})


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run (defaults: the recipe of the shipped weights)."""

    epochs: int = option(3, "passes over the training set")
    batch_size: int = option(128, "images per step")
    lr: float = option(4e-3, "peak learning rate of the one-cycle schedule")
    weight_decay: float = option(1e-4, "decoupled weight decay (not on biases or BatchNorm)")
    optimizer: str = option("adamw", "adamw, or sgd (Nesterov momentum unless --momentum 0)", ("adamw", "sgd"))
    momentum: float = option(0.9, "SGD momentum (0: plain SGD, the seed book's)")
    schedule: str = option("onecycle", "learning rate: one-cycle (Smith & Topin 2017) or constant",
                           ("onecycle", "constant"))
    shuffle: bool = option(True, "a new random order every epoch (--no-shuffle: file order, the seed book's)")
    drop_last: bool = option(False, "drop the last partial batch (the seed book's len(x) // batch_size steps)")
    augment: bool = option(True, "random shifts and rotations (--no-augment: off)")
    max_shift: float = option(2.0, "random shift, pixels")
    max_rotate: float = option(10.0, "random rotation, degrees")
    max_scale: float = option(0.0, "random zoom by up to this fraction")
    elastic: float = option(0.0, "elastic distortion in px (Simard et al. 2003); 0: off")
    stroke: float = option(0.0, "probability of a random stroke-width change per image; 0: off")
    pen_digits: int = option(0, "add N renders of each pen-digit training-writer digit (random pen, size, position)")
    subset: int | None = option(None, "train on the first N images only (a quick run)")
    seed: int = option(0, "random seed: the same seed and device give the same weights")
    device: str = option("auto", "where to train", ("auto", "cpu", "cuda"))
    eval_every: int = option(0, "also test every N steps (finer time-to-99%%)")
    target: float = option(0.99, "accuracy whose first reaching time is recorded")
    milestones: tuple[float, ...] = option((0.98, 0.99), "accuracies whose first reaching times are kept")
    test_limit: int | None = option(None, "evaluate on the first N test images only (tests, quick demos)")
    progress_every: int = option(10, "steps between progress reports")
    threads: int | None = option(None, "CPU threads (default: torch's choice)")
    ema: float = option(0.0, "keep an EMA of the weights with this decay, tested and kept instead (0: off)")

    def validate(self) -> None:
        """Raise ValueError naming the broken rule."""
        if self.epochs < 1:
            raise ValueError(f"epochs must be >= 1 (got {self.epochs})")
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be >= 1 (got {self.batch_size})")
        if not self.lr > 0:
            raise ValueError(f"lr must be > 0 (got {self.lr})")
        if self.schedule not in ("onecycle", "constant"):
            raise ValueError(f"schedule must be onecycle or constant (got {self.schedule!r})")
        if not 0.0 <= self.momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1) (got {self.momentum})")
        if self.drop_last and self.subset is not None and self.subset < self.batch_size:
            raise ValueError(f"subset must be >= batch_size {self.batch_size} when the last partial batch is dropped "
                             f"(got {self.subset})")
        if self.optimizer not in ("adamw", "sgd"):
            raise ValueError(f"optimizer must be adamw or sgd (got {self.optimizer!r})")
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"device must be auto, cpu or cuda (got {self.device!r})")
        if not 0.0 <= self.ema < 1.0:
            raise ValueError(f"ema must be in [0, 1) (got {self.ema})")
        if self.subset is not None and self.subset < 1:
            raise ValueError(f"subset must be >= 1 (got {self.subset})")


def classroom_config(epochs: int = CLASSROOM_EPOCHS[2], subset: int = 60_000, lr: float = CLASSROOM_LR,
                     threads: int | None = None, progress_every: int | None = None) -> TrainConfig:
    """The Train page's run: the shipped recipe at a higher peak rate, on the classroom's share of the cores.

    The default (6 epochs of all 60,000 images) takes seed_dsconv from scratch past 99%, and a 1-epoch run
    past 98%; ``bench/live_training.py`` prints the times.
    """
    every = progress_every if progress_every is not None else max(1, epochs * subset // 128 // 40)
    return TrainConfig(epochs=epochs, subset=subset, lr=lr, progress_every=every, ema=CLASSROOM_EMA,
                       threads=classroom_threads() if threads is None else threads)


@dataclass(frozen=True)
class Progress:
    """What a progress callback gets: every ``progress_every`` steps (phase "step"), after evaluations."""

    phase: str  # "step", "eval" (mid-epoch test), "epoch" (end of an epoch)
    epoch: int  # 1-based
    epochs: int
    step: int  # global step, 1-based
    steps_per_epoch: int
    total_steps: int
    loss: float  # mean training loss since the last report
    train_acc: float  # training accuracy since the last report
    test_acc: float | None
    seconds: float  # since fit started


@dataclass(frozen=True)
class EpochStats:
    """One line of the per-epoch log."""

    epoch: int
    loss: float
    train_acc: float
    test_loss: float
    test_acc: float
    seconds: float  # this epoch, evaluation included
    last_batch_acc: float | None = None  # accuracy on the epoch's last training batch (what the seed book prints)


@dataclass(frozen=True)
class EvalResult:
    """Loss, accuracy and the 10x10 confusion matrix (rows: true digit, columns: predicted)."""

    loss: float
    accuracy: float
    confusion: torch.Tensor

    def per_class(self) -> list[float]:
        """Accuracy of each digit 0-9."""
        totals = self.confusion.sum(dim=1).clamp(min=1)
        return (self.confusion.diag().float() / totals.float()).tolist()


@dataclass(frozen=True)
class FitResult:
    """What :func:`fit` returns; ``model`` is trained in place and also returned here."""

    model: nn.Module
    history: list[EpochStats]
    test_accuracy: float
    seconds: float
    steps: int
    device: str
    device_name: str
    stopped: bool
    time_to_target: float | None  # seconds until test accuracy first reached config.target (--eval-every tests excluded)
    curve: list[Progress] = field(default_factory=list)
    time_to: dict[float, float] = field(default_factory=dict)  # the same, for each of config.milestones reached
    probe_seconds: float = 0.0  # spent in --eval-every tests and on_epoch hooks (inside ``seconds``)


def pick_device(choice: str = "auto") -> torch.device:
    """CUDA when asked for or available (``auto``), else CPU; asking for CUDA without one raises."""
    if choice == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda asked for, but torch.cuda.is_available() is False")
    if choice in ("auto", "cuda") and torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def device_name(device: torch.device, threads: int | None = None) -> str:
    """A readable name: the GPU model, or the CPU with its thread count (``threads``, else torch's current one)."""
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    threads = threads or torch.get_num_threads()
    return f"CPU {cpu} ({threads} thread{'s' if threads != 1 else ''})"


def autocast_dtype(device: torch.device) -> torch.dtype | None:
    """bf16 on GPUs that support it, else fp16 on CUDA; no autocast on CPU (fp32 is fastest there)."""
    if device.type != "cuda":
        return None
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def to_input(images: torch.Tensor) -> torch.Tensor:
    """uint8 (N, 28, 28) -> float (N, 1, 28, 28) in [0, 1]."""
    return images.unsqueeze(1).float().div_(255.0)


def augment(x: torch.Tensor, generator: torch.Generator, max_shift: float, max_rotate: float,
            max_scale: float = 0.0, elastic: float = 0.0, stroke: float = 0.0) -> torch.Tensor:
    """Random shifts (pixels), rotations (degrees), zoom, elastic distortion and stroke width, on the batch's device."""
    n, _, h, w = x.shape
    rand = torch.rand(n, 4, generator=generator).to(x.device) * 2 - 1
    angle = rand[:, 0] * math.radians(max_rotate)
    zoom = 1.0 + rand[:, 3] * max_scale if max_scale else torch.ones_like(angle)
    cos, sin = angle.cos() / zoom, angle.sin() / zoom
    theta = torch.stack(
        [
            torch.stack([cos, -sin, rand[:, 1] * max_shift * 2 / w], dim=1),
            torch.stack([sin, cos, rand[:, 2] * max_shift * 2 / h], dim=1),
        ],
        dim=1,
    )
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    if elastic:
        grid = grid + handaug.elastic_field(n, h, w, elastic, generator, x.device)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    return handaug.stroke_width(out, generator, stroke)


def ema_step(decay: float) -> Callable[[torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]:
    """One EMA update with a warm-up, decay min(decay, (1 + n) / (10 + n)) after n updates, so a short run
    is not stuck near its random start (TensorFlow's ExponentialMovingAverage ``num_updates`` rule)."""
    def update(averaged: torch.Tensor, current: torch.Tensor, n: torch.Tensor) -> torch.Tensor:
        d = ((1 + n) / (10 + n)).clamp(max=decay).to(averaged.dtype)
        return averaged * d + current * (1 - d)
    return update


def make_optimizer(model: nn.Module, config: TrainConfig, total_steps: int):
    """AdamW or SGD (+Nesterov when momentum > 0), one-cycle over ``total_steps`` or a constant rate; no weight decay
    on biases/BN."""
    decay = [p for p in model.parameters() if p.ndim > 1]
    no_decay = [p for p in model.parameters() if p.ndim <= 1]
    groups = [{"params": decay, "weight_decay": config.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    if config.optimizer == "sgd":
        optimizer = torch.optim.SGD(groups, lr=config.lr, momentum=config.momentum, nesterov=config.momentum > 0)
    else:
        optimizer = torch.optim.AdamW(groups, lr=config.lr)
    if config.schedule == "constant":
        return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, lambda _: 1.0)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=config.lr, total_steps=max(total_steps, 1), pct_start=0.2,
        cycle_momentum=config.optimizer == "sgd" and config.momentum > 0,
    )
    return optimizer, scheduler


@torch.no_grad()
def evaluate(model: nn.Module, images: torch.Tensor, labels: torch.Tensor, batch_size: int = 1000) -> EvalResult:
    """Loss, accuracy and confusion matrix on ``images`` (float [0, 1], N x 1 x 28 x 28, on the model's device)."""
    was_training = model.training
    model.eval()
    device = images.device
    dtype = autocast_dtype(device)
    confusion = torch.zeros(10, 10, dtype=torch.long, device=device)
    total_loss = 0.0
    for start in range(0, len(images), batch_size):
        x = normalize(images[start : start + batch_size])
        y = labels[start : start + batch_size]
        with torch.autocast(device.type, dtype=dtype, enabled=dtype is not None):
            logits = model(x)
        total_loss += float(F.cross_entropy(logits.float(), y, reduction="sum"))
        pred = logits.argmax(dim=1)
        confusion += torch.bincount(y * 10 + pred, minlength=100).reshape(10, 10)
    model.train(was_training)
    n = max(len(images), 1)
    confusion = confusion.cpu()
    return EvalResult(total_loss / n, float(confusion.diag().sum()) / n, confusion)


def train_one_epoch(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    optimizer: torch.optim.Optimizer,
    scheduler,
    config: TrainConfig,
    generator: torch.Generator,
    on_step: Callable[[int, float, int, int], bool] | None = None,
    scaler: torch.amp.GradScaler | None = None,
    ema: torch.optim.swa_utils.AveragedModel | None = None,
) -> tuple[float, float, int, bool, float]:
    """One pass over ``images`` (shuffled, or in file order); returns (mean loss, train accuracy, steps, stopped,
    accuracy on the last batch).

    ``on_step(step_in_epoch, loss_sum, correct, seen)`` runs after each step; returning True stops.
    ``ema``, when given, is updated after every optimizer step.
    """
    model.train()
    device = images.device
    dtype = autocast_dtype(device)
    order = (torch.randperm(len(images), generator=generator) if config.shuffle else torch.arange(len(images))).to(device)
    end = len(images) // config.batch_size * config.batch_size if config.drop_last else len(images)
    loss_sum, correct, seen, steps = 0.0, 0, 0, 0
    batch_loss = torch.zeros((), device=device)
    batch_correct = torch.zeros((), dtype=torch.long, device=device)
    hits = torch.zeros((), dtype=torch.long, device=device)
    for start in range(0, end, config.batch_size):
        idx = order[start : start + config.batch_size]
        x, y = images[idx], labels[idx]
        if config.augment:
            x = augment(x, generator, config.max_shift, config.max_rotate, config.max_scale, config.elastic, config.stroke)
        with torch.autocast(device.type, dtype=dtype, enabled=dtype is not None):
            logits = model(normalize(x).contiguous(memory_format=torch.channels_last))
            loss = F.cross_entropy(logits.float(), y)
        optimizer.zero_grad(set_to_none=True)
        if scaler is not None:
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
        else:
            loss.backward()
            optimizer.step()
        scheduler.step()
        if ema is not None:
            ema.update_parameters(model)
        steps += 1
        seen += len(y)
        batch_loss += loss.detach() * len(y)
        hits = (logits.argmax(dim=1) == y).sum()
        batch_correct += hits
        if on_step is not None and (steps % config.progress_every == 0 or start + config.batch_size >= end):
            loss_sum, correct = float(batch_loss), int(batch_correct)  # syncs only when reporting
            if on_step(steps, loss_sum, correct, seen):
                return loss_sum / seen, correct / seen, steps, True, int(hits) / len(y)
    loss_sum, correct = float(batch_loss), int(batch_correct)
    last = int(hits) / len(y) if steps else 0.0
    return loss_sum / max(seen, 1), correct / max(seen, 1), steps, False, last


def fit(
    model: nn.Module,
    config: TrainConfig,
    data: Mnist,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_epoch: Callable[[EpochStats, nn.Module], None] | None = None,
) -> FitResult:
    """Train ``model`` (any MNIST ``nn.Module``) with ``config`` on ``data``; evaluates on ``data``'s test images per
    epoch (the shipped recipe passes its validation images there).

    ``on_epoch(stats, kept)`` runs after each epoch with the weights that would be kept (the EMA when on); its time
    is left out of the time-to-accuracy figures and reported as ``FitResult.probe_seconds``.
    """
    config.validate()
    if config.threads:
        torch.set_num_threads(config.threads)
    torch.manual_seed(config.seed)
    device = pick_device(config.device)
    generator = torch.Generator().manual_seed(config.seed)
    n_train = min(config.subset or len(data.train_images), len(data.train_images))
    n_test = min(config.test_limit or len(data.test_images), len(data.test_images))
    train_x = to_input(data.train_images[:n_train]).to(device)
    train_y = data.train_labels[:n_train].to(device)
    test_x = to_input(data.test_images[:n_test]).to(device)
    test_y = data.test_labels[:n_test].to(device)
    # NHWC: oneDNN's convolutions (backward above all) run 20-40% faster on CPU in this layout.
    model.to(device=device, memory_format=torch.channels_last)
    steps_per_epoch = n_train // config.batch_size if config.drop_last else math.ceil(n_train / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    optimizer, scheduler = make_optimizer(model, config, total_steps)
    dtype = autocast_dtype(device)
    scaler = torch.amp.GradScaler("cuda") if dtype == torch.float16 else None
    # Polyak/EMA averaging: the tested (and kept) weights are a running average, steadier while the rate is high
    ema = torch.optim.swa_utils.AveragedModel(model, avg_fn=ema_step(config.ema), use_buffers=True) if config.ema else None
    tested = ema.module if ema is not None else model

    start = time.perf_counter()
    history: list[EpochStats] = []
    curve: list[Progress] = []
    first_at: dict[float, float] = {}  # accuracy level -> seconds until a test first reached it
    probe = {"seconds": 0.0}  # time spent in the extra --eval-every tests, left out of time-to-target
    state = {"epoch": 1, "step0": 0, "last": (0, 0.0, 0, 0)}  # last report: (step, loss_sum, correct, seen)

    def report(phase: str, step: int, loss: float, acc: float, test_acc: float | None) -> None:
        item = Progress(phase, state["epoch"], config.epochs, step, steps_per_epoch, total_steps, loss, acc,
                        test_acc, time.perf_counter() - start)
        curve.append(item)
        if on_progress is not None:
            on_progress(item)

    def note(test_acc: float) -> None:
        now = time.perf_counter() - start - probe["seconds"]
        for level in (config.target, *config.milestones):
            if test_acc >= level:
                first_at.setdefault(level, now)

    def on_step(step: int, loss_sum: float, correct: int, seen: int) -> bool:
        _, last_loss, last_correct, last_seen = state["last"]
        d_seen = max(seen - last_seen, 1)
        state["last"] = (step, loss_sum, correct, seen)
        global_step = state["step0"] + step
        test_acc = None
        phase = "step"
        if config.eval_every and global_step % config.eval_every == 0 and step < steps_per_epoch:
            t_probe = time.perf_counter()
            test_acc = evaluate(tested, test_x, test_y).accuracy
            probe["seconds"] += time.perf_counter() - t_probe
            note(test_acc)
            model.train()
            phase = "eval"
        report(phase, global_step, (loss_sum - last_loss) / d_seen, (correct - last_correct) / d_seen, test_acc)
        return bool(should_stop and should_stop())

    stopped = False
    for epoch in range(1, config.epochs + 1):
        state.update(epoch=epoch, last=(0, 0.0, 0, 0))
        t0 = time.perf_counter()
        loss, acc, steps, stopped, last_batch = train_one_epoch(
            model, train_x, train_y, optimizer, scheduler, config, generator, on_step, scaler, ema
        )
        state["step0"] += steps
        result = evaluate(tested, test_x, test_y)
        note(result.accuracy)
        history.append(EpochStats(epoch, loss, acc, result.loss, result.accuracy, time.perf_counter() - t0, last_batch))
        report("epoch", state["step0"], loss, acc, result.accuracy)
        if on_epoch is not None:
            t_probe = time.perf_counter()
            on_epoch(history[-1], tested)
            probe["seconds"] += time.perf_counter() - t_probe
            model.train()
        if stopped:
            break
    seconds = time.perf_counter() - start
    final = history[-1].test_acc if history else 0.0
    if ema is not None:  # keep the averaged weights, the ones that were tested
        model.load_state_dict(ema.module.state_dict())
    model.to(memory_format=torch.contiguous_format)  # saved state_dicts keep the usual layout
    return FitResult(model, history, final, seconds, state["step0"], device.type, device_name(device), stopped,
                     first_at.get(config.target), curve,
                     {level: first_at[level] for level in config.milestones if level in first_at}, probe["seconds"])


def model_macs(model: nn.Sequential) -> int:
    """Multiply-accumulates of one forward pass (conv and linear layers, from :func:`layer_table`)."""
    return sum(row.macs for row in layer_table(model))


class TextBar:
    """Per-epoch progress bar on stderr for the command line, then one summary line per epoch on stdout."""

    def __init__(self, stream=sys.stderr, label: str = "test acc") -> None:
        self.stream = stream
        self.label = label  # what the per-epoch evaluation reads: "test acc", or "val acc" for --recipe shipped

    def __call__(self, p: Progress) -> None:
        if p.phase == "epoch":
            self.stream.write("\r" + " " * 100 + "\r")
            print(f"epoch {p.epoch}/{p.epochs}  loss {p.loss:.4f}  train acc {p.train_acc:.4f}  "
                  f"{self.label} {p.test_acc:.4f}  {p.seconds:7.1f} s", flush=True)
            return
        done = p.step - (p.epoch - 1) * p.steps_per_epoch
        filled = int(30 * done / p.steps_per_epoch)
        extra = f"  {self.label} {p.test_acc:.4f}" if p.test_acc is not None else ""
        self.stream.write(f"\repoch {p.epoch}/{p.epochs} [{'#' * filled}{'.' * (30 - filled)}] "
                          f"{done}/{p.steps_per_epoch}  loss {p.loss:.4f}{extra}")
        self.stream.flush()


