"""Carry a pasted network over to the Builder when it is made of the Builder's blocks.

The blocks are guessed from the layer table, then checked: the Builder's own plan of those blocks must
give the same layers (type, shape, params, MACs per image) as the paste, and pass the Builder's rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import dsconv.builder as B
from dsconv.conv.ledger import shape_text
from dsconv.mnist.models import INPUT_SHAPE
from dsconv.paste.checks import Report, Row
from dsconv.paste.parser import Finding, finding

RELU_NAMES = ("nn.ReLU", "F.relu", "torch.relu", "x.relu")
FLATTENS = ("nn.Flatten", "Rearrange", "flatten", "view")


@dataclass(frozen=True)
class Carry:
    """A Builder stack, or why there is none."""

    spec: B.NetSpec | None
    why: Finding | None = None


def _kind(row: Row) -> str:
    if row.type in RELU_NAMES:
        return "nn.ReLU"
    if row.type in FLATTENS:
        return "nn.Flatten"
    return row.type


def _blocks(rows: list[Row]) -> list[B.Block] | Finding:
    blocks: list[B.Block] = []
    i = 0

    def has(j: int, kind: str) -> bool:
        return j < len(rows) and _kind(rows[j]) == kind

    while i < len(rows):
        r = rows[i]
        kind = _kind(r)
        if kind == "nn.Conv2d":
            s = r.spec
            j = i + 1
            bn = has(j, "nn.BatchNorm2d")
            if s.groups > 1 and s.out_channels == s.in_channels:  # depthwise(-ish) then pointwise: a DS block
                k = j + bn
                relu_dw = bn and has(k, "nn.ReLU")
                k += relu_dw
                pw = rows[k].spec if has(k, "nn.Conv2d") else None
                if pw is not None and pw.kernel_size == 1 and pw.stride == 1 and pw.padding == 0 and pw.groups == 1:
                    k += 1
                    pbn = has(k, "nn.BatchNorm2d")
                    k += pbn
                    relu = has(k, "nn.ReLU")
                    blocks.append(B.Block("ds", pw.out_channels, s.kernel_size, s.stride, s.padding, s.dilation,
                                          0 if s.groups == s.in_channels else s.groups, bn=bool(bn and pbn),
                                          relu=relu))
                    i = k + relu
                    continue
            kind_ = "gconv" if s.groups > 1 else "dil" if s.dilation > 1 else "conv"
            relu = has(j + bn, "nn.ReLU")
            blocks.append(B.Block(kind_, s.out_channels, s.kernel_size, s.stride, s.padding, s.dilation, s.groups,
                                  bn=bn, relu=relu))
            i = j + bn + relu
        elif kind == "nn.MaxPool2d":
            w = r.spec
            relu = has(i + 1, "nn.ReLU")
            blocks.append(B.Block("maxpool", 0, w.kernel_size, w.stride, w.padding, relu=relu))
            i += 1 + relu
        elif kind == "nn.AdaptiveAvgPool2d":
            relu = has(i + 1, "nn.ReLU")
            blocks.append(B.Block("gap", relu=relu))
            i += 1 + relu
        elif kind == "nn.Flatten":
            i += 1  # the Builder's linear block flattens by itself
        elif kind == "nn.Linear":
            bn = has(i + 1, "nn.BatchNorm1d")
            relu = has(i + 1 + bn, "nn.ReLU")
            blocks.append(B.Block("linear", r.out_shape[-1], bn=bn, relu=relu))
            i += 1 + bn + relu
        else:
            return finding("note", r.line, "paste.why.layer", line=r.line, layer=r.type)
    return blocks


def _signature(shape_rows: list[tuple[str, tuple[int, ...], int, int, int]]) -> list[tuple]:
    return [(k, s, p, m) for k, s, p, m, _ in shape_rows]


def to_builder(report: Report) -> Carry:
    """The Builder stack equal to the pasted network, or the reason it cannot be carried over."""
    if not report.complete or report.errors or not report.rows:
        return Carry(None, finding("note", 0, "paste.why.incomplete"))
    n = report.input_shape[0]
    if tuple(report.input_shape[1:]) != tuple(INPUT_SHAPE):
        shape = shape_text(report.input_shape[1:])
        return Carry(None, finding("note", 0, "paste.why.input", shape=shape))
    rows = list(report.rows)
    blocks = _blocks(rows)
    if isinstance(blocks, Finding):
        return Carry(None, blocks)
    spec = B.NetSpec(tuple(blocks))
    plan = spec.plan()
    ours = [(_kind(r), tuple(r.out_shape[1:]), r.params, r.macs // n, r.line) for r in rows]
    theirs = [(x.type, tuple(x.out_shape), x.params, x.macs, 0) for x in plan.layers]
    for a, b in zip(ours, theirs):
        if a[:4] != b[:4]:
            return Carry(None, finding("note", 0, "paste.why.differs", line=a[4]))
    if len(ours) != len(theirs):
        line = ours[min(len(ours), len(theirs)) - 1][4] if ours else 0
        return Carry(None, finding("note", 0, "paste.why.differs", line=line))
    if plan.error is not None:
        return Carry(None, finding("note", 0, "paste.why.rule", rule=Finding("rule", 0, plan.error.key,
                                                                              tuple(plan.error.params.items()))))
    return Carry(spec)
