"""The UCI "Pen-Based Recognition of Handwritten Digits" trajectories (UNIPEN text files, Alpaydin & Alimoglu 1998).

Each digit is a list of strokes (``.PEN_DOWN`` ... ``.PEN_UP``), each stroke a list of ``x y`` tablet
points in a 500 x 500 box sampled every 100 ms. Tablet y grows upward, so it is flipped here
(``y = 500 - y``) to screen coordinates. The 30 training writers may be used to train; the 14 test
writers (other people) only to evaluate.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dsconv.datadirs import SHARED, first_complete, search_path

TABLET = 500  # the writing box is TABLET x TABLET tablet units
FILES = {"train": "pendigits-orig.tra.gz", "test": "pendigits-orig.tes.gz"}
COUNTS = {"train": 7_494, "test": 3_498}
WRITERS = {"train": 30, "test": 14}
DEFAULT_DIR = Path("~/.cache/dsconv/pendigits").expanduser()


class PenDigitsError(RuntimeError):
    """The pen-digit files are missing or not in the expected UNIPEN format."""


@dataclass(frozen=True)
class PenDigit:
    """One digit: its label, writer (numbered per file), index, and strokes in screen coordinates (y down)."""

    label: int
    writer: int
    index: int
    strokes: tuple[np.ndarray, ...]  # each (n, 2) float32 of (x, y)

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of all points."""
        pts = np.concatenate(self.strokes)
        return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())


def candidate_dirs() -> list[Path]:
    """Where to look: ``$DSCONV_PENDIGITS_DIR``, ``../shared/pendigits`` next to the checkout, the user cache."""
    return search_path("DSCONV_PENDIGITS_DIR", SHARED / "pendigits", DEFAULT_DIR)


def find_pendigits(candidates: list[Path] | None = None) -> Path | None:
    """The first directory holding both files, or None."""
    return first_complete(candidate_dirs() if candidates is None else candidates, FILES.values())


def parse_unipen(text: str) -> list[PenDigit]:
    """Every ``.SEGMENT DIGIT`` of a UNIPEN text, with y flipped to grow downward."""
    digits: list[PenDigit] = []
    label = writer = index = None
    strokes: list[np.ndarray] = []
    points: list[tuple[float, float]] | None = None

    def close() -> None:
        if label is not None:
            if not strokes:
                raise PenDigitsError(f"digit {len(digits) + 1} (label {label}) has no strokes")
            digits.append(PenDigit(label, writer if writer is not None else 0, index if index is not None else len(digits),
                                   tuple(strokes)))

    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith(".SEGMENT"):
            close()
            parts = line.split('"')
            if len(parts) < 2 or not parts[1].isdigit():
                raise PenDigitsError(f"line {lineno}: no digit label in {line!r}")
            label, writer, index, strokes = int(parts[1]), None, None, []
        elif line.startswith(".COMMENT") and label is not None:
            fields = line.split()
            if len(fields) >= 4 and all(f.isdigit() for f in fields[1:4]):
                writer, index = int(fields[2]), int(fields[3])
        elif line.startswith(".PEN_DOWN"):
            points = []
        elif line.startswith(".PEN_UP"):
            if points:
                arr = np.asarray(points, dtype=np.float32)
                arr[:, 1] = TABLET - arr[:, 1]  # tablet y grows upward; screens grow downward
                strokes.append(arr)
            points = None
        elif line.startswith("."):
            continue
        elif points is not None:
            fields = line.split()
            if len(fields) != 2:
                raise PenDigitsError(f"line {lineno}: expected 'x y', got {line!r}")
            points.append((float(fields[0]), float(fields[1])))
    close()
    return digits


def load_pendigits(directory: str | os.PathLike | None = None, split: str = "test") -> list[PenDigit]:
    """All digits of one split ("train": 30 writers, "test": 14 other writers) from ``directory``."""
    if split not in FILES:
        raise ValueError(f"split must be 'train' or 'test' (got {split!r})")
    base = Path(directory).expanduser() if directory is not None else find_pendigits()
    if base is None:
        raise PenDigitsError(f"pen digits not found (looked in {', '.join(map(str, candidate_dirs()))})")
    path = base / FILES[split]
    try:
        with gzip.open(path, "rt", encoding="ascii") as handle:
            text = handle.read()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise PenDigitsError(f"cannot read {path}: {exc}") from exc
    return parse_unipen(text)


def subset_by_writer(digits: list[PenDigit], writers: set[int]) -> list[PenDigit]:
    """The digits of the given writers only."""
    return [d for d in digits if d.writer in writers]
