"""Read pasted PyTorch model code with :mod:`ast` into a chain of layer operations. Nothing is executed.

Understood: ``import`` lines (aliases only), names assigned from literals (ints, tuples, strings, and
``+ - * //`` of them), layer constructors (``nn.Conv2d(3, 8, 3, stride=2)``, positional or keyword),
``nn.Sequential(...)`` (also of an ``OrderedDict``), ``nn.Module`` subclasses with layers in ``__init__``
and a straight-line ``forward``, input tensors (``torch.rand(1, 3, 128, 128)``, ``.unsqueeze(0)``), their
``x.shape[i]``, and layers applied to tensors (``out = pw(dw(x))``). Every other construct gets a
:class:`Finding` naming its line: an error when the network needs it, a note when the line is skipped.
"""

from __future__ import annotations

import ast
import operator
import re
import textwrap
from dataclasses import dataclass, field, replace
from typing import Any

from dsconv.conv.ledger import shape_text
from dsconv.paste import limits as L
from dsconv.paste.guards import decode, parse_statement, precheck
from dsconv.paste.signatures import (
    DEFAULT_ALIASES, FUNCTIONAL_ACTS, KNOWN_MODULES, REQUIRED, SHAPE_KEEPING, SIGNATURES, TENSOR_MAKERS,
)
from dsconv.paste.values import (
    Batch, ClassDef, Finding, Instance, Layer, Op, Parsed, PasteAbort, PasteError, Seq, Tensor, Unknown, _fail,
    finding,
)

# ---------------------------------------------------------------- the reader


def _dunder(node: ast.AST) -> str | None:
    """The first ``__dunder__`` attribute along a chain of calls, subscripts and attributes (iterative)."""
    found = None
    for _ in range(L.MAX_DOTS + L.MAX_DEPTH + 2):
        if isinstance(node, ast.Attribute):
            if node.attr.startswith("__"):
                found = node.attr
            node = node.value
        elif isinstance(node, (ast.Call,)):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            break
    return found


def _describe(node: ast.AST) -> str:
    """A short human name of a construct, e.g. ``np.load(...)``, ``__class__``, ``lambda``."""
    dunder = _dunder(node)
    if dunder is not None:
        return f".{dunder}"
    if isinstance(node, ast.Call):
        name = _dotted(node.func)
        return f"{name}(…)" if name else "a call"
    if isinstance(node, ast.Attribute):
        return f"…{node.attr}" if not _dotted(node) else _dotted(node)
    names = {ast.Lambda: "lambda", ast.ListComp: "a list comprehension", ast.GeneratorExp: "a generator",
             ast.DictComp: "a dict comprehension", ast.SetComp: "a set comprehension", ast.Dict: "a dict",
             ast.Set: "a set", ast.JoinedStr: "an f-string", ast.IfExp: "a conditional expression",
             ast.Compare: "a comparison", ast.BoolOp: "and/or", ast.Await: "await", ast.Yield: "yield",
             ast.Starred: "*unpacking", ast.NamedExpr: ":=", ast.Subscript: "indexing [...]",
             ast.BinOp: "this arithmetic", ast.Slice: "a slice"}
    return names.get(type(node), type(node).__name__)


def _dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for a chain of attributes ending in a name (iterative: no recursion on long chains)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


_COMMENT = re.compile(r"#(.*)$")


# the integer arithmetic a paste may use in layer arguments (``6 * 16 * 16``, ``c // 2``)
_INT_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv}


@dataclass
class _Scope:
    """Names visible while reading: module-level, plus ``self.`` attributes and locals inside a class."""

    names: dict[str, Any] = field(default_factory=dict)
    attrs: dict[str, Any] | None = None  # self.X inside a class
    local: dict[str, Any] | None = None  # locals of __init__ / forward

    def get(self, name: str) -> Any:
        if self.local is not None and name in self.local:
            return self.local[name]
        return self.names.get(name, _MISSING)

    def set(self, name: str, value: Any) -> None:
        (self.local if self.local is not None else self.names)[name] = value


_MISSING = object()


