"""Every benchmark script imports as ``python3 bench/<name>.py`` would run it (the closing notes' figures come
from these; a moved module must not leave one broken until somebody needs its number)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p for p in (ROOT / "bench").glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_bench_script_imports(script: Path) -> None:
    # a fresh interpreter from the repository root with sys.path as ``python3 bench/x.py`` sets it (the script's
    # folder first, not the current directory: -P); the script's main() is not run
    code = (f"import runpy, sys; sys.path.insert(0, {str(script.parent)!r}); "
            f"runpy.run_path({str(script)!r}, run_name='bench_import_check')")
    done = subprocess.run([sys.executable, "-P", "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_finds_the_scripts() -> None:
    assert len(SCRIPTS) >= 10 and any(p.name == "stage.py" for p in SCRIPTS)
