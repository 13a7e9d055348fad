"""Where things are found: the data sets (an environment variable first, then the given folders) and the assets.

MNIST (:mod:`dsconv.mnist.data`) and the pen digits (:mod:`dsconv.handwriting.pendigits`) share this rule;
``SHARED`` is the ``../shared`` folder next to a developer's checkout.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

SHARED = Path(__file__).resolve().parents[2] / "shared"
ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"  # the shipped weights and model card


def assets_dir() -> Path:
    """``$DSCONV_ASSETS`` when set, else the repository's ``assets/``: where weights and ``models.json`` live."""
    env = os.environ.get("DSCONV_ASSETS")
    return Path(env).expanduser() if env else ASSETS_DIR


def search_path(env_var: str, *folders: Path) -> list[Path]:
    """``$env_var`` (when set), then ``folders``."""
    env = os.environ.get(env_var)
    return ([Path(env).expanduser()] if env else []) + list(folders)


def first_complete(candidates: Iterable[Path], names: Iterable[str]) -> Path | None:
    """The first folder holding every file in ``names``, or None."""
    names = tuple(names)
    for folder in candidates:
        if all((Path(folder).expanduser() / name).is_file() for name in names):
            return Path(folder)
    return None
