"""One torch thread for tiny work: a 28x28 digit or a toy conv costs more in thread hand-offs than it saves."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

import torch

_threads_lock = threading.Lock()
_threads_users = 0
_threads_before = 1


@contextmanager
def single_thread() -> Iterator[None]:
    """Run torch on one intra-op thread: for one 28x28 digit, thread hand-offs cost more than they save.

    On a busy 2-core server a 2-thread forward of these tiny nets took ~40 ms instead of ~2 ms.
    Reference-counted, so concurrent sessions restore the previous setting only when the last one leaves.
    """
    global _threads_users, _threads_before
    with _threads_lock:
        if _threads_users == 0:
            _threads_before = torch.get_num_threads()
            torch.set_num_threads(1)
        _threads_users += 1
    try:
        yield
    finally:
        with _threads_lock:
            _threads_users -= 1
            if _threads_users == 0:
                torch.set_num_threads(_threads_before)


_module_hooks_lock = threading.RLock()


@contextmanager
def module_hooks_exclusive() -> Iterator[None]:
    """Hold around FLOP counting and around input gradients: never both at once in one process.

    ``FlopCounterMode`` installs *process-wide* module hooks while it counts, so a forward pass in another
    thread (another student's Draw page) picks them up, and its ``torch.autograd.grad`` then raises "A leaf
    node was passed to _will_engine_execute_node ..." (894 of ~900 saliency maps failed while a Cost or Home
    page counted FLOPs in a loop: tests/unit/test_threads.py).
    """
    with _module_hooks_lock:
        yield
