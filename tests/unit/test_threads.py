"""Two students at once: FLOP counting (Cost, Home/FAQ) must not break another session's saliency map (Draw)."""

from __future__ import annotations

import threading
import time

import torch

from dsconv.lessons.faq import flops_answer
from dsconv.mnist.inference import saliency
from dsconv.mnist.models import build


def test_saliency_survives_flop_counting_in_another_thread():
    """FlopCounterMode hooks every module in the process while it counts; without the shared lock about
    nine in ten saliency maps computed meanwhile raised inside torch.autograd.grad."""
    model, x = build("seed_dsconv"), torch.rand(1, 1, 28, 28)
    stop = time.monotonic() + 2.0
    counted, maps, errors = [0], [0], []

    def count() -> None:
        while time.monotonic() < stop:
            assert [a.flops for a in flops_answer()] == [2 * a.macs for a in flops_answer()]
            counted[0] += 1

    def draw() -> None:
        while time.monotonic() < stop:
            try:
                assert saliency(model, x).shape == (28, 28)
                maps[0] += 1
            except RuntimeError as exc:
                errors.append(str(exc)[:120])

    threads = [threading.Thread(target=count), threading.Thread(target=draw)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=30)
    assert counted[0] > 0 and maps[0] > 0
    assert errors == []
