"""The values the paste reader works with: findings, layer/op/tensor values, and the result of a read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dsconv.i18n import t
from dsconv.plaintext import cut

NAME_CHARS = 80  # a name or piece of code echoed in a finding is cut to this many characters


@dataclass(frozen=True)
class Finding:
    """One thing to tell the learner: ``level`` error / warning / note, the 1-based ``line`` (0: the whole paste)."""

    level: str
    line: int
    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "en") -> str:
        """The text in ``lang``, "Line N: ..." when it has a line; nested findings (a rule) in the same language."""
        params = {k: v.message(lang) if isinstance(v, Finding) else cut(v, NAME_CHARS) if isinstance(v, str) else v
                  for k, v in self.params}
        text = t(self.key, lang, **params)
        return t("paste.at_line", lang, line=self.line, text=text) if self.line else text


def finding(level: str, line: int, key: str, /, **params: Any) -> Finding:
    return Finding(level, line, key, tuple(params.items()))


class PasteError(Exception):
    """Stops reading one statement; carries the finding that says why."""

    def __init__(self, found: Finding) -> None:
        super().__init__(found.key)
        self.finding = found


class PasteAbort(PasteError):
    """Stops reading the whole paste (a size bound was hit)."""


def _fail(line: int, key: str, /, **params: Any) -> PasteError:
    return PasteError(finding("error", line, key, **params))


@dataclass(frozen=True)
class Op:
    """One step of the network: a torch layer (``module``) or a tensor operation such as ``x.view(N, -1)``."""

    line: int
    name: str  # the name torch would give it ("convs_stack.0"), or the variable ("dw")
    cls: str  # "Conv2d", "Linear", ... ; "flatten", "view", "act" for tensor operations
    kwargs: tuple[tuple[str, Any], ...] = ()
    hint: str = ""  # variable / attribute names and the line's comment: what the author calls it
    module: bool = True

    def arg(self, name: str) -> Any:
        return dict(self.kwargs)[name]


@dataclass(frozen=True)
class Layer:
    """A layer value: one constructor call."""

    op: Op


@dataclass(frozen=True)
class Seq:
    """An ``nn.Sequential``: its children with their names."""

    line: int
    items: tuple[tuple[str, Any], ...]  # (child name, Layer | Seq | Instance)
    name: str = ""


@dataclass(frozen=True)
class ClassDef:
    """An ``nn.Module`` subclass: its forward as ops (names relative to the instance)."""

    name: str
    line: int
    ops: tuple[Op, ...] | None  # None when __init__ or forward could not be read
    error: Finding | None = None


@dataclass(frozen=True)
class Instance:
    cls: ClassDef
    line: int


@dataclass(frozen=True)
class Tensor:
    """A tensor: the input it comes from (shape and line) and the ops applied since."""

    shape: tuple[int, ...] | None  # None: the symbolic input of a forward
    line: int
    ops: tuple[Op, ...] = ()


@dataclass(frozen=True)
class Batch:
    """``x.size(0)`` / ``x.shape[0]`` of a forward's input: the batch size, whatever it is."""


@dataclass(frozen=True)
class Unknown:
    """A name bound to something the reader does not follow; ``failed`` if its line already has an error."""

    line: int
    construct: str
    failed: bool = False


@dataclass(frozen=True)
class Parsed:
    """What the paste defines: the network's ops, where its input comes from, and the findings."""

    ops: tuple[Op, ...]
    source: str  # "flow" | "class" | "sequential" | "loose" | "none"
    input_shape: tuple[int, ...] | None = None  # from a tensor in the code
    input_line: int = 0
    findings: tuple[Finding, ...] = ()
