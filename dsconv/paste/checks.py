"""The layer table of a pasted network and every mistake in it, each named with its line.

Shapes, params and MACs come from :func:`dsconv.conv.arithmetic.conv_cost` (convolutions) and ``nn.Linear``'s
own allocation; MACs are counted as ``torch.utils.flop_counter.FlopCounterMode`` does (its FLOPs / 2: no
bias, nothing for pooling, BatchNorm or activations), for the whole batch of the input. The receptive
field follows :func:`dsconv.receptive.field.receptive_field`, as the Builder's table does. The table is a ledger
(:mod:`dsconv.conv.ledger`): its rows carry the source line, the totals are the ledger's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dsconv.conv.arithmetic import ConvSpec, SpecError, conv_cost, conv_out_len
from dsconv.conv import ledger
from dsconv.conv.ledger import Ledger
from dsconv.paste import limits as L
from dsconv.paste.parser import SHAPE_KEEPING, Finding, Op, Parsed, finding, read, shape_problem
from dsconv.receptive.field import rf_size, whole_map

DEFAULT_SHAPE: tuple[int, ...] = (1, 1, 28, 28)
FLATTEN_PATTERN = "b c h w -> b (c h w)"
DW_HINT = re.compile(r"(?:^|[^a-z])(?:dw|depthwise|depth)(?:[^a-z]|$)|深度|逐通道", re.IGNORECASE)
PW_HINT = re.compile(r"(?:^|[^a-z])(?:pw|pointwise|point)(?:[^a-z]|$)|逐点", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Row(ledger.Row):
    """One row of the layer table (batch included in ``out_shape`` and ``macs``) and the line it was read from."""

    line: int
    module: bool  # an nn.Module (torch's hooks see it) rather than a tensor operation
    spec: ConvSpec | None = None  # the convolution (or a pool's window), for the Builder and the counters


@dataclass(frozen=True)
class Report(Ledger[Row]):
    """The whole answer for one paste: the ledger of rows, findings, the input used and where it came from."""

    findings: tuple[Finding, ...] = ()
    source: str = "none"  # parser's network source: flow / class / sequential / loose / none
    input_from_code: int = 0  # line of the tensor the code builds, 0 when the input field was used
    complete: bool = True  # False when an error stopped the table early

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.level == "error")

    def level(self, level: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.level == level)


def parse_shape(text: str) -> tuple[tuple[int, ...] | None, Finding | None]:
    """``"1x3x128x128"`` (also ``×``, ``,``, ``*``, spaces, brackets) -> ``(1, 3, 128, 128)``, or a finding."""
    raw = (text or "").strip()
    if len(raw) > 60:
        return None, finding("error", 0, "paste.err.shape_text", text=raw[:40] + "…")
    parts = [p for p in re.split(r"[x×X,*\s()\[\]]+", raw) if p]
    if not parts or not all(p.isdigit() and len(p) <= 7 for p in parts):
        return None, finding("error", 0, "paste.err.shape_text", text=raw)
    dims = tuple(int(p) for p in parts)
    problem = shape_problem(dims)
    if problem is not None:
        return None, finding("error", 0, problem[0], **problem[1])
    return dims, None


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _square(op: Op, name: str, value: Any) -> int:
    """An int, or a square tuple ``(k, k)``; raises SpecError with a paste key otherwise."""
    if _int(value):
        return value
    if isinstance(value, tuple) and len(value) == 2 and all(_int(v) for v in value):
        if value[0] == value[1]:
            return value[0]
        raise SpecError("paste.err.not_square", cls=op.cls, name=name, value=str(value))
    raise SpecError("paste.err.bad_arg", cls=op.cls, name=name, value=repr(value)[:40])


class _Walker:
    """Pushes a shape through the ops, collecting rows and findings; stops at the first error."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.shape = shape
        self.rows: list[Row] = []
        self.findings: list[Finding] = []
        self.rfs: list[ConvSpec] = []
        self.flat_from: tuple[int, ...] | None = None  # C, H, W before the last flatten

    @property
    def rf(self) -> int:
        return rf_size(self.rfs)

    def add(self, op: Op, shape: tuple[int, ...], params: int = 0, macs: int = 0, spec: ConvSpec | None = None,
            type_: str | None = None) -> None:
        self.shape = shape
        self.rows.append(Row(op.name, type_ or (f"nn.{op.cls}" if op.module else op.name), shape, params, macs,
                             self.rf, line=op.line, module=op.module, spec=spec))

    def whole_map(self) -> None:
        """Every output sees the whole map (global pooling, flatten): the RF grows to cover it."""
        _, c, h, w = self.shape
        if max(h, w) > 1:
            self.rfs.append(whole_map(c, h, w))

    def warn(self, op: Op, key: str, **params: Any) -> None:
        self.findings.append(finding("warning", op.line, key, **params))

    def need_4d(self, op: Op) -> None:
        if len(self.shape) != 4:
            raise SpecError("paste.err.needs_4d", cls=op.cls, shape=ledger.shape_text(self.shape))

    # ------------------------------------------------------------ layers

    def step(self, op: Op) -> None:
        if op.cls.startswith("?"):
            raise SpecError("paste.err.unknown_layer", cls=op.cls[1:])
        if op.cls in SHAPE_KEEPING or op.cls == "act":
            self.add(op, self.shape)
            return
        getattr(self, f"do_{op.cls.lower()}")(op)

    def do_conv2d(self, op: Op) -> None:
        self.need_4d(op)
        n, c, h, w = self.shape
        a = dict(op.kwargs)
        for name in ("in_channels", "out_channels", "groups"):
            if not _int(a[name]):
                raise SpecError("paste.err.bad_arg", cls=op.cls, name=name, value=repr(a[name])[:40])
            if a[name] > L.MAX_CHANNELS:
                raise SpecError("paste.err.too_big_arg", name=name, value=a[name], max=f"{L.MAX_CHANNELS:,}")
        k = _square(op, "kernel_size", a["kernel_size"])
        s = _square(op, "stride", a["stride"])
        d = _square(op, "dilation", a["dilation"])
        pad = a["padding"]
        if pad == "valid":
            pad = 0
        elif pad == "same":
            if s != 1:
                raise SpecError("paste.err.same_stride", stride=s)
            if d * (k - 1) % 2:
                raise SpecError("paste.err.same_even", kernel_size=k, dilation=d)
            pad = d * (k - 1) // 2
        else:
            pad = _square(op, "padding", pad)
        if a["in_channels"] != c and not self.rows:
            raise SpecError("paste.err.first_in_channels", in_channels=a["in_channels"], c=c,
                            shape=ledger.shape_text(self.shape), fix=ledger.shape_text((n, a["in_channels"], h, w)))
        if a["in_channels"] != c:
            raise SpecError("paste.err.in_channels", in_channels=a["in_channels"], c=c, shape=ledger.shape_text(self.shape))
        spec = ConvSpec(a["in_channels"], a["out_channels"], k, s, pad, d, a["groups"], bias=bool(a["bias"]))
        cost = conv_cost(spec, h, w)  # validates: groups divide the channels, kernel fits, output >= 1
        self.conv_mistakes(op, spec, h, w, cost.out_shape)
        self.rfs.append(spec)
        self.add(op, (n, *cost.out_shape), cost.params, cost.macs * n, spec)

    def conv_mistakes(self, op: Op, spec: ConvSpec, h: int, w: int, out: tuple[int, int, int]) -> None:
        """Legal code that does not do what its author meant: the Chinese course's classic slips."""
        g, cin = spec.groups, spec.in_channels
        if DW_HINT.search(op.hint) and g != cin:
            key = "paste.warn.depthwise_standard" if g == 1 else "paste.warn.depthwise_groups"
            self.warn(op, key, groups=g, in_channels=cin, per=cin // g, name=op.hint.split()[0]
                      if op.hint else op.cls)
        if PW_HINT.search(op.hint) and spec.kernel_size != 1:
            self.warn(op, "paste.warn.pointwise_kernel", k=spec.kernel_size, name=op.hint.split()[0] if op.hint else op.cls)
        s = spec.stride
        if s > 1:
            span = h + 2 * spec.padding - spec.effective_kernel
            dropped = span % s
            if s >= 3 or s > spec.effective_kernel:
                self.warn(op, "paste.warn.stride_shrinks", stride=s, h=h, w=w, h_out=out[1], w_out=out[2],
                          k=spec.kernel_size)
            if dropped > spec.padding:  # rows of the real input (not of the padding) that no window reaches
                self.warn(op, "paste.warn.stride_drops", stride=s, dropped=dropped - spec.padding, h=h,
                          padding=spec.padding, eff=spec.effective_kernel, span=span)

    def do_linear(self, op: Op) -> None:
        a = dict(op.kwargs)
        fin, fout = a["in_features"], a["out_features"]
        for name, v in (("in_features", fin), ("out_features", fout)):
            if not _int(v) or v < 1:
                raise SpecError("paste.err.bad_arg", cls=op.cls, name=name, value=repr(v)[:40])
            if v > L.MAX_FEATURES:
                raise SpecError("paste.err.too_big_arg", name=name, value=v, max=f"{L.MAX_FEATURES:,}")
        if len(self.shape) == 4:
            _, c, h, w = self.shape
            if fin != w:
                raise SpecError("paste.err.linear_needs_flatten", in_features=fin, c=c, h=h, w=w, flat=c * h * w,
                                shape=ledger.shape_text(self.shape))
            self.warn(op, "paste.warn.linear_last_dim", in_features=fin, flat=c * h * w)
            lead = self.shape[0] * c * h
            out = (*self.shape[:3], fout)
        else:
            n, f = self.shape
            if fin != f:
                if self.flat_from is not None:
                    c, h, w = self.flat_from
                    raise SpecError("paste.err.linear_in_features", in_features=fin, flat=f, c=c, h=h, w=w)
                raise SpecError("paste.err.linear_in_features_2d", in_features=fin, flat=f)
            lead, out = n, (n, fout)
        params = fin * fout + (fout if a["bias"] else 0)
        self.add(op, out, params, lead * fin * fout)

    def flatten(self, op: Op, type_: str | None = None) -> None:
        if len(self.shape) == 2:
            self.add(op, self.shape, type_=type_)
            return
        n, c, h, w = self.shape
        self.whole_map()
        self.flat_from = (c, h, w)
        self.add(op, (n, c * h * w), type_=type_)

    def do_flatten(self, op: Op) -> None:
        if op.module and (op.arg("start_dim") != 1 or op.arg("end_dim") != -1):
            raise SpecError("paste.err.flatten_dim", dim=op.arg("start_dim"))
        self.flatten(op)

    def do_rearrange(self, op: Op) -> None:
        pattern = " ".join(str(op.arg("pattern")).split())
        if pattern != FLATTEN_PATTERN:
            raise SpecError("paste.err.rearrange", pattern=pattern[:60], supported=FLATTEN_PATTERN)
        self.need_4d(op)
        self.flatten(op, type_="Rearrange")

    def do_view(self, op: Op) -> None:
        want = op.arg("features")
        if len(self.shape) == 4:
            n, c, h, w = self.shape
            if c * h * w != want:
                raise SpecError("paste.err.view_features", features=want, c=c, h=h, w=w, flat=c * h * w)
            self.whole_map()
            self.flat_from = (c, h, w)
            self.add(op, (n, want))
        elif self.shape[1] == want:
            self.add(op, self.shape)
        else:
            raise SpecError("paste.err.view_features_2d", features=want, flat=self.shape[1])

    def _bn(self, op: Op, dims: int) -> None:
        c = self.shape[1]
        nf = op.arg("num_features")
        if len(self.shape) != dims:
            raise SpecError("paste.err.bn_rank", cls=op.cls, shape=ledger.shape_text(self.shape))
        if nf != c:
            raise SpecError("paste.err.bn_features", num_features=nf, c=c, cls=op.cls)
        self.add(op, self.shape, 2 * c if op.arg("affine") else 0)

    def do_batchnorm2d(self, op: Op) -> None:
        self._bn(op, 4)

    def do_batchnorm1d(self, op: Op) -> None:
        self._bn(op, 2)

    def _pool(self, op: Op, dilation: int = 1) -> None:
        self.need_4d(op)
        n, c, h, w = self.shape
        k = _square(op, "kernel_size", op.arg("kernel_size"))
        s = k if op.arg("stride") is None else _square(op, "stride", op.arg("stride"))
        p = _square(op, "padding", op.arg("padding"))
        if op.arg("ceil_mode"):
            raise SpecError("paste.err.unsupported_value", cls=op.cls, name="ceil_mode", value="True")
        if k < 1 or s < 1 or p < 0:
            raise SpecError("paste.err.bad_arg", cls=op.cls, name="kernel_size/stride/padding", value=f"{k}/{s}/{p}")
        if dilation < 1:  # torch only fails at run time ("dilation should be greater than zero")
            raise SpecError("err.must_be_positive", name="dilation", value=dilation)
        if 2 * p > k:
            raise SpecError("builder.err.pool_padding", padding=p, kernel_size=k)
        ho, wo = (conv_out_len(x, k, s, p, dilation) for x in (h, w))
        if ho < 1 or wo < 1:
            raise SpecError("err.output_empty", h_out=ho, w_out=wo)
        window = ConvSpec(c, c, k, s, p, dilation)
        self.rfs.append(window)
        self.add(op, (n, c, ho, wo), spec=window)

    def do_maxpool2d(self, op: Op) -> None:
        if op.arg("return_indices"):
            raise SpecError("paste.err.unsupported_value", cls=op.cls, name="return_indices", value="True")
        self._pool(op, _square(op, "dilation", op.arg("dilation")))

    def do_avgpool2d(self, op: Op) -> None:
        self._pool(op)

    def _adaptive(self, op: Op) -> None:
        self.need_4d(op)
        n, c, h, w = self.shape
        o = _square(op, "output_size", op.arg("output_size"))
        if o != 1:
            raise SpecError("paste.err.unsupported_value", cls=op.cls, name="output_size", value=str(o))
        self.whole_map()
        self.add(op, (n, c, 1, 1))

    def do_adaptiveavgpool2d(self, op: Op) -> None:
        self._adaptive(op)

    def do_adaptivemaxpool2d(self, op: Op) -> None:
        if op.arg("return_indices"):
            raise SpecError("paste.err.unsupported_value", cls=op.cls, name="return_indices", value="True")
        self._adaptive(op)


