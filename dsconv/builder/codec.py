"""The Builder's stack as text and as table rows: the ``net=`` URL parameter and the block editor's rows.

``encode``/``decode`` are each other's inverse (``conv:12:7:1:0:1:1:r,ds:24:3:1:0:2:6:r,...``, one
:meth:`dsconv.builder.blocks.Block.code` per block); ``to_rows``/``from_rows`` likewise for the editor;
:func:`from_url` reads ``net=`` / ``preset=`` and says what was wrong with junk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from dsconv.builder.blocks import FIELDS, KIND_FIELDS, KINDS, LIMITS, MAX_BLOCKS, Block, BlockError
from dsconv.builder.plan import PRESETS, NetSpec
from dsconv.builder.presets import DEFAULT_PRESET, PRESET_NAMES
from dsconv.conv.arithmetic import SpecError


def encode(spec: NetSpec) -> str:
    """``kind:field:...:flags`` per block, comma-separated; fields in :data:`KIND_FIELDS` order."""
    return spec.encode()


class DecodeError(ValueError):
    """Why a ``net=`` string is not a stack (junk, not an invalid-but-readable stack)."""


def decode(text: str) -> NetSpec:
    """Parse :func:`encode`'s form; trailing fields may be omitted (defaults). Raises DecodeError on junk."""
    text = (text or "").strip()
    if not text or len(text) > 1200:
        raise DecodeError("empty or too long")
    parts = text.split(",")
    if len(parts) > MAX_BLOCKS:
        raise DecodeError(f"more than {MAX_BLOCKS} blocks")
    blocks = []
    for n, part in enumerate(parts, start=1):
        tokens = part.strip().split(":")
        kind, rest = tokens[0], tokens[1:]
        if kind not in KINDS:
            raise DecodeError(f"block {n}: unknown kind {kind!r}")
        names = KIND_FIELDS[kind]
        flags = ""
        if len(rest) == len(names) + 1 or (rest and not rest[-1].lstrip("-").isdigit()):
            flags = rest.pop()
        if len(rest) > len(names) or (names and not rest and kind != "linear") or (kind == "linear" and not rest):
            raise DecodeError(f"block {n}: wrong number of fields")
        if flags not in ("", "-", "b", "r", "br", "rb"):
            raise DecodeError(f"block {n}: bad flags {flags!r}")
        values: dict[str, Any] = {"bn": "b" in flags, "relu": "r" in flags}
        for name, raw in zip(names, rest):
            if not raw.isdigit() or len(raw) > 4:
                raise DecodeError(f"block {n}: {name}={raw!r} is not a number")
            lo, hi = LIMITS[name]
            if not lo <= int(raw) <= hi:
                raise DecodeError(f"block {n}: {name}={raw} outside {lo}..{hi}")
            values[name] = int(raw)
        if kind == "maxpool" and "stride" not in values:
            values["stride"] = values.get("kernel_size", 2)
            values.setdefault("kernel_size", 2)
        blocks.append(Block(kind, **values))
    return NetSpec(tuple(blocks))


# ---------------------------------------------------------------- editor rows

ROW_FIELDS: tuple[str, ...] = ("kind", *FIELDS, "bn", "relu")


def to_rows(spec: NetSpec) -> list[dict[str, Any]]:
    """One dict per block for a table editor; fields a kind ignores are None."""
    rows = []
    for b in spec.blocks:
        used = KIND_FIELDS.get(b.kind, FIELDS)
        row: dict[str, Any] = {"kind": b.kind}
        row.update({name: (getattr(b, name) if name in used else None) for name in FIELDS})
        row.update(bn=b.bn, relu=b.relu)
        rows.append(row)
    return rows


def from_rows(rows: Iterable[Mapping[str, Any]]) -> NetSpec:
    """The inverse of :func:`to_rows`; a field the kind needs but left empty raises BlockError."""
    blocks = []
    for i, row in enumerate(rows, start=1):
        kind = row.get("kind")
        if kind not in KINDS:
            raise BlockError(i, str(kind), SpecError("builder.err.unknown_kind", kind=kind, kinds=", ".join(KINDS)))
        values: dict[str, Any] = {"bn": bool(_clean(row.get("bn"))), "relu": bool(_clean(row.get("relu")))}
        for name in KIND_FIELDS[kind]:
            value = _clean(row.get(name))
            if value is None:
                raise BlockError(i, kind, SpecError("builder.err.empty_field", name=name))
            values[name] = int(value)
        blocks.append(Block(kind, **values))
    return NetSpec(tuple(blocks))


def _clean(value: Any) -> Any:
    """pandas' missing values (NaN, NA) as None."""
    try:
        return None if value is None or value != value else value
    except TypeError:  # pd.NA
        return None


# ---------------------------------------------------------------- from the URL

@dataclass(frozen=True)
class Loaded:
    """A stack read from the URL, and the warning to show when the URL held junk."""

    spec: NetSpec
    warning: str | None = None  # i18n key
    params: dict = field(default_factory=dict)


def from_url(net: str | None, preset: str | None) -> Loaded:
    """``net=`` when it parses, else ``preset=``, else the default preset; junk gives a warning."""
    if net is not None:
        try:
            return Loaded(decode(net))
        except DecodeError as exc:
            fallback = preset if preset in PRESETS else DEFAULT_PRESET
            return Loaded(PRESETS[fallback], "builder.warn.bad_net", {"raw": net[:80], "why": str(exc), "preset": fallback})
    if preset is not None and preset not in PRESETS:
        return Loaded(PRESETS[DEFAULT_PRESET], "builder.warn.bad_preset",
                      {"raw": preset[:40], "choices": ", ".join(PRESET_NAMES), "preset": DEFAULT_PRESET})
    return Loaded(PRESETS[preset or DEFAULT_PRESET])
