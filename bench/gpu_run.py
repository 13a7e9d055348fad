"""All the GPU work of issue 25 in one run (<= 8 minutes): the three Draw models, a time-to-99% speed run, evaluation.

1. Renders the pen digits on every CPU core (training-writer variants, the test writers' pen x size grid) into
   the caches the library reads, so no GPU second waits on Python drawing code.
2. Makes seed_dsconv, seed_standard and dsconv_plus with their shipped recipe on the GPU, from scratch, through the
   same command as on CPU (``python -m dsconv.train --recipe shipped --model NAME --device cuda ...``): weights and
   card entries (validation, MNIST test read once, time to 99%, wall time) go to the output folder.
3. Speed run: seed_dsconv's fastest time to 99.0% MNIST test accuracy with the whole data set on the GPU as
   tensors, large batches, bf16 autocast, channels_last and ``torch.compile`` (compile and warm-up timed apart),
   through :func:`dsconv.mnist.training.fit` with tests every few steps (left out of the time). Every
   configuration tried is reported, not only the fastest.
4. Evaluates each model on the pen-digit test writers through the Draw page's preprocessing (default pen and the
   pen 8-30 x size 110-200 grid) into the output card.

Here, before the GPU run (the data in ../shared is outside the repository and would not travel)::

    python bench/gpu_run.py --pack                 # copies MNIST + pen digits into gpu_data/ (git-ignored)
    python bench/gpu_run.py --smoke --out runs/gpu_smoke   # the whole script on CPU on tiny data (tests run this)

On the GPU machine (carry ``gpu_data``)::

    PYTHONUNBUFFERED=1 python3 bench/gpu_run.py --out runs/gpu --copy-to $OUT

Output folder: ``<model>.pt``, ``models.json``, ``MODEL_CARD.md``, ``gpu_run.log``, ``summary.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA_DIR = Path("gpu_data")  # inside the repository (git-ignored), relative so the recorded commands are too
MNIST_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
               "t10k-labels-idx1-ubyte.gz")
PEN_FILES = ("pendigits-orig.tra.gz", "pendigits-orig.tes.gz")
MODELS = ("seed_dsconv", "seed_standard", "dsconv_plus")
# Speed-run configurations (epochs, batch, peak lr), tried in this order while the budget lasts.
SPEED_CONFIGS: tuple[tuple[int, int, float], ...] = ((3, 500, 1e-2), (4, 500, 1e-2), (3, 250, 8e-3), (2, 250, 1e-2),
                                                     (5, 1000, 1.5e-2))


def pack(shared: Path, target: Path) -> list[Path]:
    """Copy the MNIST and pen-digit files from ``shared`` (../shared) into ``target`` (gpu_data/) for the trip."""
    copied = []
    for sub, names in (("mnist", MNIST_FILES), ("pendigits", PEN_FILES)):
        (target / sub).mkdir(parents=True, exist_ok=True)
        for name in names:
            src = shared / sub / name
            if not src.is_file():
                raise FileNotFoundError(f"{src} is missing: --pack needs ../shared/{sub}/{name}")
            shutil.copy2(src, target / sub / name)
            copied.append(target / sub / name)
    return copied


class Log:
    """Print and append to the run's log file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.start = time.perf_counter()
        path.write_text("")

    def __call__(self, text: str) -> None:
        line = f"[{time.perf_counter() - self.start:7.1f} s] {text}"
        print(line, flush=True)
        with open(self.path, "a") as handle:
            handle.write(line + "\n")

    def elapsed(self) -> float:
        return time.perf_counter() - self.start