def analyse(code: str | bytes, shape_text: str | None = None, shape: tuple[int, ...] | None = None) -> Report:
    """Parse ``code`` (never executed), push the input through it, and name every mistake with its line.

    The input is the tensor the code builds (``x = torch.rand(...)`` applied to the layers), else ``shape``,
    else ``shape_text`` (the page's field), else 1×1×28×28. Never raises for any input.
    """
    parsed: Parsed = read(code)
    findings = list(parsed.findings)
    from_code = 0
    if parsed.input_shape is not None:
        shape, from_code = parsed.input_shape, parsed.input_line
    elif shape is None and shape_text is not None:
        shape, problem = parse_shape(shape_text)
        if problem is not None:
            return Report((), DEFAULT_SHAPE, (*findings, problem), parsed.source, 0, False)
    shape = tuple(shape or DEFAULT_SHAPE)
    if parsed.source == "none" or not parsed.ops:
        if not any(f.level == "error" for f in findings):
            findings.append(finding("error", 0, "paste.err.no_layers"))
        return Report((), shape, tuple(findings), parsed.source, from_code, False)
    if len(shape) == 3:
        findings.append(finding("warning", from_code, "paste.warn.no_batch", shape=ledger.shape_text(shape),
                                batched=ledger.shape_text((1, *shape))))
        shape = (1, *shape)
    walker = _Walker(shape)
    complete = True
    for op in parsed.ops:
        try:
            walker.step(op)
        except SpecError as err:
            findings.append(finding("error", op.line, "paste.err.layer", layer=op.name or op.cls, cls=op.cls.lstrip("?"),
                                    rule=Finding("rule", 0, err.key, tuple(err.params.items()))))
            complete = False
            break
        except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError, OverflowError) as exc:
            findings.append(finding("error", op.line, "paste.err.internal", what=type(exc).__name__))
            complete = False
            break
    return Report(tuple(walker.rows), shape, tuple(findings + walker.findings), parsed.source, from_code, complete)