class Reader:
    """Walks the module's statements once, binding names to values; collects findings."""

    def __init__(self, code: str) -> None:
        self.lines = code.splitlines()
        self.findings: list[Finding] = []
        self.aliases: dict[str, str] = {}
        self.scope = _Scope()
        self.classes: list[ClassDef] = []
        self.instances: list[Instance] = []
        self.flows: list[Tensor] = []  # tensors computed from an input at module level, in order
        self.top_layers: list[tuple[str, Any]] = []  # module-level layer / Sequential bindings, in order
        self.used_in_seq: set[int] = set()  # id() of values placed inside a Sequential
        self.loose: list[Op] = []  # bare layer expressions (``Conv2d(3, 3, 3)`` on its own line)
        self.n_ops = 0
        self.flow_failed = False  # a statement running layers on a tensor failed: no guessing another network

    # ------------------------------------------------------------ helpers

    def comment(self, line: int) -> str:
        if 1 <= line <= len(self.lines):
            m = _COMMENT.search(self.lines[line - 1])
            return m.group(1).strip() if m else ""
        return ""

    def note(self, node: ast.AST, key: str, **params: Any) -> None:
        self.findings.append(finding("note", getattr(node, "lineno", 0), key, **params))

    def resolve(self, dotted: str) -> str:
        """Full dotted path of a name through the imports (``nn.Conv2d`` -> ``torch.nn.Conv2d``)."""
        head, _, rest = dotted.partition(".")
        base = self.aliases.get(head)
        if base is None and self.scope.get(head) is _MISSING:
            base = DEFAULT_ALIASES.get(head)
            if base is None and head in SIGNATURES and not rest:
                base = f"torch.nn.{head}"
        if base is None:
            return dotted
        return f"{base}.{rest}" if rest else base

    # ------------------------------------------------------------ values

    def value(self, node: ast.AST, line: int) -> Any:
        """A literal-ish value: int/float/bool/str/None, tuples of them, names bound to them, + - * //."""
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or v is None or isinstance(v, str):
                return v
            if isinstance(v, int):
                if abs(v) > L.MAX_INT:
                    raise _fail(line, "paste.err.number_too_big", value=v, max=f"{L.MAX_INT:,}")
                return v
            if isinstance(v, float):
                if not abs(v) <= L.MAX_INT:
                    raise _fail(line, "paste.err.number_too_big", value=v, max=f"{L.MAX_INT:,}")
                return v
            raise _fail(line, "paste.err.construct", construct=type(v).__name__)
        if isinstance(node, (ast.Tuple, ast.List)):
            if len(node.elts) > L.MAX_TUPLE:
                raise _fail(line, "paste.err.tuple_too_long", n=len(node.elts), max=L.MAX_TUPLE)
            return tuple(self.value(e, line) for e in node.elts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = self.value(node.operand, line)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return -v if isinstance(node.op, ast.USub) else v
            raise _fail(line, "paste.err.construct", construct=_describe(node))
        if isinstance(node, ast.BinOp) and type(node.op) in _INT_OPS:
            a, b = self.value(node.left, line), self.value(node.right, line)
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (a, b)):
                raise _fail(line, "paste.err.construct", construct=_describe(node))
            if isinstance(node.op, ast.FloorDiv) and b == 0:
                raise _fail(line, "paste.err.division_by_zero")
            v = _INT_OPS[type(node.op)](a, b)
            if abs(v) > L.MAX_INT:
                raise _fail(line, "paste.err.number_too_big", value=v, max=f"{L.MAX_INT:,}")
            return v
        if isinstance(node, ast.Name):
            return self.lookup(node.id, line, "paste.err.not_literal")
        if isinstance(node, ast.Subscript):
            return self.shape_index(node, line)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "size":
            return self.shape_index(node, line)
        raise _fail(line, "paste.err.construct", construct=_describe(node))

    def shape_index(self, node: ast.AST, line: int) -> Any:
        """``x.shape[1]``, ``x.size(1)`` of a tensor whose shape the paste states."""
        if isinstance(node, ast.Subscript):
            base, index = node.value, node.slice
            if not (isinstance(base, ast.Attribute) and base.attr == "shape"):
                raise _fail(line, "paste.err.construct", construct=_describe(node))
            target = base.value
        else:
            assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if len(node.args) != 1 or node.keywords:
                raise _fail(line, "paste.err.construct", construct=_describe(node))
            target, index = node.func.value, node.args[0]
        tensor = self.expr(target, line)
        i = self.value(index, line)
        if not isinstance(tensor, Tensor) or not isinstance(i, int) or isinstance(i, bool):
            raise _fail(line, "paste.err.construct", construct=_describe(node))
        if tensor.shape is None:  # a forward's input: only its batch size is known
            if i == 0 and not tensor.ops:
                return Batch()
            raise _fail(line, "paste.err.forward_shape")
        if tensor.ops:
            raise _fail(line, "paste.err.computed_shape")
        if not -len(tensor.shape) <= i < len(tensor.shape):
            raise _fail(line, "paste.err.shape_index", index=i, shape=shape_text(tensor.shape))
        return tensor.shape[i]

    def call_args(self, node: ast.Call, line: int) -> tuple[list[Any], dict[str, Any]]:
        args, kwargs = [], {}
        for a in node.args:
            if isinstance(a, ast.Starred):
                raise _fail(line, "paste.err.construct", construct="*args")
            args.append(self.value(a, line))
        for k in node.keywords:
            if k.arg is None:
                raise _fail(line, "paste.err.construct", construct="**kwargs")
            kwargs[k.arg] = self.value(k.value, line)
        return args, kwargs

    def bind(self, cls: str, node: ast.Call, line: int, name: str) -> Layer:
        """A layer constructor with its arguments bound to torch's signature (positional or keyword)."""
        sig = SIGNATURES[cls]
        args, kwargs = self.call_args(node, line)
        if cls == "Identity":  # nn.Identity ignores its arguments
            args, kwargs = [], {}
        if len(args) > len(sig):
            raise _fail(line, "paste.err.too_many_args", cls=cls, n=len(args), max=len(sig))
        bound = dict(zip((n for n, _ in sig), args))
        for k, v in kwargs.items():
            if k not in dict(sig):
                raise _fail(line, "paste.err.unknown_arg", cls=cls, arg=k, args=", ".join(n for n, _ in sig))
            if k in bound:
                raise _fail(line, "paste.err.twice_arg", cls=cls, arg=k)
            bound[k] = v
        for n, default in sig:
            if n not in bound:
                if default is REQUIRED:
                    raise _fail(line, "paste.err.missing_arg", cls=cls, arg=n)
                bound[n] = default
        self.n_ops += 1
        if self.n_ops > L.MAX_LAYERS:
            raise PasteAbort(finding("error", line, "paste.err.too_many_layers", max=L.MAX_LAYERS))
        hint = f"{name} {self.comment(line)}".strip()
        return Layer(Op(line, name, cls, tuple((n, bound[n]) for n, _ in sig), hint))

    def layer_class(self, func: ast.AST) -> str | None:
        """``Conv2d`` when ``func`` names ``torch.nn.Conv2d`` (or einops' ``Rearrange``); None otherwise."""
        dotted = _dotted(func)
        if dotted is None:
            return None
        full = self.resolve(dotted)
        for prefix in ("torch.nn.modules.", "torch.nn.", "einops.layers.torch.", "einops.layers.torch"):
            if full.startswith(prefix):
                last = full.rsplit(".", 1)[-1]
                return last if last in SIGNATURES or last == "Sequential" else f"?{last}"
        return None

    def lookup(self, name: str, line: int, unknown_key: str) -> Any:
        """The value a simple name holds, or the message naming why it cannot be read."""
        got = self.scope.get(name)
        if got is _MISSING:
            raise _fail(line, "paste.err.undefined", name=name)
        if isinstance(got, Unknown):
            if got.failed:
                raise PasteError(finding("note", line, "paste.note.after_error", name=name, where=got.line))
            raise _fail(line, unknown_key, name=name, where=got.line, construct=got.construct)
        return got

    def expr(self, node: ast.AST, line: int, name: str = "") -> Any:
        """Evaluate an expression to a value: a literal, a Layer / Seq / Instance, a Tensor, or raise."""
        if isinstance(node, ast.Name):
            return self.lookup(node.id, line, "paste.err.not_followed")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self" \
                and self.scope.attrs is not None:
            if node.attr not in self.scope.attrs:
                raise _fail(line, "paste.err.undefined", name=f"self.{node.attr}")
            return self.scope.attrs[node.attr]
        if isinstance(node, ast.Call):
            return self.call(node, line, name)
        return self.value(node, line)

    def call(self, node: ast.Call, line: int, name: str) -> Any:
        func = node.func
        cls = self.layer_class(func)
        if cls == "Sequential":
            return self.sequential(node, line, name)
        if cls is not None and not cls.startswith("?"):
            return self.bind(cls, node, line, name)
        if cls is not None:  # a torch.nn class the reader does not know: an error only if the network uses it
            return Layer(Op(line, name, cls, (), name))
        dotted = _dotted(func)
        full = self.resolve(dotted) if dotted else ""
        if full == "torch.compile" and len(node.args) == 1:
            return self.expr(node.args[0], line)
        if full.startswith("torch.") and full.rsplit(".", 1)[-1] in TENSOR_MAKERS and full.count(".") == 1:
            return self.make_tensor(node, line)
        if full in ("torch.unsqueeze",) and len(node.args) == 2:
            return self.unsqueeze(self.expr(node.args[0], line), node.args[1], line)
        if full in ("torch.flatten",):
            return self.tensor_flatten(node, self.expr(node.args[0], line) if node.args else None, node.args[1:], line)
        if full.startswith(("torch.nn.functional.", "torch.")) and full.rsplit(".", 1)[-1] in FUNCTIONAL_ACTS:
            x = self.expr(node.args[0], line) if node.args else None
            return self.apply_op(x, Op(line, full.replace("torch.nn.functional.", "F."), "act", module=False), line)
        if isinstance(func, ast.Attribute):  # methods: x.unsqueeze(0), x.view(...), Layer(...)(x), model.to(dev)
            return self.method(node, func, line)
        if dotted is not None:
            got = self.scope.get(dotted) if "." not in dotted else _MISSING
            if isinstance(got, ClassDef):
                if node.args or node.keywords:
                    raise _fail(line, "paste.err.class_args", cls=got.name)
                return Instance(got, line)
            if isinstance(got, (Layer, Seq, Instance)):
                return self.apply(got, node, line)
            if isinstance(got, Unknown):
                self.expr(func, line)  # raises the right message
        if isinstance(func, ast.Call):  # nn.Flatten()(x), elt.Rearrange("...")(x)
            inner = self.call(func, line, name)
            if isinstance(inner, (Layer, Seq, Instance)):
                return self.apply(inner, node, line)
        if isinstance(func, ast.Attribute) is False and dotted == "super":
            raise _fail(line, "paste.err.construct", construct="super()")
        raise _fail(line, "paste.err.construct", construct=_describe(node))

    def method(self, node: ast.Call, func: ast.Attribute, line: int) -> Any:
        """``self.conv(x)``, ``x.unsqueeze(0)``, ``x.view(x.size(0), -1)``, ``model.to(device)``, ..."""
        if func.attr.startswith("__") or _dunder(func) is not None:
            raise _fail(line, "paste.err.construct", construct=_describe(func))
        if isinstance(func.value, ast.Name) and func.value.id == "self" and self.scope.attrs is not None:
            layer = self.expr(func, line)
            if isinstance(layer, (Layer, Seq, Instance)):
                return self.apply(layer, node, line)
            raise _fail(line, "paste.err.construct", construct=_describe(node))
        dotted = _dotted(func.value)
        if dotted and self.scope.get(dotted.split(".")[0]) is _MISSING:
            raise _fail(line, "paste.err.construct", construct=f"{dotted}.{func.attr}(…)")
        base = self.expr(func.value, line)
        if isinstance(base, (Layer, Seq, Instance)) and func.attr == "forward":
            return self.apply(base, node, line)
        if isinstance(base, (Layer, Seq, Instance)) and func.attr in ("to", "cuda", "cpu", "eval", "train", "float"):
            return base  # moving a model does not change it
        if isinstance(base, Tensor):
            if func.attr == "unsqueeze" and len(node.args) == 1 and not node.keywords:
                return self.unsqueeze(base, node.args[0], line)
            if func.attr in ("to", "cuda", "cpu", "float", "contiguous"):
                return base
            if func.attr == "flatten":
                return self.tensor_flatten(node, base, node.args, line)
            if func.attr in ("view", "reshape"):
                return self.view(base, node, line)
            if func.attr in FUNCTIONAL_ACTS:
                return self.apply_op(base, Op(line, f"x.{func.attr}", "act", module=False), line)
        raise _fail(line, "paste.err.construct", construct=_describe(node))

    # ------------------------------------------------------------ tensors

    def make_tensor(self, node: ast.Call, line: int) -> Tensor:
        args = [self.value(a, line) for a in node.args if not isinstance(a, ast.Starred)]
        dims = args[0] if len(args) == 1 and isinstance(args[0], tuple) else tuple(args)
        shape = self.check_shape(dims, line)
        return Tensor(shape, line)

    def check_shape(self, dims: Any, line: int) -> tuple[int, ...]:
        if not isinstance(dims, tuple) or not 1 <= len(dims) <= 4 or not all(
                isinstance(d, int) and not isinstance(d, bool) for d in dims):
            raise _fail(line, "paste.err.bad_tensor_shape", shape=str(dims)[:60])
        err = shape_problem(dims)
        if err is not None:
            raise _fail(line, err[0], **err[1])
        return dims

    def unsqueeze(self, x: Any, dim_node: ast.AST, line: int) -> Tensor:
        dim = self.value(dim_node, line)
        if not isinstance(x, Tensor) or x.shape is None or x.ops or dim != 0:
            raise _fail(line, "paste.err.construct", construct=f"unsqueeze({dim})")
        return Tensor(self.check_shape((1, *x.shape), line), x.line)

    def tensor_flatten(self, node: ast.Call, x: Any, args: list[ast.AST], line: int) -> Tensor:
        start = self.value(args[0], line) if args else 0
        for k in node.keywords:
            if k.arg == "start_dim":
                start = self.value(k.value, line)
            else:
                raise _fail(line, "paste.err.construct", construct=f"flatten({k.arg}=…)")
        if start != 1:
            raise _fail(line, "paste.err.flatten_dim", dim=start)
        return self.apply_op(x, Op(line, "flatten", "flatten", (("start_dim", 1),), module=False), line)

    def view(self, x: Tensor, node: ast.Call, line: int) -> Tensor:
        dims = [self.value(a, line) for a in node.args]
        if len(dims) == 1 and isinstance(dims[0], tuple):
            dims = list(dims[0])
        if len(dims) == 2 and isinstance(dims[0], Batch) and dims[1] == -1:
            return self.apply_op(x, Op(line, "view", "flatten", (("start_dim", 1),), module=False), line)
        if len(dims) == 2 and dims[0] == -1 and isinstance(dims[1], int) and dims[1] > 0:
            return self.apply_op(x, Op(line, "view", "view", (("features", dims[1]),), module=False), line)
        if len(dims) == 2 and isinstance(dims[0], Batch) and isinstance(dims[1], int) and dims[1] > 0:
            return self.apply_op(x, Op(line, "view", "view", (("features", dims[1]),), module=False), line)
        raise _fail(line, "paste.err.view_form")

    def apply_op(self, x: Any, op: Op, line: int) -> Tensor:
        if not isinstance(x, Tensor):
            raise _fail(line, "paste.err.construct", construct=op.name)
        self.n_ops += 1
        if self.n_ops > L.MAX_LAYERS:
            raise PasteAbort(finding("error", line, "paste.err.too_many_layers", max=L.MAX_LAYERS))
        return replace(x, ops=x.ops + (op,))

    def apply(self, layer: Any, node: ast.Call, line: int) -> Tensor:
        if len(node.args) != 1 or node.keywords:
            raise _fail(line, "paste.err.call_one_tensor")
        x = self.expr(node.args[0], line)
        if not isinstance(x, Tensor):
            raise _fail(line, "paste.err.not_a_tensor", construct=_describe(node.args[0]))
        ops = expand(layer, "", line)
        self.n_ops += len(ops)
        if self.n_ops > L.MAX_LAYERS:
            raise PasteAbort(finding("error", line, "paste.err.too_many_layers", max=L.MAX_LAYERS))
        return replace(x, ops=x.ops + ops)

    # ------------------------------------------------------------ Sequential

    def sequential(self, node: ast.Call, line: int, name: str) -> Seq:
        if node.keywords:
            raise _fail(line, "paste.err.construct", construct="Sequential(keyword=…)")
        items: list[tuple[str, Any]] = []
        args = node.args
        if len(args) == 1 and isinstance(args[0], ast.Call) and (_dotted(args[0].func) or "").endswith("OrderedDict"):
            inner = args[0].args
            if len(inner) != 1 or not isinstance(inner[0], (ast.List, ast.Tuple)):
                raise _fail(line, "paste.err.construct", construct="OrderedDict(…)")
            for pair in inner[0].elts:
                if not (isinstance(pair, ast.Tuple) and len(pair.elts) == 2 and isinstance(pair.elts[0], ast.Constant)
                        and isinstance(pair.elts[0].value, str)):
                    raise _fail(getattr(pair, "lineno", line), "paste.err.construct", construct="OrderedDict entry")
                child_name = pair.elts[0].value
                items.append((child_name, self.child(pair.elts[1], getattr(pair, "lineno", line), child_name)))
        else:
            for i, a in enumerate(args):
                items.append((str(i), self.child(a, getattr(a, "lineno", line), _var_name(a) or "")))
        return Seq(line, tuple(items), name)

    def child(self, node: ast.AST, line: int, name: str) -> Any:
        got = self.expr(node, line, name)
        if isinstance(got, Layer) and not got.op.hint.strip() and name:
            got = Layer(replace(got.op, hint=f"{name} {got.op.hint}".strip()))
        if not isinstance(got, (Layer, Seq, Instance)):
            raise _fail(line, "paste.err.not_a_layer", construct=_describe(node))
        self.used_in_seq.add(id(got))
        return got

    # ------------------------------------------------------------ statements

    def run(self, tree: ast.Module) -> None:
        for stmt in tree.body:
            try:
                self.statement(stmt)
            except PasteAbort:
                raise
            except PasteError as exc:
                self.findings.append(exc.finding)
                self.flow_failed = self.flow_failed or self.applies(stmt)
                for target in _targets(stmt):
                    self.scope.set(target, Unknown(stmt.lineno, "", failed=True))

    def applies(self, stmt: ast.stmt) -> bool:
        """Whether ``stmt`` calls a layer (or a name that failed to become one) on something."""
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                got = self.scope.get(sub.func.id)
                if isinstance(got, (Layer, Seq, Instance)) or (isinstance(got, Unknown) and got.failed):
                    return True
        return False

    def statement(self, stmt: ast.stmt) -> None:
        line = stmt.lineno
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            self.imports(stmt)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            self.assign(stmt)
        elif isinstance(stmt, ast.Expr):
            self.expression(stmt.value, line)
        elif isinstance(stmt, ast.ClassDef):
            self.classdef(stmt)
        else:
            kind = {ast.For: "for", ast.While: "while", ast.If: "if", ast.With: "with", ast.Try: "try",
                    ast.FunctionDef: "def", ast.AsyncFunctionDef: "async def", ast.Delete: "del",
                    ast.Global: "global", ast.AugAssign: "+=", ast.Return: "return"}.get(type(stmt), type(stmt).__name__)
            self.note(stmt, "paste.note.skipped", construct=kind)

    def imports(self, stmt: ast.Import | ast.ImportFrom) -> None:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                root = alias.name.split(".")[0]
                if root not in KNOWN_MODULES:
                    self.note(stmt, "paste.note.import", module=alias.name)
                if alias.asname:
                    self.aliases[alias.asname] = alias.name
                else:
                    self.aliases[root] = root
        else:
            module = stmt.module or ""
            if module.split(".")[0] not in KNOWN_MODULES or stmt.level:
                self.note(stmt, "paste.note.import", module=module or ".")
            for alias in stmt.names:
                if alias.name == "*":
                    self.note(stmt, "paste.note.import", module=f"{module}.*")
                    continue
                self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"

    def assign(self, stmt: ast.Assign | ast.AnnAssign) -> None:
        line = stmt.lineno
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if stmt.value is None:
            return
        names = []
        for target in targets:
            if isinstance(target, ast.Name):
                names.append(target.id)
            elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                    and target.value.id == "self" and self.scope.attrs is not None:
                names.append(f"self.{target.attr}")
            else:
                raise _fail(line, "paste.err.construct", construct=f"assignment to {_describe(target)}")
        label = names[-1].removeprefix("self.")
        try:
            got = self.expr(stmt.value, line, label)
        except PasteError as exc:
            if isinstance(exc, PasteAbort):
                raise
            if exc.finding.level == "error" and not self.matters(stmt.value):
                got = Unknown(line, _describe(stmt.value))  # e.g. x_train = np.load(...): fine unless used
                self.note(stmt, "paste.note.skipped", construct=_describe(stmt.value))
            else:
                raise
        if isinstance(got, Tensor) and got.ops and self.scope.attrs is None:
            self.flows.append(got)
        if isinstance(got, Instance):
            self.instances.append(got)
        for n in names:
            if n.startswith("self."):
                self.scope.attrs[n[5:]] = got
            else:
                self.scope.set(n, got)
            if self.scope.attrs is None and isinstance(got, (Layer, Seq)):
                self.top_layers.append((n, got))

    def matters(self, node: ast.AST) -> bool:
        """Whether an expression builds layers or runs them on tensors (then its failure is an error, not a skip)."""
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Call):
                continue
            if self.layer_class(sub.func) is not None:
                return True
            dotted = _dotted(sub.func) or ""
            full = self.resolve(dotted) if dotted else ""
            if full.count(".") == 1 and full.startswith("torch.") and \
                    full.rsplit(".", 1)[-1] in TENSOR_MAKERS | {"unsqueeze", "flatten"}:
                return True
            if dotted.startswith("self.") or isinstance(self.scope.get(dotted), (Layer, Seq, Instance, ClassDef)):
                return True
            receiver = sub.func.value if isinstance(sub.func, ast.Attribute) else None
            if isinstance(receiver, ast.Name) and isinstance(self.scope.get(receiver.id), Tensor):
                return True
        return False

    def expression(self, node: ast.AST, line: int) -> None:
        if isinstance(node, ast.Constant):
            return  # a docstring
        if isinstance(node, ast.Call) and _dotted(node.func) == "print":
            for a in node.args:  # print(model(torch.zeros(2, 1, 28, 28)).shape) runs the model
                target = a.value if isinstance(a, ast.Attribute) and a.attr == "shape" else a
                try:
                    got = self.expr(target, line)
                except PasteError as exc:
                    if isinstance(exc, PasteAbort):
                        raise
                    if exc.finding.level == "error" and self.matters(target):
                        raise
                    continue
                if isinstance(got, Tensor) and got.ops:
                    self.flows.append(got)
            return
        try:
            got = self.expr(node, line)
        except PasteError as exc:
            if isinstance(exc, PasteAbort):
                raise
            if exc.finding.level == "error" and not self.matters(node):
                self.note(node, "paste.note.skipped", construct=_describe(node))
                return
            raise
        if isinstance(got, Tensor) and got.ops:
            self.flows.append(got)
        elif isinstance(got, Layer):
            self.loose.append(got.op)
        elif isinstance(got, Seq):
            self.top_layers.append(("", got))

    # ------------------------------------------------------------ classes

    def classdef(self, node: ast.ClassDef) -> None:
        line = node.lineno
        bases = [self.resolve(_dotted(b) or "") for b in node.bases]
        if not any(b in ("torch.nn.Module", "torch.nn.modules.module.Module", "Module") for b in bases):
            self.note(node, "paste.note.skipped", construct=f"class {node.name}")
            return
        methods = {s.name: s for s in node.body if isinstance(s, ast.FunctionDef)}
        for s in node.body:
            if not isinstance(s, ast.FunctionDef) and not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)):
                self.note(s, "paste.note.skipped", construct="class body statement")
            elif isinstance(s, ast.FunctionDef) and s.name not in ("__init__", "forward"):
                self.note(s, "paste.note.skipped", construct=f"def {s.name}")
        cls = ClassDef(node.name, line, None)
        attrs: dict[str, Any] = {}
        outer = self.scope
        try:
            for needed in ("__init__", "forward"):
                if needed not in methods:
                    raise _fail(line, "paste.err.class_missing", cls=node.name, method=needed)
            init, fwd = methods["__init__"], methods["forward"]
            if len(init.args.args) != 1 or init.args.vararg or init.args.kwonlyargs or init.args.kwarg:
                raise _fail(init.lineno, "paste.err.init_args", cls=node.name)
            self.scope = _Scope(outer.names, attrs, {})
            for s in init.body:
                self.init_statement(s, node.name)
            if len(fwd.args.args) != 2 or fwd.args.vararg or fwd.args.kwarg or fwd.args.kwonlyargs:
                raise _fail(fwd.lineno, "paste.err.forward_args")
            x_name = fwd.args.args[1].arg
            self.scope = _Scope(outer.names, attrs, {x_name: Tensor(None, fwd.lineno)})
            ops = self.forward(fwd)
            cls = ClassDef(node.name, line, ops)
        except PasteError as exc:
            if isinstance(exc, PasteAbort):
                raise
            cls = ClassDef(node.name, line, None, exc.finding)
            self.findings.append(exc.finding)
        finally:
            self.scope = outer
        self.classes.append(cls)
        self.scope.set(node.name, cls)

    def init_statement(self, s: ast.stmt, cls_name: str) -> None:
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Attribute) \
                and s.value.func.attr == "__init__":
            owner = s.value.func.value
            if (isinstance(owner, ast.Call) and _dotted(owner.func) == "super") or \
                    self.resolve(_dotted(owner) or "") in ("torch.nn.Module",):
                return  # super().__init__() / super(Net, self).__init__() / nn.Module.__init__(self)
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant):
            return
        if isinstance(s, (ast.Assign, ast.AnnAssign)):
            self.assign(s)
            return
        kind = {ast.For: "for", ast.While: "while", ast.If: "if"}.get(type(s), _describe(getattr(s, "value", s)))
        raise _fail(s.lineno, "paste.err.init_statement", construct=kind)

    def forward(self, fwd: ast.FunctionDef) -> tuple[Op, ...]:
        for s in fwd.body:
            line = s.lineno
            if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant):
                continue
            if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
                got = self.expr(s.value, line)
                if not isinstance(got, Tensor):
                    raise _fail(line, "paste.err.forward_statement", construct=_describe(s.value))
                self.scope.local[s.targets[0].id] = got
                continue
            if isinstance(s, ast.Return) and s.value is not None:
                got = self.expr(s.value, line)
                if not isinstance(got, Tensor) or got.shape is not None:
                    raise _fail(line, "paste.err.forward_statement", construct=_describe(s.value))
                return got.ops
            kind = {ast.For: "for", ast.While: "while", ast.If: "if", ast.AugAssign: "+="}.get(type(s), type(s).__name__)
            raise _fail(line, "paste.err.forward_statement", construct=kind)
        raise _fail(fwd.lineno, "paste.err.forward_no_return")

    # ------------------------------------------------------------ the network

    def network(self) -> Parsed:
        found = tuple(self.findings)
        known = [f for f in self.flows if f.shape is not None]
        if known:
            last = known[-1]
            return Parsed(last.ops, "flow", last.shape, last.line, found)
        if self.flow_failed:
            return Parsed((), "none", findings=found)
        cls = next((i.cls for i in reversed(self.instances) if i.cls.ops is not None), None)
        cls = cls or next((c for c in reversed(self.classes) if c.ops is not None), None)
        if cls is not None:
            return Parsed(cls.ops, "class", findings=found)
        if any(c.ops is None for c in self.classes):
            return Parsed((), "none", findings=found)
        seqs = [(n, s) for n, s in self.top_layers if isinstance(s, Seq) and id(s) not in self.used_in_seq]
        if seqs:
            name, seq = seqs[-1]
            return Parsed(expand(seq, name, seq.line), "sequential", findings=found)
        loose = [v.op for n, v in self.top_layers if isinstance(v, Layer) and id(v) not in self.used_in_seq]
        loose = sorted(loose + self.loose, key=lambda op: op.line)
        if loose:
            return Parsed(tuple(loose), "loose", findings=found)
        return Parsed((), "none", findings=found)