def prerender(pen_dir: Path, variants: int, seed: int, cells: list[tuple[int, int]], cell_cache: Path, workers: int,
              log: Log, variant_limit: int | None = None, writers: list[int] | None = None) -> None:
    """Fill the pen-digit caches on ``workers`` processes: the training variants (as ``training_variants`` would
    write them) and the test-writer cells (as ``dsconv.evaluate`` reads them)."""
    import multiprocessing as mp

    import torch

    from dsconv.handwriting.dataset import CACHE_DIR, random_specs, render_chunk, render_set
    from dsconv.handwriting.evaluation import cache_cell
    from dsconv.handwriting.pendigits import load_pendigits

    ctx = mp.get_context("spawn")  # a forked child can hang in OpenMP once the parent has run torch ops
    digits = load_pendigits(pen_dir, "train")
    many = [d for _ in range(variants) for d in digits]
    specs = random_specs(len(many), seed)
    if variant_limit is not None:  # smoke: render a slice in parallel and check it equals the serial render
        many, specs = many[:variant_limit], specs[:variant_limit]
    t0 = time.perf_counter()
    step = max(1, len(many) // (workers * 4))
    chunks = [(many[i:i + step], specs[i:i + step]) for i in range(0, len(many), step)]
    with ctx.Pool(workers) as pool:
        parts = pool.map(render_chunk, chunks)
    images = torch.cat([p[0] for p in parts])
    labels = torch.cat([p[1] for p in parts])
    if variant_limit is not None:
        serial = render_set(many, specs)
        if not (torch.equal(serial[0], images) and torch.equal(serial[1], labels)):
            raise RuntimeError("parallel pen-digit render differs from the serial one")
        log(f"prerender: {len(many)} training variants in parallel equal the serial render")
    else:
        path = CACHE_DIR / f"pendigits_train_v{variants}_s{seed}.pt"
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"images": images, "labels": labels}, path)
        log(f"prerender: {len(many):,} training variants in {time.perf_counter() - t0:.1f} s on {workers} processes")
    t0 = time.perf_counter()
    test = load_pendigits(pen_dir, "test")
    if writers:
        test = [d for d in test if d.writer in set(writers)]
    with ctx.Pool(min(workers, len(cells))) as pool:
        pool.map(cache_cell, [(test, p, s, cell_cache) for p, s in cells])
    log(f"prerender: {len(cells)} test cells x {len(test):,} digits in {time.perf_counter() - t0:.1f} s")


def make_models(device: str, data: Path, out: Path, log: Log, extra: list[str]) -> dict[str, dict]:
    """Each Draw model with its shipped recipe (the CPU command, ``--device`` changed); their card entries."""
    from dsconv import train as train_cli
    from dsconv.mnist.card import read_card

    made = {}
    for name in MODELS:
        argv = ["--recipe", "shipped", "--model", name, "--device", device, "--data", str(data / "mnist"),
                "--pendigits-dir", str(data / "pendigits"), "--out", str(out), *extra]
        log(f"train: python -m dsconv.train {' '.join(argv)}")
        t0 = time.perf_counter()
        try:
            rc = train_cli.main(argv)
        except Exception as exc:  # one model failing must not cost the others their GPU time
            log(f"train {name}: FAILED {type(exc).__name__}: {exc}")
            continue
        entry = read_card(out).get(name)
        if rc != 0 or entry is None:
            log(f"train {name}: exit code {rc}")
            continue
        images = entry["train_images"] * entry["epochs"]
        entry["images_per_s"] = round(images / max(entry["wall_time_s"], 1e-9), 1)
        made[name] = entry
        log(f"train {name}: {time.perf_counter() - t0:.1f} s; training {entry['wall_time_s']} s "
            f"({entry['images_per_s']:,.0f} images/s), validation MNIST {entry['validation']['mnist_accuracy']}, "
            f"pen {entry['validation']['pen_accuracy']}; MNIST test {entry['test_accuracy']}; "
            f"time to 99% {entry['time_to_99_s']} s")
    return made


