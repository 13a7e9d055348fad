"""Cheap guards before ``ast.parse``: UTF-8, size bounds, and a streaming token scan (no recursion).

The scan also splits the paste into top-level statements, so each is parsed on its own and the reader's
memory is bounded by one statement.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

from dsconv.paste import limits as L
from dsconv.paste.values import _fail

def decode(raw: str | bytes) -> str:
    """Text of a paste; bytes must be UTF-8 (a :class:`PasteError` names the first bad byte)."""
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _fail(0, "paste.err.not_utf8", byte=f"0x{raw[exc.start]:02x}", pos=exc.start) from None
    return raw


CONTINUATIONS = frozenset({"else", "elif", "except", "finally"})
_LONG_DIGITS = re.compile(r"[0-9_]{%d,}" % (4 * L.MAX_NUMBER_CHARS))


def precheck(code: str) -> list[tuple[int, int]]:
    """Bounds checked with the tokenizer only (streaming, no recursion), so ``ast.parse`` never sees a monster.

    Returns the line span ``(first, last)`` of every top-level statement, so each is parsed on its own and
    the reader's memory is bounded by one statement (at most :data:`limits.MAX_STMT_TOKENS` tokens).
    """
    if len(code) > L.MAX_CHARS:
        raise _fail(0, "paste.err.too_long", n=len(code), max=L.MAX_CHARS)
    lines = code.count("\n") + 1
    if lines > L.MAX_LINES:
        raise _fail(0, "paste.err.too_many_lines", n=lines, max=L.MAX_LINES)
    for number, text in enumerate(code.split("\n"), start=1):
        if len(text) > L.MAX_LINE_CHARS:
            raise _fail(number, "paste.err.line_too_long", n=len(text), max=L.MAX_LINE_CHARS)
    if "\x00" in code:
        raise _fail(code[: code.index("\x00")].count("\n") + 1, "paste.err.null_byte")
    digits = _LONG_DIGITS.search(code)  # before the tokenizer, whose regex pays for a long number
    if digits is not None:
        raise _fail(code[: digits.start()].count("\n") + 1, "paste.err.number_too_long",
                    text=digits.group()[:16] + "…", max=L.MAX_NUMBER_CHARS)
    depth = arith = dots = count = in_stmt = indent = 0
    starts: list[int] = []
    opened: list[int] = []  # lines of the brackets still open
    new_line, decorated = True, False
    insignificant = (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE,
                     tokenize.ENDMARKER)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            count += 1
            in_stmt += 1
            line = tok.start[0]
            if count > L.MAX_TOKENS:
                raise _fail(line, "paste.err.too_many_tokens", max=L.MAX_TOKENS)
            if tok.type not in insignificant and new_line:
                new_line = False
                if tok.start[1] == 0 and depth == 0 and not decorated and tok.string not in CONTINUATIONS:
                    starts.append(line)
                    in_stmt = 1
                decorated = tok.start[1] == 0 and tok.string == "@"
            if in_stmt > L.MAX_STMT_TOKENS:
                raise _fail(starts[-1] if starts else line, "paste.err.statement_too_long", max=L.MAX_STMT_TOKENS)
            if tok.type == tokenize.NUMBER and len(tok.string) > L.MAX_NUMBER_CHARS:
                raise _fail(line, "paste.err.number_too_long", text=tok.string[:16] + "…", max=L.MAX_NUMBER_CHARS)
            if tok.type == tokenize.STRING and len(tok.string) > L.MAX_STRING_CHARS and \
                    re.match(r"[rRbB]?[fF]", tok.string):
                raise _fail(line, "paste.err.fstring_too_long", max=L.MAX_STRING_CHARS)
            if tok.type == tokenize.INDENT:
                indent += 1
                if indent > L.MAX_INDENT:
                    raise _fail(line, "paste.err.too_deep_blocks", max=L.MAX_INDENT)
            elif tok.type == tokenize.DEDENT:
                indent -= 1
            if tok.type == tokenize.NEWLINE:
                arith = dots = 0
                new_line = True
            elif tok.type == tokenize.OP:
                s = tok.string
                if s in "([{":
                    depth += 1
                    opened.append(line)
                    if depth > L.MAX_DEPTH:
                        raise _fail(line, "paste.err.too_deep", max=L.MAX_DEPTH)
                elif s in ")]}":
                    depth = max(depth - 1, 0)
                    if opened:
                        opened.pop()
                elif s == ".":
                    dots += 1
                    if dots > L.MAX_DOTS:
                        raise _fail(line, "paste.err.too_complex", max=L.MAX_DOTS)
                elif s not in (",", ":", "=", ";", "->", "@"):
                    arith += 1
                    if arith > L.MAX_ARITH:
                        raise _fail(line, "paste.err.too_complex", max=L.MAX_ARITH)
    except tokenize.TokenError as exc:
        where = exc.args[1][0] if len(exc.args) > 1 and isinstance(exc.args[1], tuple) else 0
        if opened:  # an unclosed bracket: name the line it opens on
            raise _fail(opened[-1], "paste.err.unclosed") from None
        raise _fail(where, "paste.err.syntax", msg=str(exc.args[0])) from None
    except (SyntaxError, IndentationError) as exc:  # tokenize raises these for bad indentation
        raise _fail(exc.lineno or 0, "paste.err.syntax", msg=exc.msg) from None
    return [(first, (starts[i + 1] - 1) if i + 1 < len(starts) else lines) for i, first in enumerate(starts)]


def parse_statement(lines: list[str], first: int, last: int) -> ast.Module:
    """``ast.parse`` of lines ``first..last`` (1-based), line numbers kept; failures become a PasteError."""
    try:
        tree = ast.parse("\n".join(lines[first - 1:last]), mode="exec")
    except SyntaxError as exc:
        raise _fail((exc.lineno or 1) + first - 1, "paste.err.syntax", msg=exc.msg) from None
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        raise _fail(first, "paste.err.syntax", msg=type(exc).__name__) from None
    return ast.increment_lineno(tree, first - 1)
