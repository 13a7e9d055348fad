"""Real MNIST from the four standard IDX ``.gz`` files: find or download them, validate, load as tensors.

IDX format (LeCun et al., http://yann.lecun.com/exdb/mnist/): big-endian int32 magic (2049 labels,
2051 images), then one int32 per dimension, then unsigned bytes. Downloads are checked against the
published md5 of each ``.gz`` (the same values torchvision checks).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
import sys
import tempfile
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import torch

from dsconv.datadirs import SHARED, first_complete, search_path
from dsconv.i18n import TranslatableError, t

DEFAULT_DIR = Path("~/.cache/dsconv/mnist").expanduser()
MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
SIDE = 28


@dataclass(frozen=True)
class IdxFile:
    """One of the four MNIST files: its name, published md5 of the ``.gz``, magic and item count."""

    name: str
    md5: str
    magic: int
    count: int


FILES: tuple[IdxFile, ...] = (
    IdxFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", IMAGE_MAGIC, 60_000),
    IdxFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", LABEL_MAGIC, 60_000),
    IdxFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", IMAGE_MAGIC, 10_000),
    IdxFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", LABEL_MAGIC, 10_000),
)
FILE_NAMES: tuple[str, ...] = tuple(f.name for f in FILES)

ProgressFn = Callable[[str, int, int], None]  # (file name, bytes done, bytes total or 0)


class MnistError(TranslatableError, RuntimeError):
    """Base of the MNIST errors; the message is translatable through ``key``/``params``."""


class MnistUnavailable(MnistError):
    """The files are not on disk and could not be downloaded (offline, or a bad download)."""


class MnistFormatError(MnistError):
    """A file is on disk but is not a valid MNIST IDX file (wrong magic, truncated, wrong count)."""


@dataclass(frozen=True)
class Mnist:
    """The whole data set: uint8 images (N, 28, 28) and int64 labels (N,)."""

    train_images: torch.Tensor
    train_labels: torch.Tensor
    test_images: torch.Tensor
    test_labels: torch.Tensor


def missing_files(directory: str | os.PathLike) -> list[str]:
    """Names of the four MNIST files that are not in ``directory``."""
    return [name for name in FILE_NAMES if not (Path(directory).expanduser() / name).is_file()]


def candidate_dirs() -> list[Path]:
    """Where the app looks for MNIST: ``$DSCONV_MNIST_DIR``, the user cache, then ``../shared/mnist`` (developers)."""
    return search_path("DSCONV_MNIST_DIR", DEFAULT_DIR, SHARED / "mnist")


def find_mnist(candidates: list[Path] | None = None) -> Path | None:
    """The first directory holding all four files, or None."""
    return first_complete(candidate_dirs() if candidates is None else candidates, FILE_NAMES)


def md5_of(path: Path) -> str:
    """Hex md5 of a file, read in chunks."""
    digest = hashlib.md5()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch(url: str, dest: Path, progress: ProgressFn | None = None, timeout: float = 30.0) -> None:
    """Download ``url`` into the file ``dest`` (the network step; tests replace this function)."""
    request = urllib.request.Request(url, headers={"User-Agent": "dsconv-explorer"})
    with urllib.request.urlopen(request, timeout=timeout) as response, open(dest, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        done = 0
        while chunk := response.read(1 << 16):
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(Path(url).name, done, total)


def text_progress(name: str, done: int, total: int) -> None:
    """A one-line progress bar on stderr (the default for the command line)."""
    if total:
        filled = int(30 * done / total)
        line = f"\r{name:<28} [{'#' * filled}{'.' * (30 - filled)}] {done / 1e6:5.1f}/{total / 1e6:.1f} MB"
    else:
        line = f"\r{name:<28} {done / 1e6:5.1f} MB"
    sys.stderr.write(line + ("\n" if total and done >= total else ""))
    sys.stderr.flush()


def download_file(spec: IdxFile, directory: Path, progress: ProgressFn | None = text_progress) -> Path:
    """Fetch one file from the mirrors into ``directory``: temp file, md5 check, then rename."""
    target = directory / spec.name
    errors: list[str] = []
    for mirror in MIRRORS:
        fd, tmp_name = tempfile.mkstemp(prefix=spec.name + ".", suffix=".part", dir=directory)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            fetch(mirror + spec.name, tmp, progress)
            got = md5_of(tmp)
            if got != spec.md5:
                errors.append(t("train.data.bad_checksum", "en", file=spec.name, url=mirror, got=got, want=spec.md5))
                continue
            os.replace(tmp, target)
            return target
        except (urllib.error.URLError, OSError, ValueError) as exc:
            errors.append(f"{mirror}{spec.name}: {exc}")
        finally:
            if tmp.exists():
                tmp.unlink()
    raise MnistUnavailable(
        "train.data.unavailable", directory=str(directory), files=", ".join(FILE_NAMES), reason="; ".join(errors)
    )


def ensure_mnist(
    directory: str | os.PathLike = DEFAULT_DIR,
    download: bool = True,
    progress: ProgressFn | None = text_progress,
) -> Path:
    """``directory`` once it holds the four files, downloading the missing ones when allowed.

    Raises :class:`MnistUnavailable` (saying where to put the files) when they cannot be had.
    """
    directory = Path(directory).expanduser()
    missing = missing_files(directory)
    if not missing:
        return directory
    if not download:
        raise MnistUnavailable(
            "train.data.unavailable", directory=str(directory), files=", ".join(FILE_NAMES),
            reason=t("train.data.missing", "en", missing=", ".join(missing)),
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MnistUnavailable(
            "train.data.unavailable", directory=str(directory), files=", ".join(FILE_NAMES), reason=str(exc)
        ) from exc
    for spec in FILES:
        if spec.name in missing:
            download_file(spec, directory, progress)
    return directory


def read_idx(path: Path, magic: int, count: int | None = None) -> torch.Tensor:
    """The uint8 array of one gzipped IDX file, checking magic, item count, 28x28 size and length."""
    try:
        with gzip.open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError as exc:
        raise MnistFormatError("train.data.file_missing", file=str(path)) from exc
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError; truncated gzip is EOFError
        raise MnistFormatError("train.data.bad_gzip", file=str(path), reason=str(exc) or type(exc).__name__) from exc
    ndim = 3 if magic == IMAGE_MAGIC else 1
    header = 4 * (1 + ndim)
    if len(raw) < header:
        raise MnistFormatError("train.data.truncated", file=str(path), got=len(raw), want=header)
    (got_magic,) = struct.unpack(">i", raw[:4])
    if got_magic != magic:
        raise MnistFormatError("train.data.bad_magic", file=str(path), got=got_magic, want=magic)
    dims = struct.unpack(f">{ndim}i", raw[4:header])
    if count is not None and dims[0] != count:
        raise MnistFormatError("train.data.bad_count", file=str(path), got=dims[0], want=count)
    if ndim == 3 and dims[1:] != (SIDE, SIDE):
        raise MnistFormatError("train.data.bad_size", file=str(path), got=f"{dims[1]}x{dims[2]}", want=f"{SIDE}x{SIDE}")
    want = header + int(torch.tensor(dims).prod())
    if len(raw) != want:
        raise MnistFormatError("train.data.truncated" if len(raw) < want else "train.data.too_long",
                               file=str(path), got=len(raw), want=want)
    data = torch.frombuffer(bytearray(raw[header:]), dtype=torch.uint8).reshape(dims)
    if magic == LABEL_MAGIC and int(data.max()) > 9:
        raise MnistFormatError("train.data.bad_label", file=str(path), got=int(data.max()))
    return data


def load_mnist(directory: str | os.PathLike = DEFAULT_DIR) -> Mnist:
    """All four files of ``directory`` as tensors (raises :class:`MnistFormatError` naming a bad file)."""
    directory = Path(directory).expanduser()
    missing = missing_files(directory)
    if missing:
        raise MnistUnavailable(
            "train.data.unavailable", directory=str(directory), files=", ".join(FILE_NAMES),
            reason=t("train.data.missing", "en", missing=", ".join(missing)),
        )
    arrays = [read_idx(directory / spec.name, spec.magic, spec.count) for spec in FILES]
    train_x, train_y, test_x, test_y = arrays
    return Mnist(train_x, train_y.long(), test_x, test_y.long())

