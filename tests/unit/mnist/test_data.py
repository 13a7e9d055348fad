"""MNIST loader: real files, crafted bad files, and the download path with the network step mocked."""

from __future__ import annotations

import gzip
import shutil
import struct
import urllib.error
from pathlib import Path

import pytest

from dsconv.mnist import data
from dsconv.mnist.data import FILE_NAMES, MnistFormatError, MnistUnavailable, ensure_mnist, load_mnist, md5_of, read_idx
from dsconv.mnist.models import MNIST_MEAN, MNIST_STD


@pytest.mark.mnist
def test_real_mnist_loads_with_standard_shapes_and_statistics(mnist_dir):
    mnist = load_mnist(mnist_dir)
    assert tuple(mnist.train_images.shape) == (60_000, 28, 28)
    assert tuple(mnist.test_images.shape) == (10_000, 28, 28)
    assert mnist.train_labels.shape == (60_000,) and mnist.test_labels.shape == (10_000,)
    assert set(mnist.train_labels.unique().tolist()) == set(range(10))
    pixels = mnist.train_images.float() / 255
    assert float(pixels.mean()) == pytest.approx(MNIST_MEAN, abs=1e-4)
    assert float(pixels.std()) == pytest.approx(MNIST_STD, abs=1e-3)


@pytest.mark.mnist
def test_real_files_match_published_checksums(mnist_dir):
    for spec in data.FILES:
        assert md5_of(Path(mnist_dir) / spec.name) == spec.md5


def _write_gz(path: Path, payload: bytes) -> Path:
    with gzip.open(path, "wb") as handle:
        handle.write(payload)
    return path


def test_wrong_magic_names_the_file(tmp_path):
    path = _write_gz(tmp_path / "t10k-labels-idx1-ubyte.gz", struct.pack(">ii", 2051, 3) + bytes([1, 2, 3]))
    with pytest.raises(MnistFormatError, match="t10k-labels-idx1-ubyte.gz.*magic number 2051, expected 2049"):
        read_idx(path, data.LABEL_MAGIC, 3)


def test_wrong_count_is_refused(tmp_path):
    path = _write_gz(tmp_path / "labels.gz", struct.pack(">ii", 2049, 5) + bytes(5))
    with pytest.raises(MnistFormatError, match="labels.gz holds 5 items, expected 10000"):
        read_idx(path, data.LABEL_MAGIC, 10_000)


def test_header_count_larger_than_data_is_truncated(tmp_path):
    path = _write_gz(tmp_path / "images.gz", struct.pack(">iiii", 2051, 4, 28, 28) + bytes(3 * 28 * 28))
    with pytest.raises(MnistFormatError, match="images.gz is truncated"):
        read_idx(path, data.IMAGE_MAGIC, 4)


def test_wrong_image_size_is_refused(tmp_path):
    path = _write_gz(tmp_path / "images.gz", struct.pack(">iiii", 2051, 2, 32, 32) + bytes(2 * 32 * 32))
    with pytest.raises(MnistFormatError, match="32x32"):
        read_idx(path, data.IMAGE_MAGIC, 2)


def test_labels_outside_0_to_9_are_refused(tmp_path):
    path = _write_gz(tmp_path / "labels.gz", struct.pack(">ii", 2049, 2) + bytes([3, 12]))
    with pytest.raises(MnistFormatError, match="label 12"):
        read_idx(path, data.LABEL_MAGIC, 2)


def test_not_gzip_is_refused(tmp_path):
    path = tmp_path / "labels.gz"
    path.write_bytes(b"<html>404 not found</html>")
    with pytest.raises(MnistFormatError, match="labels.gz is not a complete gzip file"):
        read_idx(path, data.LABEL_MAGIC)


@pytest.mark.mnist
def test_truncated_real_file_names_the_file(mnist_dir, tmp_path):
    for name in FILE_NAMES:
        shutil.copyfile(Path(mnist_dir) / name, tmp_path / name)
    bad = tmp_path / "t10k-images-idx3-ubyte.gz"
    bad.write_bytes(bad.read_bytes()[:200_000])
    with pytest.raises(MnistFormatError, match="t10k-images-idx3-ubyte.gz"):
        load_mnist(tmp_path)


def test_missing_files_without_download_say_where_to_put_them(tmp_path):
    with pytest.raises(MnistUnavailable) as info:
        ensure_mnist(tmp_path / "mnist", download=False)
    text = str(info.value)
    assert str(tmp_path / "mnist") in text
    assert all(name in text for name in FILE_NAMES)
    assert "MNIST" in info.value.message("zh") and "放到" in info.value.message("zh")


def test_files_present_are_used_without_fetching(tmp_path, monkeypatch):
    for name in FILE_NAMES:
        (tmp_path / name).write_bytes(b"x")
    monkeypatch.setattr(data, "fetch", lambda *a, **k: pytest.fail("fetch must not run"))
    assert ensure_mnist(tmp_path) == tmp_path


def test_offline_download_fails_with_one_clear_error_and_no_partial_files(tmp_path, monkeypatch):
    def offline(url, dest, progress=None, timeout=30.0):
        Path(dest).write_bytes(b"partial")
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(data, "fetch", offline)
    target = tmp_path / "cache" / "mnist"
    with pytest.raises(MnistUnavailable) as info:
        ensure_mnist(target, progress=None)
    assert str(target) in str(info.value) and "name resolution" in str(info.value)
    assert list(target.iterdir()) == []  # temp files removed, nothing half-written


def test_checksum_mismatch_discards_the_download(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "fetch", lambda url, dest, progress=None, timeout=30.0: Path(dest).write_bytes(b"junk"))
    with pytest.raises(MnistUnavailable, match="md5"):
        ensure_mnist(tmp_path, progress=None)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.mnist
def test_download_path_verifies_and_renames_real_files(mnist_dir, tmp_path, monkeypatch):
    fetched = []

    def from_disk(url, dest, progress=None, timeout=30.0):
        name = url.rsplit("/", 1)[1]
        fetched.append(name)
        shutil.copyfile(Path(mnist_dir) / name, dest)
        if progress:
            progress(name, Path(dest).stat().st_size, Path(dest).stat().st_size)

    monkeypatch.setattr(data, "fetch", from_disk)
    seen = []
    target = tmp_path / "mnist"
    assert ensure_mnist(target, progress=lambda *args: seen.append(args)) == target
    assert sorted(fetched) == sorted(FILE_NAMES) and len(seen) == 4
    assert sorted(p.name for p in target.iterdir()) == sorted(FILE_NAMES)
    assert len(load_mnist(target).test_labels) == 10_000
