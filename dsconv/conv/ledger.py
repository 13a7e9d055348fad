"""A ledger of layers: a chain's rows (output shape, params, MACs, receptive field) and their totals, kept once.

Every page that accounts for a chain of layers reads one: the Builder's plan (:mod:`dsconv.builder.plan`), a pasted
network (:mod:`dsconv.paste.checks`), the Cost page's stacks (:mod:`dsconv.cost.variants`), the MNIST models' layer
tables (:mod:`dsconv.mnist.models`) and the famous networks' receptive fields (:mod:`dsconv.receptive.famous`). Each
adds what only it knows to the row (a source line, a block number, a TF-Slim layer); the totals are written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod
from typing import Any, Generic, Iterator, TypeVar

COLUMNS: tuple[str, ...] = ("layer", "type", "out_shape", "params", "macs", "rf")  # after the caller's first column


def shape_text(shape: tuple[int, ...]) -> str:
    """``(10, 126, 126)`` -> ``10×126×126``."""
    return "×".join(str(n) for n in shape)


@dataclass(frozen=True)
class Row:
    """One layer: its name, type, output shape, parameters, MACs and receptive field (side, in input pixels)."""

    name: str
    type: str  # ``nn.Conv2d`` for a torch layer, the operation's name otherwise
    out_shape: tuple[int, ...]
    params: int = 0
    macs: int = 0
    rf: int = 1

    @property
    def out_elements(self) -> int:
        """Elements of the output tensor (activation memory)."""
        return prod(self.out_shape)


R = TypeVar("R", bound=Row)


@dataclass(frozen=True)
class Ledger(Generic[R]):
    """The rows of a chain and their totals; iterating, indexing and ``len`` see the rows."""

    rows: tuple[R, ...] = ()
    input_shape: tuple[int, ...] = ()

    def __iter__(self) -> Iterator[R]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> R:
        return self.rows[index]

    @property
    def params(self) -> int:
        return sum(row.params for row in self.rows)

    @property
    def macs(self) -> int:
        return sum(row.macs for row in self.rows)

    @property
    def out_shape(self) -> tuple[int, ...]:
        """The last layer's output (the input when there is no layer)."""
        return self.rows[-1].out_shape if self.rows else self.input_shape

    @property
    def rf(self) -> int:
        """The last layer's receptive field (1 when there is no layer: a pixel sees itself)."""
        return self.rows[-1].rf if self.rows else 1

    def table(self, first: str) -> list[dict[str, Any]]:
        """One dict per row plus a totals row (``first`` None, ``layer`` and ``type`` empty), language-neutral keys.

        ``first`` names the row attribute of the first column (``block`` in the Builder, ``line`` in Paste).
        """
        rows = [{first: getattr(r, first), "layer": r.name, "type": r.type, "out_shape": shape_text(r.out_shape),
                 "params": r.params, "macs": r.macs, "rf": r.rf} for r in self.rows]
        rows.append({first: None, "layer": "", "type": "", "out_shape": shape_text(self.out_shape),
                     "params": self.params, "macs": self.macs, "rf": self.rf})
        return rows
