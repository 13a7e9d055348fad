"""The Builder's blocks: what each kind is, the numbers it accepts, the rules that make it mean its name.

A :class:`Block` uses ``torch.nn.Conv2d``'s argument names; :func:`check_block` raises the first rule a block
breaks (a :class:`SpecError`), and :class:`BlockError` names the block it happened in.
"""

from __future__ import annotations

from dataclasses import dataclass

from dsconv.conv.arithmetic import SpecError
from dsconv.i18n import t

CONV_KINDS: tuple[str, ...] = ("conv", "gconv", "ds", "dil")
KINDS: tuple[str, ...] = (*CONV_KINDS, "maxpool", "gap", "linear")
NUM_CLASSES = 10
MAX_BLOCKS = 16
MAX_PARAMS = 200_000
MAX_MACS = 20_000_000
# (lo, hi) of every numeric field: what the editor and the URL accept
LIMITS: dict[str, tuple[int, int]] = {
    "out_channels": (1, 256),
    "kernel_size": (1, 11),
    "stride": (1, 4),
    "padding": (0, 10),
    "dilation": (1, 6),
    "groups": (0, 256),
}
FIELDS: tuple[str, ...] = tuple(LIMITS)
# the fields each kind reads (the others are ignored), in URL order
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    **{kind: FIELDS for kind in CONV_KINDS},
    "maxpool": ("kernel_size", "stride", "padding"),
    "gap": (),
    "linear": ("out_channels",),
}


@dataclass(frozen=True)
class Block:
    """One block of the stack, with ``torch.nn.Conv2d``'s argument names.

    ``ds`` is a depthwise conv (``groups`` of the depthwise part; 0 means ``groups = in_channels``)
    followed by a 1x1 pointwise conv to ``out_channels``. ``bn`` adds BatchNorm (and drops the
    conv bias, which BatchNorm's shift makes redundant); ``relu`` adds a ReLU. In a ``ds`` block
    with ``bn`` both halves get BatchNorm (+ReLU), MobileNet-style; without ``bn`` the ReLU follows
    the pointwise conv only, as in the book.
    """

    kind: str
    out_channels: int = 0
    kernel_size: int = 3
    stride: int = 1
    padding: int = 0
    dilation: int = 1
    groups: int = 1
    bn: bool = False
    relu: bool = False

    def code(self) -> str:
        """The block's URL form ``kind:field:...:flags`` in :data:`KIND_FIELDS` order (``conv:12:7:1:0:1:1:r``)."""
        fields = [str(getattr(self, name)) for name in KIND_FIELDS.get(self.kind, FIELDS)]
        flags = ("b" if self.bn else "") + ("r" if self.relu else "") or "-"
        return ":".join([self.kind, *fields, flags])


class BlockError(SpecError):
    """A rule broken by one block: "Block 3 (grouped conv): <rule>" in either language."""

    def __init__(self, block: int, kind: str, rule: SpecError) -> None:
        self.block, self.kind, self.rule = block, kind, rule
        self.key, self.params = rule.key, rule.params
        ValueError.__init__(self, self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``, naming the block number, its kind and the rule."""
        kind = t(f"builder.kind.{self.kind}", lang) if self.kind in KINDS else self.kind
        return t("builder.err.in_block", lang, block=self.block, kind=kind, rule=self.rule.message(lang))


def check_block(b: Block) -> None:
    """The rules that make a block's kind mean what its name says (its numbers in range included)."""
    if b.kind not in KINDS:
        raise SpecError("builder.err.unknown_kind", kind=b.kind, kinds=", ".join(KINDS))
    for name in KIND_FIELDS[b.kind]:
        lo, hi = LIMITS[name]
        value = getattr(b, name)
        if not lo <= value <= hi:
            raise SpecError("builder.err.range", name=name, value=value, lo=lo, hi=hi)
    if b.kind == "conv" and b.groups != 1:
        raise SpecError("builder.err.conv_groups", groups=b.groups)
    if b.kind == "conv" and b.dilation != 1:
        raise SpecError("builder.err.conv_dilation", dilation=b.dilation)
    if b.kind in ("conv", "gconv", "dil") and b.groups == 0:
        raise SpecError("err.must_be_positive", name="groups", value=0)
    if b.kind == "gconv" and b.groups < 2:
        raise SpecError("builder.err.gconv_groups", groups=b.groups)
    if b.kind == "dil" and b.dilation < 2:
        raise SpecError("builder.err.dil_dilation", dilation=b.dilation)
    if b.kind == "ds" and b.groups == 1:
        raise SpecError("builder.err.ds_groups")