def _var_name(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


def _targets(stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, ast.Assign):
        return [t.id for t in stmt.targets if isinstance(t, ast.Name)]
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return [stmt.target.id]
    if isinstance(stmt, ast.ClassDef):
        return [stmt.name]
    return []


def expand(value: Any, prefix: str, line: int, depth: int = 0) -> tuple[Op, ...]:
    """The leaf ops of a layer, Sequential or module instance, named the way torch names submodules."""
    if depth > L.MAX_NESTING:
        raise _fail(line, "paste.err.too_deep_nesting", max=L.MAX_NESTING)
    if isinstance(value, Layer):
        name = prefix or value.op.name or value.op.cls
        return (replace(value.op, name=name),)
    if isinstance(value, Seq):
        ops: list[Op] = []
        prefix = prefix or value.name
        for child_name, child in value.items:
            ops += expand(child, f"{prefix}.{child_name}" if prefix else child_name, line, depth + 1)
        return tuple(ops)
    if isinstance(value, Instance):
        if value.cls.ops is None:
            raise PasteError(finding("note", line, "paste.note.after_error", name=value.cls.name, where=value.cls.line))
        pre = f"{prefix}." if prefix else ""
        return tuple(replace(op, name=pre + op.name) for op in value.cls.ops)
    raise _fail(line, "paste.err.not_a_layer", construct=type(value).__name__)


def shape_problem(dims: tuple[int, ...]) -> tuple[str, dict] | None:
    """Why an input shape is refused (key, params), or None. 4-D N×C×H×W, 3-D C×H×W or 2-D N×F."""
    if any(d < 1 for d in dims):
        return "paste.err.shape_positive", {"shape": shape_text(dims)}
    if len(dims) == 4:
        limits = (L.MAX_BATCH, L.MAX_CHANNELS, L.MAX_SPATIAL, L.MAX_SPATIAL)
    elif len(dims) == 3:
        limits = (L.MAX_CHANNELS, L.MAX_SPATIAL, L.MAX_SPATIAL)
    elif len(dims) == 2:
        limits = (L.MAX_BATCH, L.MAX_FEATURES)
    else:
        return "paste.err.shape_rank", {"shape": shape_text(dims)}
    for d, hi in zip(dims, limits):
        if d > hi:
            return "paste.err.shape_too_big", {"shape": shape_text(dims), "value": d, "max": f"{hi:,}"}
    return None


def read(code: str | bytes) -> Parsed:
    """Parse a paste one top-level statement at a time; never raises for any input (every problem is a finding)."""
    try:
        text = textwrap.dedent(decode(code))  # lines copied from inside a class keep their indentation
        spans = precheck(text)
    except PasteError as exc:
        return Parsed((), "none", findings=(exc.finding,))
    reader = Reader(text)
    try:
        for first, last in spans:
            try:
                tree = parse_statement(reader.lines, first, last)
            except PasteError as exc:
                reader.findings.append(exc.finding)
                reader.flow_failed = True  # the network may be in the broken statement: do not guess another
                continue
            reader.run(tree)
            del tree
        return reader.network()
    except PasteError as exc:
        return Parsed((), "none", findings=(*reader.findings, exc.finding))
    except RecursionError:
        return Parsed((), "none", findings=(*reader.findings, finding("error", 0, "paste.err.too_deep", max=L.MAX_DEPTH)))
    except Exception as exc:  # noqa: BLE001 - a reader bug must not become a traceback on a classroom server
        return Parsed((), "none", findings=(*reader.findings, finding("error", 0, "paste.err.internal",
                                                                      what=type(exc).__name__)))

__all__ = ["SHAPE_KEEPING", "Finding", "Op", "Parsed", "finding", "read", "shape_problem", "decode",
           "precheck", "parse_statement"]