def speed_run(device_name: str, data: Path, log: Log, budget_end: float, smoke: bool, compile_model: bool) -> list[dict]:
    """seed_dsconv's time to 99.0% MNIST test accuracy, per configuration; compile/warm-up timed apart."""
    import torch

    from dsconv.mnist.data import Mnist, load_mnist
    from dsconv.mnist.models import build
    from dsconv.mnist.training import TrainConfig, fit

    mnist = load_mnist(data / "mnist")
    results = []
    configs = SPEED_CONFIGS[:1] if smoke else SPEED_CONFIGS
    for epochs, batch, lr in configs:
        if time.perf_counter() > budget_end:
            log("speed: budget spent, remaining configurations skipped")
            break
        config = TrainConfig(epochs=1 if smoke else epochs, batch_size=batch, lr=lr, augment=False, drop_last=True, device=device_name,
                             eval_every=max(1, 60_000 // batch // 4), target=0.99, milestones=(0.98, 0.99),
                             progress_every=10**9, seed=0, subset=1_000 if smoke else None,
                             test_limit=1_000 if smoke else None)
        torch.manual_seed(0)
        model = build("seed_dsconv")
        initial = {k: v.clone() for k, v in model.state_dict().items()}
        runner, compiled, warm = model, False, 0.0
        if compile_model:
            t0 = time.perf_counter()
            try:
                runner = torch.compile(model)
                # warm-up: the same code paths and shapes (train step, evaluation) on a slice, then the start again
                tiny = Mnist(mnist.train_images[: batch * 2], mnist.train_labels[: batch * 2],
                             mnist.test_images[:1000], mnist.test_labels[:1000])
                fit(runner, TrainConfig(epochs=1, batch_size=batch, lr=lr, augment=False, drop_last=True,
                                        device=device_name, progress_every=10**9), tiny)
                if device_name == "cuda":
                    torch.cuda.synchronize()
                model.load_state_dict(initial)
                compiled = True
            except Exception as exc:  # no compiler, or a graph break that fails: eager still measures
                log(f"speed: torch.compile failed ({type(exc).__name__}: {str(exc)[:200]}); eager instead")
                model.load_state_dict(initial)
                runner = model
            warm = time.perf_counter() - t0
        try:
            result = fit(runner, config, mnist)
        except Exception as exc:  # a compiled graph failing mid-run: log it, keep the other configurations
            log(f"speed: {epochs} epochs, batch {batch}: FAILED {type(exc).__name__}: {str(exc)[:300]}")
            continue
        n = min(config.subset or 60_000, 60_000)
        row = {"epochs": epochs, "batch": batch, "lr": lr, "compiled": compiled, "compile_warmup_s": round(warm, 2),
               "time_to_99_s": None if result.time_to_target is None else round(result.time_to_target, 3),
               "time_to_98_s": None if 0.98 not in result.time_to else round(result.time_to[0.98], 3),
               "final_test_accuracy": round(result.test_accuracy, 4),
               "train_seconds": round(result.seconds - result.probe_seconds, 3),
               "images_per_s": round(n * len(result.history) / max(result.seconds - result.probe_seconds, 1e-9), 0)}
        results.append(row)
        log(f"speed: {row}")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pack", action="store_true", help="copy ../shared/{mnist,pendigits} into gpu_data/ and stop")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="where --pack copies from")
    ap.add_argument("--data", default=str(DATA_DIR), help="folder with mnist/ and pendigits/ (made by --pack)")
    ap.add_argument("--out", default="runs/gpu", help="output folder (weights, card, log, summary)")
    ap.add_argument("--copy-to", default=None, help="also copy the output files here at the end (the device's $OUT)")
    ap.add_argument("--cache", default=None, help="render caches (default: <data>/cache)")
    ap.add_argument("--smoke", action="store_true", help="on CPU, tiny data: checks every step of the script")
    ap.add_argument("--budget", type=float, default=450.0, help="seconds; optional steps stop when it is spent")
    ap.add_argument("--no-compile", action="store_true", help="speed run without torch.compile")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the pen-digit renders")
    args = ap.parse_args(argv)
    if args.pack:
        files = pack(Path(args.shared), Path(args.data))
        print(f"copied {len(files)} files into {args.data}/ ({sum(f.stat().st_size for f in files):,} bytes)")
        return 0
    data = Path(args.data)
    cache = Path(args.cache) if args.cache else data / "cache"
    os.environ["DSCONV_CACHE"] = str(cache)  # before dsconv is imported: the render caches go with the data
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    log = Log(out / "gpu_run.log")
    budget_end = time.perf_counter() + args.budget

    import torch

    from dsconv.handwriting.evaluation import GRID_PENS, GRID_SIZES
    from dsconv.mnist.shipped import SHIPPED

    device = "cpu" if args.smoke else "cuda"
    if device == "cuda" and not torch.cuda.is_available():
        log("error: no CUDA device (use --smoke on a CPU)")
        return 2
    gpu = torch.cuda.get_device_name(0) if device == "cuda" else "CPU (smoke)"
    log(f"device {gpu}; torch {torch.__version__}; {os.cpu_count()} CPU cores; data {data}; out {out}")
    summary: dict = {"device": gpu, "torch": torch.__version__, "smoke": args.smoke}
    pens, sizes = (list(GRID_PENS), list(GRID_SIZES)) if not args.smoke else ([20], [200])
    writers = [1] if args.smoke else None
    cell_cache = cache / "pen_cells"
    t0 = time.perf_counter()
    variants = SHIPPED["seed_dsconv"].pen_digits
    prerender(data / "pendigits", variants, 0, [(p, s) for p in pens for s in sizes], cell_cache,
              max(1, min(args.workers, 16)), log, variant_limit=64 if args.smoke else None, writers=writers)
    summary["prerender_s"] = round(time.perf_counter() - t0, 1)

    extra = ["--subset", "64", "--epochs", "1", "--threads", "1"] if args.smoke else []
    made = make_models(device, data, out, log, extra)
    summary["models"] = {n: {k: e.get(k) for k in ("test_accuracy", "validation", "time_to_99_s", "wall_time_s",
                                                     "command_wall_time_s", "images_per_s", "epochs", "selected",
                                                     "device_name", "command")} for n, e in made.items()}
    try:
        summary["speed"] = speed_run(device, data, log, budget_end, args.smoke, not args.no_compile and not args.smoke)
    except Exception as exc:
        log(f"speed: FAILED {type(exc).__name__}: {exc}")
        summary["speed"] = []
    reached = [r for r in summary["speed"] if r["time_to_99_s"] is not None]
    summary["fastest_time_to_99_s"] = min((r["time_to_99_s"] for r in reached), default=None)

    if made:
        from dsconv import evaluate as evaluate_cli

        eval_argv = ["--pendigits", str(data / "pendigits"), "--assets", str(out), "--pens", ",".join(map(str, pens)),
                     "--sizes", ",".join(map(str, sizes)), "--cache", str(cell_cache), "--update-card"]
        if writers:
            eval_argv += ["--writers", ",".join(map(str, writers))]
        log(f"pen digits: python -m dsconv.evaluate {' '.join(eval_argv)}")
        t0 = time.perf_counter()
        try:
            evaluate_cli.main(eval_argv)
        except Exception as exc:
            log(f"pen digits: FAILED {type(exc).__name__}: {exc}")
        from dsconv.mnist.card import read_card

        for name, entry in read_card(out).items():
            if name in summary["models"]:
                summary["models"][name].update({k: entry.get(k) for k in ("pen_accuracy", "pen_worst_cell", "pen_mean_grid")})
        log(f"pen digits: {time.perf_counter() - t0:.1f} s")
    cpu = {}
    try:
        from dsconv.mnist.card import read_card

        cpu = {n: {"validation_score": e.get("validation", {}).get("score"), "test_accuracy": e.get("test_accuracy"),
                   "wall_time_s": e.get("wall_time_s"), "time_to_99_s": e.get("time_to_99_s"),
                   "device_name": e.get("device_name")} for n, e in read_card(ROOT / "assets").items() if n in MODELS}
    except Exception:
        pass
    summary["cpu_card"] = cpu  # the shipped CPU models, for the "at least as good on validation" rule
    summary["total_s"] = round(log.elapsed(), 1)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    log(f"done in {summary['total_s']} s; fastest time to 99%: {summary['fastest_time_to_99_s']} s")
    if args.copy_to:
        dest = Path(args.copy_to)
        dest.mkdir(parents=True, exist_ok=True)
        for f in out.iterdir():
            if f.is_file() and not f.name.startswith("."):
                shutil.copy2(f, dest / f.name)
    return 0 if made else 1


if __name__ == "__main__":
    raise SystemExit(main())
